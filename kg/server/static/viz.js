// Interactive pictures: zoom (wheel), pan (drag), hover details (data-tip), filters (data-f tokens).
(function () {
  "use strict";
  const tooltip = document.createElement("div");
  tooltip.id = "tooltip";
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  document.querySelectorAll("svg.kg-viz").forEach(function (svg) {
    let box = svg.viewBox.baseVal;
    let view = { x: box.x, y: box.y, w: box.width, h: box.height };
    function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const fx = (event.clientX - rect.left) / rect.width, fy = (event.clientY - rect.top) / rect.height;
      const scale = event.deltaY < 0 ? 0.85 : 1 / 0.85;
      const nw = view.w * scale, nh = view.h * scale;
      view = { x: view.x + (view.w - nw) * fx, y: view.y + (view.h - nh) * fy, w: nw, h: nh };
      apply();
    }, { passive: false });

    let drag = null;
    svg.addEventListener("mousedown", function (event) {
      if (event.target.closest("a")) return;
      drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view) };
    });
    window.addEventListener("mousemove", function (event) {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      view.x = drag.view.x - (event.clientX - drag.x) * view.w / rect.width;
      view.y = drag.view.y - (event.clientY - drag.y) * view.h / rect.height;
      apply();
    });
    window.addEventListener("mouseup", function () { drag = null; });

    svg.querySelectorAll("[data-tip]").forEach(function (el) {
      el.addEventListener("mouseenter", function () { tooltip.textContent = el.dataset.tip; tooltip.hidden = false; });
      el.addEventListener("mousemove", function (event) {
        tooltip.style.left = event.clientX + 14 + "px";
        tooltip.style.top = event.clientY + 14 + "px";
      });
      el.addEventListener("mouseleave", function () { tooltip.hidden = true; });
    });
  });

  const boxes = document.querySelectorAll("input[data-filter]");
  function refilter() {
    const off = new Set();
    boxes.forEach(function (box) { if (!box.checked) off.add(box.dataset.filter); });
    document.querySelectorAll("svg.kg-viz [data-f]").forEach(function (el) {
      const hidden = el.dataset.f.split(" ").some(function (token) { return off.has(token); });
      el.style.display = hidden ? "none" : "";
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", refilter); });
  const reset = document.getElementById("reset-view");
  if (reset) reset.addEventListener("click", function () { location.reload(); });
})();
