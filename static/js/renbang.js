// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("form[data-autosubmit] select")) el.form.requestSubmit();
});
