// Radar chart of an employee's competency profile (data from json_script; the table shows the same numbers).
(function () {
  const canvas = document.getElementById("radar");
  const source = document.getElementById("radar-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const datasets = [
    { label: "Standar jabatan", data: data.required, borderColor: "#0b5d4b", backgroundColor: "rgba(11,93,75,.12)" },
    { label: "Level saat ini", data: data.current, borderColor: "#f2a900", backgroundColor: "rgba(242,169,0,.25)" },
  ];
  if (data.next.some((v) => v > 0)) {
    datasets.push({ label: "Jabatan berikutnya", data: data.next, borderColor: "#6c757d", borderDash: [4, 4],
      backgroundColor: "rgba(0,0,0,0)" });
  }
  new Chart(canvas, {
    type: "radar",
    data: { labels: data.labels, datasets: datasets },
    options: { animation: false, scales: { r: { min: 0, max: 5, ticks: { stepSize: 1 } } } },
  });
})();
