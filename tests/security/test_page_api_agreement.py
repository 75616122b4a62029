"""One access rule for the web and the API: for each actor, the rows a page shows are the rows the API returns for
the same objects (issue 18: the facilitator saw their participants on the pages but none through the API).

Each pair names a page (its rows read from the template context: what the page renders) and the API list of the
same objects. Compared for every actor the page opens for (its refusals are the permission matrix's business);
each pair must open for several actors and show rows to at least one, so the comparison cannot pass empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.delivery.helpers import delivery_world

from .rows_catalog import _pair

ACTORS = ["admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head"]


def _pks(objects) -> set:
    return {obj.pk for obj in objects}


def _attendance_marks(context) -> set:
    return {(row["enrolment"].pk, cell["day"].date.isoformat())
            for row in context["rows"] for cell in row["cells"] if cell["value"]}


@dataclass
class Pair:
    name: str
    page: Callable[[object], str]
    rows: Callable[[object], set]  # from the page's context
    api: Callable[[object], str]
    ids: Callable[[dict], object] = lambda item: item["id"]
    keep: Callable[[object, dict], bool] = lambda w, item: True
    opens_for: int = 2  # the fewest actors the page must open for


def _mentoring(w):
    """Two pairs: boss mentors Siti (Dinas Kesehatan; rows_catalog's pair) and chief mentors the staff member,
    each with a log; feedback from each mentee."""
    from renbang.mentoring.models import Feedback, Log, Pair, Participant

    first = _pair(w)
    if not Pair.objects.filter(mentor=w.chief).exists():
        Participant.objects.create(programme=first.programme, employee=w.chief, role="mentor")
        Participant.objects.create(programme=first.programme, employee=w.staff, role="mentee")
        second = Pair.objects.create(programme=first.programme, mentor=w.chief, mentee=w.staff, reason="uji")
        Log.objects.create(pair=second, date=dt.date(2026, 4, 6), topic="Rapat", duration_minutes=90, jp=2)
        Feedback.objects.create(pair=second, side="mentee", rating=4)
    return first


def _chief_pair(w):
    from renbang.mentoring.models import Pair

    _mentoring(w)
    return Pair.objects.get(mentor=w.chief)


PAIRS = [
    Pair("employees", lambda w: reverse("people:list"), lambda c: _pks(c["page_obj"]),
         lambda w: "/api/v1/employees/"),
    Pair("employee accounts", lambda w: reverse("accounts:employee_accounts") + "?state=",
         lambda c: _pks(c["page_obj"]), lambda w: "/api/v1/accounts/employee-accounts/"),
    Pair("enrolments of the past session",
         lambda w: reverse("delivery:session_detail", args=[delivery_world(w).past.pk]),
         lambda c: _pks(c["page_obj"]), lambda w: f"/api/v1/delivery/enrolments/?session={delivery_world(w).past.pk}"),
    Pair("enrolments of the upcoming session",
         lambda w: reverse("delivery:session_detail", args=[delivery_world(w).upcoming.pk]),
         lambda c: _pks(c["page_obj"]),
         lambda w: f"/api/v1/delivery/enrolments/?session={delivery_world(w).upcoming.pk}"),
    Pair("attendance of the past session", lambda w: reverse("delivery:attendance", args=[delivery_world(w).past.pk]),
         _attendance_marks, lambda w: "/api/v1/delivery/attendance/",
         ids=lambda item: (item["enrolment"], item["date"]),
         keep=lambda w, item: item["session"] == delivery_world(w).past.pk),
    Pair("pending claims", lambda w: delivery_world(w) and reverse("delivery:claim_queue"),
         lambda c: _pks(c["page_obj"]), lambda w: "/api/v1/delivery/claims/?status=pending", opens_for=1),
    Pair("mentoring pairs", lambda w: reverse("mentoring:programme_detail", args=[_mentoring(w).programme_id]),
         lambda c: _pks(c["page_obj"]), lambda w: f"/api/v1/mentoring/pairs/?programme={_mentoring(w).programme_id}"),
    Pair("mentoring logs", lambda w: reverse("mentoring:pair_detail", args=[_chief_pair(w).pk]),
         lambda c: _pks(c["logs"]), lambda w: f"/api/v1/mentoring/logs/?pair={_chief_pair(w).pk}"),
    Pair("mentoring feedback", lambda w: reverse("mentoring:pair_detail", args=[_chief_pair(w).pk]),
         lambda c: _pks(c["feedback"]), lambda w: f"/api/v1/mentoring/feedback/?pair={_chief_pair(w).pk}"),
]


def _api_rows(client, pair: Pair, w) -> set:
    response = client.get(pair.api(w))
    assert response.status_code == 200, (pair.name, response.status_code)
    body = response.json()
    assert body["next"] is None, f"{pair.name}: more rows than one API page"
    return {pair.ids(item) for item in body["results"] if pair.keep(w, item)}


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_it_shows_each_actor_the_same_rows_on_the_page_and_through_the_api(pair, world, login):
    compared, seen = [], set()
    for actor in ACTORS:
        client = login(getattr(world.users, actor))
        response = client.get(pair.page(world))
        if response.status_code != 200:
            continue
        on_page = pair.rows(response.context)
        assert _api_rows(client, pair, world) == on_page, f"{pair.name} as {actor}"
        compared.append(actor)
        seen |= on_page
    assert len(compared) >= pair.opens_for and seen, f"{pair.name}: compared for {compared} only, rows {seen}"


def test_it_gives_the_facilitator_and_the_mentor_their_rows_through_the_api(world, login):
    """The issue's two cases: the facilitator's participants and attendance, the mentor's pairs."""
    d = delivery_world(world)
    _mentoring(world)
    facilitator = login(world.users.facilitator)
    enrolments = {item["id"] for item in facilitator.get("/api/v1/delivery/enrolments/").json()["results"]}
    assert enrolments == set(d.past.enrolments.values_list("pk", flat=True)) | set(
        d.upcoming.enrolments.values_list("pk", flat=True))
    attendance = facilitator.get("/api/v1/delivery/attendance/").json()["results"]
    assert {item["enrolment"] for item in attendance} == {d.enrolment.pk}
    # Only the enrolments of their sessions: not the participants' other records (no employee through the API).
    assert facilitator.get("/api/v1/employees/").json()["results"] == []
    assert facilitator.get("/api/v1/delivery/certificates/").json()["results"] == []
    mentor = login(world.users.mentor)
    pairs = mentor.get("/api/v1/mentoring/pairs/").json()["results"]
    # Siti (Dinas Kesehatan) is no subordinate of the mentor: her pair comes through the mentor's grant; the
    # chief's pair with the staff member through the mentor's line of supervision.
    assert {(p["mentor"], p["mentee"]) for p in pairs} == {(world.boss.pk, world.other.pk),
                                                          (world.chief.pk, world.staff.pk)}
