/* The drawn signature of the signing page: strokes on <canvas id="signature-pad"> become a PNG
   data URL in the hidden signature_png field (CSP: no inline code). Optional: the typed name
   alone signs, so keyboard users lose nothing. */
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  var field = document.getElementById("id_signature_png");
  var clear = document.getElementById("signature-clear");
  if (!canvas || !field || !canvas.getContext) return;
  var ctx = canvas.getContext("2d");
  var drawing = false;
  var drawn = false;
  canvas.style.touchAction = "none"; // a finger draws instead of scrolling the page
  ctx.lineWidth = 2.5;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#111";

  function point(event) {
    var rect = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - rect.left) * (canvas.width / rect.width),
      y: (event.clientY - rect.top) * (canvas.height / rect.height)
    };
  }
  function save() {
    field.value = drawn ? canvas.toDataURL("image/png") : "";
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var p = point(event);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    var p = point(event);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    drawn = true;
  });
  function stop() {
    if (!drawing) return;
    drawing = false;
    save();
  }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  if (clear) {
    clear.addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      save();
    });
  }
  var form = canvas.closest("form");
  if (form) form.addEventListener("submit", save);
})();
