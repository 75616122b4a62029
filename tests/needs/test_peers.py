"""The optional peer questionnaire: assignment among colleagues, the form, and its weight in the current level."""

import pytest
from django.urls import reverse

from renbang.needs import services
from renbang.needs.models import Assessment, CurrentLevel, Reminder, Source
from renbang.needs.services import peer_pairs
from tests.factories import EmployeeFactory


@pytest.fixture
def peer_world(needs_world):
    """Three staff under the same chief (staff + two colleagues) and a peer-rated campaign, opened."""
    w = needs_world
    w.mates = [EmployeeFactory(agency=w.agency, unit=w.staff.unit, position=w.staff.position, supervisor=w.chief,
                               name=name) for name in ("Rina Lubis", "Togar Simanjuntak")]
    w.campaign.status = "draft"
    w.campaign.peer_on = True
    w.campaign.weight_peer = 1
    w.campaign.peers_per_employee = 2
    w.campaign.save()
    services.campaign_open(campaign=w.campaign)
    return w


def test_it_pairs_colleagues_in_rotation_so_everyone_rates_as_many_as_rate_them():
    pairs = peer_pairs({1: [10, 11, 12, 13], 2: [20, 21], 3: [30]}, per_employee=2)
    assert sorted(pairs) == sorted([(11, 10), (12, 10), (12, 11), (13, 11), (13, 12), (10, 12), (10, 13), (11, 13),
                                    (21, 20), (20, 21)])
    for person in (10, 11, 12, 13):
        assert sum(a == person for a, _e in pairs) == sum(e == person for _a, e in pairs) == 2
    assert all(a != e for a, e in pairs)


def test_it_assigns_peers_when_the_campaign_opens_and_only_once(peer_world):
    w = peer_world
    peers = Assessment.objects.filter(campaign=w.campaign, source=Source.PEER)
    assert peers.count() == 6  # three colleagues, two peers each
    assert set(peers.filter(employee=w.staff).values_list("assessor_id", flat=True)) == {m.pk for m in w.mates}
    services.peer_assignments_create(campaign=w.campaign)
    assert peers.count() == 6


def test_it_lets_an_assigned_peer_fill_the_form_and_no_one_else(peer_world, login):
    w = peer_world
    mine = Assessment.objects.get(campaign=w.campaign, source=Source.PEER, assessor=w.staff,
                                  employee=w.mates[0])
    client = login(w.users.employee)
    listing = client.get(reverse("needs:peers", args=[w.campaign.pk])).content.decode()
    assert "Rina Lubis" in listing and "Togar Simanjuntak" in listing
    url = reverse("needs:peer_form", args=[w.campaign.pk, mine.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Penilaian rekan kerja: Rina Lubis" in page.content.decode()
    bad = client.post(url, {f"c{w.comps[0].pk}": "9", "save": "1"})
    assert bad.status_code == 200 and "Pilih level 1 sampai 5" in bad.content.decode()
    client.post(url, {**{f"c{c.pk}": "4" for c in w.comps}, "submit": "1"})
    mine.refresh_from_db()
    assert mine.is_submitted and mine.scores.count() == 3
    # someone else's peer form: hidden, whoever asks
    theirs = Assessment.objects.get(campaign=w.campaign, source=Source.PEER, assessor=w.mates[0], employee=w.staff)
    assert client.get(reverse("needs:peer_form", args=[w.campaign.pk, theirs.pk])).status_code == 404
    assert login(w.users.supervisor).get(reverse("needs:peer_form", args=[w.campaign.pk, mine.pk])).status_code == 404


def test_it_weighs_peer_ratings_into_the_current_level(peer_world):
    w = peer_world
    m1 = w.comps[0]
    for assessment, levels in (
        (Assessment.objects.create(campaign=w.campaign, employee=w.staff, assessor=w.staff, source=Source.SELF), 2),
        (Assessment.objects.create(campaign=w.campaign, employee=w.staff, assessor=w.chief,
                                   source=Source.SUPERVISOR), 2),
        *[(a, 5) for a in Assessment.objects.filter(campaign=w.campaign, source=Source.PEER, employee=w.staff)],
    ):
        services.assessment_save_scores(assessment=assessment, scores={c.pk: levels for c in w.comps},
                                        allowed_competencies={c.pk for c in w.comps})
        services.assessment_submit(assessment=assessment, required_competencies={c.pk for c in w.comps})
    services.campaign_close(campaign=w.campaign)
    level = CurrentLevel.objects.get(employee=w.staff, competency=m1)
    # weights self 1, supervisor 2, peers 1 (peers averaged first): (2 + 4 + 5) / 4 = 2.75 → 3
    assert (level.level, float(level.peer_level)) == (3, 5.0)


def test_it_reminds_the_peers_who_have_not_submitted(peer_world):
    w = peer_world
    services.reminders_send(campaign=w.campaign, user=w.users.admin)
    reminded = set(Reminder.objects.values_list("employee_id", flat=True))
    # the staff and colleagues (self and peer forms) and the chief (their supervisor form)
    assert {w.staff.pk, w.chief.pk, *(m.pk for m in w.mates)} <= reminded


def test_it_hides_who_rated_an_employee_from_that_employee_in_the_api(peer_world, login):
    w = peer_world
    assert Assessment.objects.filter(source=Source.PEER, employee=w.staff).count() == 2
    rows = login(w.users.employee).get("/api/v1/needs/assessments/", {"source": "peer"}).json()
    assert rows["results"] == []
    seen = login(w.users.supervisor).get("/api/v1/needs/assessments/", {"source": "peer", "employee": w.staff.pk})
    assert len(seen.json()["results"]) == 2
