// Charts of the talent pages (retirement outlook). Data comes from a json_script element; a table with the same
// numbers stands next to the chart.
(function () {
  if (typeof Chart === "undefined") return;
  const el = document.getElementById("outlook-data");
  const canvas = document.getElementById("outlook-chart");
  if (!el || !canvas) return;
  const data = JSON.parse(el.textContent);
  const palette = ["#0b5d4b", "#f2a900", "#1f77b4", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.years, datasets: data.series.map((s, i) => ({ label: s.label, data: s.values,
      backgroundColor: palette[i % palette.length] })) },
    options: { animation: false, maintainAspectRatio: false, responsive: true,
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
