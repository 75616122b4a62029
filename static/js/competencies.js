// Print buttons of the dictionary and standard pages (no inline script: CSP forbids it).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
