/* prodoffice: the few behaviours HTMX does not cover. No inline scripts (CSP). */
(function () {
  "use strict";

  // Disable a form's submit buttons while it is being sent (no double submits).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-no-disable")) return;
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.setAttribute("aria-busy", "true");
      });
    }, 0);
  });

  // Selects and checkboxes marked data-autosubmit refresh their filter form at once.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-confirm-select]")) {
      el.form.requestSubmit();
    }
  });

  // Buttons with data-confirm ask first (destructive transitions).
  document.addEventListener("click", function (event) {
    var btn = event.target.closest && event.target.closest("[data-confirm]");
    if (btn && !window.confirm(btn.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Print buttons.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();

// The org chart is wider than the page: open it centred on its top box, not on its left edge.
(function () {
  "use strict";
  var chart = document.getElementById("org-chart");
  if (!chart || chart.scrollWidth <= chart.clientWidth) return;
  var root = chart.querySelector("[role=treeitem]");
  var box = root && root.firstElementChild;
  if (!box) return;
  var b = box.getBoundingClientRect(), c = chart.getBoundingClientRect();
  var offset = b.left - c.left + chart.scrollLeft + b.width / 2 - chart.clientWidth / 2;
  chart.scrollLeft = Math.max(0, offset);
})();

// Inline validation swaps the whole form: never throw away what the user typed while the
// check was on its way (the next change sends a fresh check).
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("hx-post")) form.dataset.typedAt = String(Date.now());
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = event.detail.elt;
    if (el && el.tagName === "FORM") el.dataset.sentAt = String(Date.now());
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var el = event.detail.elt;
    if (!el || el.tagName !== "FORM") return;
    if (Number(el.dataset.typedAt || 0) > Number(el.dataset.sentAt || 0)) {
      event.detail.shouldSwap = false;
    }
  });
})();
