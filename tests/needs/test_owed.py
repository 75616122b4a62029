"""What a user owes in an open campaign is read once (needs.selectors.questionnaires_owed): the needs home and the
home page say the same thing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renbang.core import home
from renbang.needs import selectors
from renbang.needs.models import Assessment, Source
from tests.needs.factories import CampaignFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def campaign(world):
    return CampaignFactory(agency=world.agency, year=2026, period_start=dt.date(2026, 2, 20),
                           period_end=dt.date(2026, 3, 20), peer_on=True)


def _home_counts(user) -> dict[str, int]:
    return {t.url: t.count for t in home.tasks_for(user, TODAY)}


def test_it_counts_the_subordinates_not_yet_assessed_not_every_form_sent(world, campaign):
    """The chief's one direct subordinate is staff. A supervisor form the chief sent about someone else (Siti,
    not their subordinate) must not take staff off the list."""
    Assessment.objects.create(campaign=campaign, employee=world.other, assessor=world.chief,
                              source=Source.SUPERVISOR, status=Assessment.Status.SUBMITTED)
    owed = selectors.questionnaires_owed(world.users.supervisor, campaign)
    assert (owed.staff, owed.staff_open) == (1, 1)
    assert _home_counts(world.users.supervisor)[reverse("needs:supervisor", args=[campaign.pk])] == 1
    Assessment.objects.create(campaign=campaign, employee=world.staff, assessor=world.chief,
                              source=Source.SUPERVISOR, status=Assessment.Status.SUBMITTED)
    assert selectors.questionnaires_owed(world.users.supervisor, campaign).staff_open == 0
    assert reverse("needs:supervisor", args=[campaign.pk]) not in _home_counts(world.users.supervisor)


def test_the_needs_home_and_the_home_page_read_the_same_questionnaires(world, campaign, login):
    Assessment.objects.create(campaign=campaign, employee=world.boss, assessor=world.chief, source=Source.PEER)
    Assessment.objects.create(campaign=campaign, employee=world.other, assessor=world.chief, source=Source.PEER,
                              status=Assessment.Status.SUBMITTED)
    Assessment.objects.create(campaign=campaign, employee=world.chief, assessor=world.chief, source=Source.SELF)
    owed = login(world.users.supervisor).get(reverse("needs:index")).context["tasks"]
    # The chief is a target (the campaign covers every unit); their self-assessment is a draft, so still owed.
    assert [(o.campaign, o.self_due, o.self_open, o.staff, o.staff_open, o.peers, o.peers_open) for o in owed] == [
        (campaign, True, True, 1, 1, 2, 1)]
    counts = _home_counts(world.users.supervisor)
    assert (counts[reverse("needs:self_form", args=[campaign.pk])], counts[reverse("needs:supervisor", args=[
        campaign.pk])], counts[reverse("needs:peers", args=[campaign.pk])]) == (1, 1, 1)
