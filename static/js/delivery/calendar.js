// The training calendar: FullCalendar 7 (served from node_modules), Indonesian locale, month/week/list views.
// Events (session days, holidays, clash marks) come from the JSON endpoint with the page's filters.
(function () {
  const el = document.getElementById("calendar");
  if (!el || !window.FullCalendar) return;
  const form = document.getElementById("calendar-filters");
  const errorBox = document.getElementById("calendar-error");
  const lang = document.documentElement.lang || "id";
  function filterParams() {
    const params = {};
    new FormData(form).forEach((value, key) => { if (value) params[key] = value; });
    return params;
  }
  const calendar = new FullCalendar.Calendar(el, {
    locale: lang.startsWith("en") ? "en" : "id",
    initialView: "dayGridMonth",
    initialDate: el.dataset.initialDate || undefined,
    height: "auto",
    firstDay: 1,
    headerToolbar: { start: "prev,next today", center: "title", end: "dayGridMonth,timeGridWeek,listMonth" },
    slotMinTime: "07:00:00",
    slotMaxTime: "18:00:00",
    dayMaxEvents: 4,
    events: {
      url: el.dataset.eventsUrl,
      extraParams: filterParams,
      failure: () => { errorBox.textContent = el.dataset.error; errorBox.classList.remove("d-none"); },
    },
    // FullCalendar names each day cell with aria-label, which hides the cell's sessions from its accessible name
    // (axe: label-content-name-mismatch); the date goes in as hidden text instead, read before the sessions.
    dayCellDidMount: (info) => {
      const label = info.el.getAttribute("aria-label");
      if (!label) return;
      info.el.removeAttribute("aria-label");
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = label;
      info.el.prepend(hidden);
    },
    eventDidMount: (info) => {
      const p = info.event.extendedProps || {};
      if (p.holiday) return;
      const lines = [info.event.title, p.method, p.venue, `${p.participants}/${p.capacity}`, p.status]
        .concat(p.warnings || []).filter(Boolean);
      info.el.setAttribute("title", lines.join("\n"));
    },
  });
  calendar.render();
  form.addEventListener("change", () => {
    const params = new URLSearchParams(filterParams());
    history.replaceState(null, "", `${location.pathname}?${params}`);
    calendar.refetchEvents();
  });
})();
