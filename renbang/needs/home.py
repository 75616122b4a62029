"""Needs analysis on the home page: the questionnaires the user owes, and the year's campaign (cycle step 2)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from renbang.core.home import State, Step, Task, number, sees_cycle

from . import selectors
from .models import Assessment, Campaign, Source

URGENT_DAYS = 3  # a form whose campaign closes within this many days is marked urgent


def tasks(user, today: dt.date):
    """Self, supervisor and peer questionnaires of open campaigns the user has not sent yet."""
    if not user.employee_id or not user.has_perm("needs.fill_assessments"):
        return
    for campaign in selectors.open_campaigns_for(user):
        urgent = (campaign.period_end - today).days <= URGENT_DAYS
        mine = Assessment.objects.filter(campaign=campaign, assessor_id=user.employee_id).aggregate(
            self_sent=Count("pk", filter=Q(source=Source.SELF, employee_id=user.employee_id,
                                           status=Assessment.Status.SUBMITTED)),
            staff_sent=Count("pk", filter=Q(source=Source.SUPERVISOR, status=Assessment.Status.SUBMITTED)),
            peers_open=Count("pk", filter=Q(source=Source.PEER, status=Assessment.Status.DRAFT)))
        due = date_format(campaign.period_end, "j F Y")
        if campaign.self_on and not mine["self_sent"] and selectors.is_target(campaign, user.employee):
            yield Task(_("Isi penilaian diri %(campaign)s (batas %(due)s)") % {"campaign": campaign.name, "due": due},
                       1, reverse("needs:self_form", args=[campaign.pk]), "bi-person-check", urgent)
        if campaign.supervisor_on:
            staff = selectors.direct_subordinates(campaign, user.employee_id).count()
            yield Task(_("Nilai bawahan langsung (batas %(due)s)") % {"due": due},
                       max(staff - mine["staff_sent"], 0), reverse("needs:supervisor", args=[campaign.pk]),
                       "bi-people", urgent)
        if campaign.peer_on:
            yield Task(_("Isi penilaian rekan kerja (batas %(due)s)") % {"due": due}, mine["peers_open"],
                       reverse("needs:peers", args=[campaign.pk]), "bi-people-fill", urgent)


def step(user, year: int) -> Step | None:
    """The year's latest campaign: open with its fill rate, or closed with its number of needs."""
    if not sees_cycle(user):
        return None
    title = _("Analisis kebutuhan")
    campaign = selectors.campaigns_for_user(user).filter(year=year).first()
    if campaign is None:
        return Step(title, State.WAITING, _("Belum ada kampanye %(year)s") % {"year": year},
                    url=reverse("needs:campaigns"))
    url = reverse("needs:campaign", args=[campaign.pk])
    if campaign.status == Campaign.Status.CLOSED:
        needs = selectors.needs_for_user(user, campaign).filter(Q(gap__gt=0) | Q(next_gap__gt=0)).count()
        return Step(title, State.DONE, _("Ditutup"),
                    _("%(n)s kebutuhan dengan kesenjangan") % {"n": number(needs)}, url)
    if campaign.status == Campaign.Status.OPEN:
        sent = Assessment.objects.filter(campaign=campaign, source=Source.SELF,
                                         status=Assessment.Status.SUBMITTED).count()
        targets = selectors.target_employees(campaign).count()
        share = round(100 * sent / targets) if targets else 0
        return Step(title, State.ACTIVE, _("Pengisian sampai %(due)s") % {"due": date_format(campaign.period_end,
                                                                                           "j M Y")},
                    _("%(share)s%% penilaian diri terkirim") % {"share": share}, url)
    return Step(title, State.WAITING, campaign.get_status_display(), url=url)
