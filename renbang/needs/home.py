"""Needs analysis on the home page: the questionnaires the user owes, and the year's campaign (cycle step 2)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from renbang.core.home import State, Step, Task, number, sees_cycle

from . import selectors
from .models import Assessment, Campaign, Source

URGENT_DAYS = 3  # a form whose campaign closes within this many days is marked urgent


def tasks(user, today: dt.date):
    """Self, supervisor and peer questionnaires of open campaigns the user has not sent yet
    (`selectors.questionnaires_owed`, as on the needs home)."""
    if not user.employee_id or not user.has_perm("needs.fill_assessments"):
        return
    for campaign in selectors.open_campaigns_for(user):
        owed = selectors.questionnaires_owed(user, campaign)
        urgent = (campaign.period_end - today).days <= URGENT_DAYS
        due = date_format(campaign.period_end, "j F Y")
        if owed.self_open:
            yield Task(_("Isi penilaian diri %(campaign)s (batas %(due)s)") % {"campaign": campaign.name, "due": due},
                       1, reverse("needs:self_form", args=[campaign.pk]), "bi-person-check", urgent)
        if campaign.supervisor_on:
            yield Task(_("Nilai bawahan langsung (batas %(due)s)") % {"due": due}, owed.staff_open,
                       reverse("needs:supervisor", args=[campaign.pk]), "bi-people", urgent)
        if campaign.peer_on:
            yield Task(_("Isi penilaian rekan kerja (batas %(due)s)") % {"due": due}, owed.peers_open,
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
