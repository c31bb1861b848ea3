// The contract desk: "tick all" and the count of ticked contracts in the bulk action bar.
// Event delegation, so the table can be swapped by HTMX (filters, pages) without re-binding.
(function () {
  "use strict";

  function ticks() {
    return Array.prototype.slice.call(document.querySelectorAll("input.tick[form='bulk-form']"));
  }

  function refresh() {
    var count = document.getElementById("bulk-count");
    if (!count) return;
    var n = ticks().filter(function (box) { return box.checked; }).length;
    count.textContent = n === 0 ? "None ticked." : n === 1 ? "1 contract ticked." : n + " contracts ticked.";
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "tick-all") {
      ticks().forEach(function (box) { box.checked = target.checked; });
      refresh();
    } else if (target.classList && target.classList.contains("tick")) {
      refresh();
    }
  });

  document.addEventListener("htmx:afterSwap", refresh);
  document.addEventListener("DOMContentLoaded", refresh);
})();
