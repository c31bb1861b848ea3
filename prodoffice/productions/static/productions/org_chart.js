// The org chart: departments collapsed to their heads (each head's button opens its team),
// expand or collapse all, and a zoom (fit to the screen on load when the tree is wider).
(function () {
  "use strict";
  var chart = document.getElementById("org-chart");
  if (!chart) { return; }
  var tree = chart.querySelector(".org-root");
  var level = document.getElementById("org-zoom-level");
  var zoom = 1;

  function team(headId) {
    return chart.querySelectorAll('li.org-member[data-head="' + headId + '"]');
  }
  function setOpen(button, open) {
    team(button.dataset.orgToggle).forEach(function (li) { li.hidden = !open; });
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var head = button.closest("li");
    head.classList.toggle("org-open", open);
  }
  function setAll(open) {
    chart.querySelectorAll("[data-org-toggle]").forEach(function (b) { setOpen(b, open); });
    relink();
  }
  // The connectors follow the visible boxes: a group with nobody shown is hidden, and the first,
  // last or only visible box of a group ends the line as the first, last or only child does.
  function relink() {
    chart.querySelectorAll("ul").forEach(function (ul) {
      var shown = Array.prototype.filter.call(ul.children, function (li) { return !li.hidden; });
      Array.prototype.forEach.call(ul.children, function (li) {
        li.classList.remove("org-first", "org-last", "org-only");
      });
      if (ul !== tree) { ul.hidden = shown.length === 0; }
      if (shown.length === 1) { shown[0].classList.add("org-only"); }
      else if (shown.length > 1) {
        shown[0].classList.add("org-first");
        shown[shown.length - 1].classList.add("org-last");
      }
    });
  }
  function setZoom(value) {
    zoom = Math.min(2, Math.max(0.3, Math.round(value * 100) / 100));
    tree.style.zoom = String(zoom);
    if (level) { level.textContent = Math.round(zoom * 100) + "%"; }
  }
  function fit() {
    tree.style.zoom = "1";
    var wide = tree.scrollWidth;
    var room = chart.clientWidth - 8;
    setZoom(wide > room ? room / wide : 1);
  }

  chart.addEventListener("click", function (event) {
    var button = event.target.closest("[data-org-toggle]");
    if (button) { setOpen(button, button.getAttribute("aria-expanded") !== "true"); relink(); }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-org-expand-all], [data-org-collapse-all], [data-org-zoom]");
    if (!target) { return; }
    if (target.hasAttribute("data-org-expand-all")) { setAll(true); fit(); }
    else if (target.hasAttribute("data-org-collapse-all")) { setAll(false); fit(); }
    else if (target.dataset.orgZoom === "fit") { fit(); }
    else { setZoom(zoom + 0.1 * Number(target.dataset.orgZoom)); }
  });

  setAll(false);
  fit();
})();
