// Evaluation charts (data from json_script; every number is also in the tables on the page).
(function () {
  if (typeof Chart === "undefined") return;
  // Chart boxes get their height here (the CSP allows no inline style attributes).
  document.querySelectorAll("[data-chart-height]").forEach(function (box) {
    box.style.height = box.getAttribute("data-chart-height") + "px";
  });
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var d = data("eval-chart-data");
  var canvas = document.getElementById("eval-programmes");
  if (d && canvas) {
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.programmes.map(function (p) { return p.label; }),
        datasets: [
          { label: "Efektivitas terukur", data: d.programmes.map(function (p) { return p.value; }),
            backgroundColor: d.programmes.map(function (p) { return p.flagged ? "#dc3545" : "#0d6efd"; }) },
          { label: "Selang", type: "bar", data: d.programmes.map(function (p) { return [p.lower, p.upper]; }),
            backgroundColor: "rgba(13,110,253,0.15)", grouped: false },
          { label: "Bawaan katalog", type: "scatter", data: d.programmes.map(function (p, i) { return { x: p.label, y: p.prior }; }),
            backgroundColor: "#6c757d", pointRadius: 4 }
        ]
      },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 1 } },
        plugins: { tooltip: { callbacks: { title: function (items) { return d.programmes[items[0].dataIndex].title; } } } } }
    });
  }
  var mcanvas = document.getElementById("eval-methods");
  if (d && mcanvas) {
    new Chart(mcanvas, {
      type: "bar",
      data: {
        labels: d.methods.map(function (m) { return m.label; }),
        datasets: [
          { label: "Terukur", data: d.methods.map(function (m) { return m.value; }), backgroundColor: "#198754" },
          { label: "Bawaan", data: d.methods.map(function (m) { return m.prior; }), backgroundColor: "#adb5bd" }
        ]
      },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, scales: { x: { min: 0, max: 1 } } }
    });
  }
  var p = data("eval-programme-chart");
  var pcanvas = document.getElementById("eval-distribution");
  if (p && pcanvas) {
    new Chart(pcanvas, {
      type: "bar",
      data: { labels: p.labels, datasets: p.series.map(function (s) {
        return { label: s.label, data: s.data, backgroundColor: s.color }; }) },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true } } }
    });
  }
})();
