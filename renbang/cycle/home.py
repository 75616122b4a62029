"""The cycle on the home page: closing last year (its open needs carry over into this year's plan) and mentoring
feedback owed (the cycle already gathers it for "my development")."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.core.home import Task

from . import selectors


def tasks(user, today: dt.date):
    if user.employee_id and user.has_perm("cycle.view_my_development"):
        owed = selectors.mentoring_feedback_owed(user.employee)
        yield Task(_("Beri umpan balik mentoring"), len(owed), reverse("cycle:my_development"), "bi-people")
    if user.has_perm("cycle.close_year"):
        last = today.year - 1
        if last in selectors.years_of(user.agency_id):
            closing = selectors.closing_of(user, last)
            if closing is None or not closing.is_closed:
                yield Task(_("Tutup tahun %(year)s: rekap realisasi dan bawa kebutuhan yang belum terpenuhi")
                           % {"year": last}, 1, reverse("cycle:year_detail", args=[last]), "bi-calendar-check")
