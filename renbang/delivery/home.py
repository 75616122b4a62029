"""Delivery on the home page: invitations to answer, attendance to record, claims to verify, and how far the
year's sessions have come (cycle step 5)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.core.home import State, Step, Task, number, sees_cycle

from . import selectors
from .models import Enrolment, ExternalClaim, Session


def tasks(user, today: dt.date):
    if user.employee_id and user.has_perm("delivery.view_own"):
        invited = selectors.my_enrolments(user).filter(status=Enrolment.Status.INVITED,
                                                       session__start_date__gte=today).count()
        yield Task(_("Undangan pelatihan menunggu konfirmasi Anda"), invited, reverse("delivery:my_schedule"),
                   "bi-envelope-open")
    if user.has_perm("delivery.facilitate"):
        running = (Session.objects.filter(facilitator_id=user.pk, agency_id=user.agency_id,
                                          start_date__lte=today, end_date__gte=today)
                   .exclude(status=Session.Status.CANCELLED).count())
        yield Task(_("Sesi berlangsung hari ini: catat kehadiran"), running, reverse("delivery:facilitator"),
                   "bi-clipboard-check", urgent=True)
    if user.has_perm("delivery.verify_claims"):
        pending = selectors.claims_for_user(user, status=ExternalClaim.Status.PENDING).count()
        yield Task(_("Klaim JP menunggu verifikasi"), pending, reverse("delivery:claim_queue"), "bi-patch-question")


def step(user, year: int) -> Step | None:
    """Sessions of the year held so far against those scheduled, and the participants who completed them."""
    if not sees_cycle(user):
        return None
    sessions = selectors.sessions_for_user(user, year=year).exclude(status=Session.Status.CANCELLED)
    counts = sessions.aggregate(total=Count("pk"), held=Count("pk", filter=Q(status=Session.Status.COMPLETED)))
    completed = Enrolment.objects.filter(session__in=sessions.filter(status=Session.Status.COMPLETED).values("pk"),
                                         completed=True).count()
    total, held = counts["total"], counts["held"]
    state = State.WAITING if not total else State.DONE if held == total else State.ACTIVE
    return Step(_("Pelaksanaan"), state,
                _("%(held)s dari %(total)s sesi selesai") % {"held": number(held), "total": number(total)},
                _("%(n)s peserta lulus") % {"n": number(completed)}, reverse("delivery:calendar"))
