// Attendance grid: "all present" per day; the selects already accept typed letters (H, T, I, A).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-all-present]");
  if (!button) return;
  document.querySelectorAll(`select[data-day="${button.dataset.allPresent}"]`).forEach((select) => {
    if (!select.value) select.value = "present";
  });
});
