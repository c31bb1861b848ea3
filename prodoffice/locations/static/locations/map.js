// The location map: an inline SVG drawn from the production's own coordinates, no tiles and no
// geocoding (nothing leaves the browser). An equirectangular projection of the locations' bounding
// box with a graticule; the other locations are dots. In a form, a click writes latitude and
// longitude into the fields (six decimals) and typing in the fields moves the marker.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 600, H = 360;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function num(input) {
    if (!input || input.value.trim() === "") { return null; }
    var v = Number(input.value.replace(",", "."));
    return isFinite(v) ? v : null;
  }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  function niceStep(span) {
    var steps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45];
    for (var i = 0; i < steps.length; i++) { if (span / steps[i] <= 8) { return steps[i]; } }
    return 60;
  }

  function setup(box) {
    var points = JSON.parse(document.getElementById(box.dataset.points).textContent || "[]");
    var latInput = box.dataset.latInput ? document.getElementById(box.dataset.latInput) : null;
    var lonInput = box.dataset.lonInput ? document.getElementById(box.dataset.lonInput) : null;
    var picking = !!(latInput && lonInput);
    var view;  // {lat0, lat1, lon0, lon1}

    // The view: the bounding box of every point (and the typed one), padded, with the width and
    // height in the map's proportions (cos(mid latitude) keeps the distances honest).
    function fit() {
      var lats = points.map(function (p) { return p.lat; });
      var lons = points.map(function (p) { return p.lon; });
      var own = picking ? [num(latInput), num(lonInput)] : [null, null];
      if (own[0] !== null && own[1] !== null) { lats.push(own[0]); lons.push(own[1]); }
      if (!lats.length) { return {lat0: -60, lat1: 75, lon0: -180, lon1: 180}; }
      var a = Math.min.apply(null, lats), b = Math.max.apply(null, lats);
      var c = Math.min.apply(null, lons), d = Math.max.apply(null, lons);
      return shape((a + b) / 2, (c + d) / 2, Math.max(b - a, 0.01) * 1.3, Math.max(d - c, 0.01) * 1.3);
    }
    function shape(midLat, midLon, latSpan, lonSpan) {
      var k = Math.max(Math.cos(midLat * Math.PI / 180), 0.2);
      // width/height of the drawing equals lonSpan*k / latSpan
      if (lonSpan * k / latSpan < W / H) { lonSpan = latSpan * (W / H) / k; }
      else { latSpan = lonSpan * k / (W / H); }
      latSpan = Math.min(latSpan, 170); lonSpan = Math.min(lonSpan, 360);
      midLat = clamp(midLat, -85 + latSpan / 2, 85 - latSpan / 2);
      midLon = clamp(midLon, -180 + lonSpan / 2, 180 - lonSpan / 2);
      return {lat0: midLat - latSpan / 2, lat1: midLat + latSpan / 2,
              lon0: midLon - lonSpan / 2, lon1: midLon + lonSpan / 2};
    }
    function x(lon) { return (lon - view.lon0) / (view.lon1 - view.lon0) * W; }
    function y(lat) { return (view.lat1 - lat) / (view.lat1 - view.lat0) * H; }

    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "class": "location-map-svg",
                         style: "width:100%;height:auto;cursor:" + (picking ? "crosshair" : "default"),
                         "aria-label": box.dataset.label || "Map of the production's locations"});
    box.appendChild(svg);
    var readout = document.createElement("p");
    readout.className = "small text-body-secondary mb-1 location-map-readout";
    box.appendChild(readout);

    function draw() {
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      el("rect", {x: 0, y: 0, width: W, height: H, "class": "map-sea", fill: "#eef4f8"}, svg);
      var step = niceStep(Math.max(view.lat1 - view.lat0, view.lon1 - view.lon0));
      var grid = el("g", {"class": "map-graticule", stroke: "#b8c7d3", "stroke-width": 0.6, "font-size": 10}, svg);
      var v;
      for (v = Math.ceil(view.lon0 / step) * step; v <= view.lon1; v += step) {
        el("line", {x1: x(v), x2: x(v), y1: 0, y2: H}, grid);
        el("text", {x: x(v) + 2, y: H - 3, fill: "#5b6b78", stroke: "none"}, grid).textContent = +v.toFixed(3) + "°";
      }
      for (v = Math.ceil(view.lat0 / step) * step; v <= view.lat1; v += step) {
        el("line", {x1: 0, x2: W, y1: y(v), y2: y(v)}, grid);
        el("text", {x: 2, y: y(v) - 2, fill: "#5b6b78", stroke: "none"}, grid).textContent = +v.toFixed(3) + "°";
      }
      points.forEach(function (p) {
        var g = el("g", {"class": "map-point", fill: "#0d6efd", "font-size": 11}, svg);
        el("circle", {cx: x(p.lon), cy: y(p.lat), r: 5}, g);
        el("title", {}, g).textContent = p.name + " (" + p.lat + ", " + p.lon + ")";
        el("text", {x: x(p.lon) + 7, y: y(p.lat) + 4}, g).textContent = p.name;
      });
      if (picking) {
        var lat = num(latInput), lon = num(lonInput);
        if (lat !== null && lon !== null) {
          var m = el("g", {"class": "map-marker", fill: "#dc3545", stroke: "#fff"}, svg);
          el("path", {d: "M" + x(lon) + " " + y(lat) + " l-7 -16 a8 8 0 1 1 14 0 z"}, m);
          readout.textContent = "This location: " + lat + ", " + lon + ".";
        } else {
          readout.textContent = "Click the map to set this location's coordinates, or type them.";
        }
      } else {
        readout.textContent = points.length ? points.length + " located" : "No location has coordinates yet.";
      }
    }

    svg.addEventListener("click", function (event) {
      if (!picking) { return; }
      var r = svg.getBoundingClientRect();
      var px = (event.clientX - r.left) / r.width * W, py = (event.clientY - r.top) / r.height * H;
      var lon = view.lon0 + px / W * (view.lon1 - view.lon0);
      var lat = view.lat1 - py / H * (view.lat1 - view.lat0);
      latInput.value = clamp(lat, -90, 90).toFixed(6);
      lonInput.value = clamp(lon, -180, 180).toFixed(6);
      latInput.dispatchEvent(new Event("change", {bubbles: true}));
      draw();
    });
    if (picking) {
      [latInput, lonInput].forEach(function (i) { i.addEventListener("input", draw); });
    }
    function zoom(factor) {
      view = shape((view.lat0 + view.lat1) / 2, (view.lon0 + view.lon1) / 2,
                   (view.lat1 - view.lat0) * factor, (view.lon1 - view.lon0) * factor);
      draw();
    }
    function pan(dlat, dlon) {
      var ls = view.lat1 - view.lat0, os = view.lon1 - view.lon0;
      view = shape((view.lat0 + view.lat1) / 2 + dlat * ls, (view.lon0 + view.lon1) / 2 + dlon * os, ls, os);
      draw();
    }
    box.querySelectorAll("[data-map]").forEach(function (b) {
      b.addEventListener("click", function () {
        var a = b.dataset.map;
        if (a === "in") { zoom(0.5); } else if (a === "out") { zoom(2); }
        else if (a === "fit") { view = fit(); draw(); }
        else if (a === "n") { pan(0.25, 0); } else if (a === "s") { pan(-0.25, 0); }
        else if (a === "e") { pan(0, 0.25); } else if (a === "w") { pan(0, -0.25); }
      });
    });
    view = fit();
    draw();
  }

  document.querySelectorAll(".location-map").forEach(setup);
})();
