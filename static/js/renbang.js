// Small progressive enhancements; every page works without JavaScript. No inline handlers anywhere
// (CSP script-src 'self'): behaviour hangs on data attributes.

// <form data-autosubmit>: changing one of its selects submits it (e.g. the year selector on "Pengembangan saya").
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("form[data-autosubmit] select")) el.form.requestSubmit();
});

// <form data-confirm="Question?">: asks before submitting (deletions); cancelling keeps the page as it is.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (!window.confirm(form.dataset.confirm)) event.preventDefault();
});
