/* Copy buttons: <button data-copy="#input-id"> copies the input's value (CSP: no inline code). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    if (!input) return;
    input.select();
    var say = function (text) { if (status) status.textContent = text; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () { say("Copied."); },
        function () { say("Select the address and copy it (Ctrl+C)."); }
      );
    } else {
      say(document.execCommand && document.execCommand("copy") ? "Copied." : "Select the address and copy it (Ctrl+C).");
    }
  });
})();
