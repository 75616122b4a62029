"""Flagged programmes awaiting a decision are one evaluation selector (flagged_for_user's `undecided`), read by the
home page's task and the leaders' dashboard; on the home page the year's evidence is computed once for the task
and the cycle's evaluation step."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from renbang.core import home
from renbang.evaluation import selectors, services

from .conftest import give_feedback, make_session, staff

NOON = dt.datetime(2026, 6, 15, 12, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def flagged(world):
    """'Bimtek Integritas' held in June 2026: 10 of 12 participants found it of little benefit → flagged."""
    from tests.catalog.factories import ProgrammeFactory, method

    with time_machine.travel(NOON, tick=False):
        programme = ProgrammeFactory(agency=world.agency, code="P-BIM", title="Bimtek Integritas",
                                     method=method("KL-BIM"))
        session = make_session(programme, staff(world, 12))
        give_feedback(session, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])
    return programme


def _flag_task(user) -> list[int]:
    url = f"{reverse('evaluation:flagged')}?tahun=2026"
    return [t.count for t in home.tasks_for(user, NOON.date()) if t.url == url]


def test_the_home_task_and_the_dashboard_agree_on_what_awaits_a_decision(world, flagged, login):
    admin = world.users.admin
    assert _flag_task(admin) == [1]
    with time_machine.travel(NOON, tick=False):
        d = login(world.users.head).get("/siklus/pimpinan/").context["d"]
        assert (d["flagged"]["ids"], d["flagged"]["undecided"]) == ([flagged.pk], [flagged.pk])
        assert 'id="fig-flagged-undecided"' in login(world.users.head).get("/siklus/pimpinan/").content.decode()
        services.review_record(programme=flagged, user=admin, decision="perbaiki", note="Materi diperbarui.")
        d = login(world.users.head).get("/siklus/pimpinan/").context["d"]
    assert (d["flagged"]["ids"], d["flagged"]["undecided"]) == ([flagged.pk], [])
    assert _flag_task(admin) == []  # decided this year: no longer waiting
    assert selectors.undecided([flagged.pk], 2027) == [flagged.pk]  # a decision counts for its own year


def test_the_admins_home_computes_the_years_evidence_once(world, flagged, login, monkeypatch):
    calls = []
    real = selectors.programme_evidence

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "programme_evidence", counted)
    client = login(world.users.admin)
    with time_machine.travel(NOON, tick=False):
        response = client.get("/")
    assert len(calls) == 1
    steps = dict(response.context["steps"])
    assert steps[6].figure == "1 program ditandai manfaat rendah"
    assert [t.count for t in response.context["tasks"] if "/evaluasi/" in t.url and "tahun=2026" in t.url] == [1]
    home.tasks_for(world.users.admin, NOON.date())  # outside a page nothing is kept: computed afresh
    assert len(calls) == 2
