"""Evaluation on the home page: feedback and follow-ups owed, flagged programmes awaiting a decision, and the
year's evaluation (cycle step 6)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.core.home import State, Step, Task, number, sees_cycle

from . import selectors

URGENT_DAYS = 3  # feedback due within this many days is marked urgent


def tasks(user, today: dt.date):
    if user.employee_id and user.has_perm("evaluation.give_feedback"):
        owed = selectors.feedback_owed(user, user.employee, today=today)
        yield Task(_("Beri umpan balik pelatihan yang Anda ikuti"), len(owed), reverse("evaluation:my_evaluations"),
                   "bi-chat-square-text", any((row["due"] - today).days <= URGENT_DAYS for row in owed))
    if user.employee_id and user.has_perm("evaluation.follow_up"):  # the addressed supervisor answers
        pending = (selectors.follow_ups_for(user, pending_only=True)
                   .filter(supervisor_id=user.employee_id, due_on__lte=today).count())
        yield Task(_("Tindak lanjut pasca pelatihan bawahan (evaluasi level 3)"), pending,
                   reverse("evaluation:follow_up_list"), "bi-graph-up-arrow")
    if user.has_perm("evaluation.manage"):
        flagged = selectors.flagged_for_user(user, today.year) or {"undecided": []}
        yield Task(_("Program ditandai manfaat rendah menunggu keputusan"), len(flagged["undecided"]),
                   f"{reverse('evaluation:flagged')}?tahun={today.year}", "bi-flag", urgent=True)


def step(user, year: int) -> Step | None:
    if not sees_cycle(user):
        return None
    f = selectors.year_figures(user.agency_id, year)
    title = _("Evaluasi dan umpan balik")
    if not f["sessions"]:
        return Step(title, State.WAITING, _("Belum ada sesi selesai"), url=reverse("evaluation:index"))
    status = _("%(n)s umpan balik · respons %(rate)s%%") % {"n": number(f["responses"]), "rate": number(f["rate"] or 0)}
    figure = (_("%(n)s program ditandai manfaat rendah") % {"n": f["flagged"]} if f["flagged"]
              else _("Tidak ada program yang ditandai"))
    return Step(title, State.ACTIVE, status, figure,
                reverse("evaluation:flagged") if f["flagged"] else reverse("evaluation:index"))
