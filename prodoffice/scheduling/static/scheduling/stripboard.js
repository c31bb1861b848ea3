/* Stripboard: drag and drop (HTML drag events) and keyboard moves of strips.
 *
 * Every move is one POST to the board's move endpoint (the same one the per-strip form uses,
 * which works without JavaScript). The answer carries the re-rendered sheet, so day totals and
 * positions always come from the server. Positions count from 1 over the whole board (boneyard
 * strips included), as the strip numbers on the page show.
 */
(function () {
  "use strict";
  var sheet = document.getElementById("board-sheet");
  if (!sheet || !sheet.hasAttribute("data-editable")) return;
  var status = document.getElementById("board-status");
  var moveUrl = sheet.getAttribute("data-move-url");
  var csrf = sheet.getAttribute("data-csrf");
  var lifted = null; // keyboard: {strip, parent, next}
  var dragged = null; // mouse: the strip being dragged

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  function strips(list) {
    return Array.prototype.filter.call(list.children, function (el) {
      return el.hasAttribute("data-strip");
    });
  }

  function label(strip) { return strip.getAttribute("data-label"); }
  function position(strip) { return Number(strip.getAttribute("data-position")); }

  // Where the strip now stands in the DOM, as the board position the service expects: before
  // its next strip, else after its previous one; a strip moving down frees its old place.
  function targetPosition(strip) {
    var old = position(strip);
    var list = strip.parentElement;
    var siblings = strips(list);
    var i = siblings.indexOf(strip);
    var next = siblings[i + 1], prev = siblings[i - 1];
    if (next) return old < position(next) ? position(next) - 1 : position(next);
    if (prev) return old < position(prev) ? position(prev) : position(prev) + 1;
    var others = strips(document.getElementById("board-strips"));
    return others.length ? position(others[others.length - 1]) : old;
  }

  function send(strip, boneyard) {
    var body = new URLSearchParams();
    body.set("strip", strip.getAttribute("data-strip"));
    body.set("position", String(boneyard === "1" ? position(strip) : targetPosition(strip)));
    if (boneyard !== null) body.set("boneyard", boneyard);
    var id = strip.id;
    sheet.setAttribute("aria-busy", "true");
    return fetch(moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (answer.data.html) sheet.innerHTML = answer.data.html;
      announce(answer.ok ? answer.data.message : "Not moved: " + answer.data.error);
      if (!answer.ok) return reload();
      var again = document.getElementById(id);
      if (again) again.focus();
    }).catch(function () {
      announce("The move could not be saved; the board is shown as it is stored.");
      return reload();
    }).finally(function () { sheet.removeAttribute("aria-busy"); });
  }

  // After a refused move, draw the board as stored (GET of this page's sheet).
  function reload() {
    return fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("board-sheet");
        if (fresh) sheet.innerHTML = fresh.innerHTML;
      });
  }

  function boneyardValue(strip, fromList) {
    var toList = strip.parentElement;
    if (toList === fromList) return null;
    return toList.id === "boneyard-strips" ? "1" : "0";
  }

  // --- keyboard -------------------------------------------------------------------------------

  function pickUp(strip) {
    lifted = { strip: strip, parent: strip.parentElement, next: strip.nextElementSibling };
    strip.classList.add("lifted");
    strip.setAttribute("aria-grabbed", "true");
    announce(label(strip) + " picked up at position " + position(strip) +
      ". Arrow keys move it, Space drops it, Escape cancels.");
  }

  function neighbour(strip, step) {
    var list = strips(strip.parentElement);
    return list[list.indexOf(strip) + step] || null;
  }

  function step(strip, direction) {
    var other = neighbour(strip, direction);
    if (!other) {
      announce(label(strip) + " is at the " + (direction < 0 ? "top" : "bottom") + " of the list.");
      return;
    }
    strip.parentElement.insertBefore(strip, direction < 0 ? other : other.nextElementSibling);
    strip.focus();
    announce(label(strip) + (direction < 0 ? " before " : " after ") + label(other) + ".");
  }

  function drop(strip) {
    var from = lifted.parent;
    lifted = null;
    strip.classList.remove("lifted");
    strip.removeAttribute("aria-grabbed");
    send(strip, boneyardValue(strip, from));
  }

  function cancel(strip) {
    lifted.parent.insertBefore(strip, lifted.next);
    lifted = null;
    strip.classList.remove("lifted");
    strip.removeAttribute("aria-grabbed");
    strip.focus();
    announce("Move cancelled. " + label(strip) + " is back at position " + position(strip) + ".");
  }

  sheet.addEventListener("keydown", function (event) {
    var strip = event.target;
    if (!strip.hasAttribute || !strip.hasAttribute("data-strip")) return;
    var key = event.key;
    if (key === " " || key === "Enter") {
      event.preventDefault();
      if (lifted && lifted.strip === strip) drop(strip); else if (!lifted) pickUp(strip);
    } else if (lifted && lifted.strip === strip && (key === "ArrowUp" || key === "ArrowDown")) {
      event.preventDefault();
      step(strip, key === "ArrowUp" ? -1 : 1);
    } else if (lifted && lifted.strip === strip && key === "Escape") {
      event.preventDefault();
      cancel(strip);
    } else if (!lifted && (key === "ArrowUp" || key === "ArrowDown")) {
      var other = neighbour(strip, key === "ArrowUp" ? -1 : 1);
      if (other) { event.preventDefault(); other.focus(); }
    }
  });

  sheet.addEventListener("focusout", function (event) {
    // Leaving a lifted strip (Tab, a click elsewhere) cancels its move.
    if (lifted && event.target === lifted.strip && !lifted.strip.contains(event.relatedTarget)) {
      var strip = lifted.strip;
      window.setTimeout(function () {
        // Moving the node blurs it for a moment: only a real departure cancels.
        if (lifted && lifted.strip === strip && document.activeElement !== strip) cancel(strip);
      }, 0);
    }
  });

  // --- mouse: HTML drag and drop ----------------------------------------------------------------

  var fromList = null;

  sheet.addEventListener("dragstart", function (event) {
    var strip = event.target.closest && event.target.closest("[data-strip]");
    if (!strip) return;
    dragged = strip;
    fromList = strip.parentElement;
    strip.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", strip.getAttribute("data-strip"));
  });

  function clearMarks() {
    sheet.querySelectorAll(".drop-before").forEach(function (el) { el.classList.remove("drop-before"); });
    sheet.querySelectorAll(".drop-into").forEach(function (el) { el.classList.remove("drop-into"); });
  }

  sheet.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var list = event.target.closest && event.target.closest("ol.strips");
    if (!list) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks();
    var over = event.target.closest("[data-strip]");
    if (over && over !== dragged) over.classList.add("drop-before");
    else if (!over) list.classList.add("drop-into");
  });

  sheet.addEventListener("drop", function (event) {
    if (!dragged) return;
    var list = event.target.closest && event.target.closest("ol.strips");
    if (!list) return;
    event.preventDefault();
    var over = event.target.closest("[data-strip]");
    var strip = dragged;
    if (over && over !== strip) {
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(strip, after ? over.nextElementSibling : over);
    } else if (!over) {
      var last = strips(list).pop();
      list.insertBefore(strip, last ? last.nextElementSibling : list.firstChild);
    }
    clearMarks();
    send(strip, boneyardValue(strip, fromList));
  });

  sheet.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearMarks();
  });

  // Boneyard and remove buttons of the per-strip forms answer without a page load, too.
  sheet.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("strip-form")) return;
    event.preventDefault();
    var button = event.submitter;
    var body = new FormData(form);
    if (button && button.name) body.set(button.name, button.value);
    var url = (button && button.getAttribute("formaction")) || form.action;
    var id = "strip-" + body.get("strip");
    fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (answer.data.html) sheet.innerHTML = answer.data.html;
      announce(answer.ok ? answer.data.message : "Not done: " + answer.data.error);
      var again = document.getElementById(id);
      if (again) again.focus();
    });
  });
})();
