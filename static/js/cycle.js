// Charts of the cycle pages. Data comes from json_script elements; every chart has a table with the same
// numbers next to it. Charts keep a fixed height in their box so they stay readable on a phone.
(function () {
  if (typeof Chart === "undefined") return;
  const read = (id) => { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  const palette = ["#0b5d4b", "#f2a900", "#1f77b4", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
  const base = { animation: false, maintainAspectRatio: false, responsive: true };

  const radar = read("radar-data");
  const radarCanvas = document.getElementById("radar");
  if (radar && radarCanvas) {
    const datasets = [
      { label: "Standar jabatan", data: radar.required, borderColor: "#0b5d4b", backgroundColor: "rgba(11,93,75,.12)" },
      { label: "Level saat ini", data: radar.current, borderColor: "#f2a900", backgroundColor: "rgba(242,169,0,.25)" },
    ];
    if (radar.next.some((v) => v > 0)) {
      datasets.push({ label: "Jabatan berikutnya", data: radar.next, borderColor: "#6c757d", borderDash: [4, 4],
        backgroundColor: "rgba(0,0,0,0)" });
    }
    // A radar needs three axes; with fewer competencies grouped bars say the same thing legibly.
    const asRadar = radar.labels.length >= 3;
    if (!asRadar) datasets.forEach((d) => { d.backgroundColor = d.borderColor; });
    new Chart(radarCanvas, { type: asRadar ? "radar" : "bar", data: { labels: radar.labels, datasets },
      options: { ...base, plugins: { legend: { position: "bottom" } },
        scales: asRadar ? { r: { min: 0, max: 5, ticks: { stepSize: 1 } } }
          : { y: { min: 0, max: 5, ticks: { stepSize: 1 } } } } });
  }

  const gaps = read("gap-data");
  const gapCanvas = document.getElementById("gap-chart");
  if (gaps && gapCanvas && gaps.values.length) {
    new Chart(gapCanvas, { type: "bar",
      data: { labels: gaps.labels, datasets: [{ label: gapCanvas.dataset.label, data: gaps.values,
        backgroundColor: "#0b5d4b" }] },
      options: { ...base, indexAxis: "y", plugins: { legend: { display: false } },
        scales: { y: { ticks: { autoSkip: false, font: { size: 11 } } }, x: { beginAtZero: true, suggestedMax: 100, ticks: { precision: 0 } } } } });
  }

  document.querySelectorAll("canvas[data-trend]").forEach((canvas) => {
    const data = read(canvas.dataset.trend);
    if (!data || !data.years.length) return;
    new Chart(canvas, { type: "line",
      data: { labels: data.years, datasets: data.series.map((s, i) => ({ label: s.label, data: s.values,
        borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true })) },
      options: { ...base, plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
        scales: { y: { beginAtZero: true, title: { display: true, text: canvas.dataset.ylabel || "" } } } } });
  });

  const bands = read("band-data");
  const bandCanvas = document.getElementById("band-chart");
  if (bands && bandCanvas && bands.years.length) {
    new Chart(bandCanvas, { type: "bar",
      data: { labels: bands.years, datasets: bands.series.map((s, i) => ({ label: s.label, data: s.values,
        backgroundColor: ["#198754", "#ffc107", "#dc3545", "#adb5bd"][i % 4] })) },
      options: { ...base, plugins: { legend: { position: "bottom" } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } });
  }
})();
