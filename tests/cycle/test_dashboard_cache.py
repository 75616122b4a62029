"""The leaders' dashboard and the JP compliance page serve their figures from the shared cache, per scope: the
whole agency, or an OPD officer's unit subtrees (accounts.scoping.shared_viewer, core.figures). Cached figures
never show one user the people of another scope, a write shows new figures, and each page says when its figures
were computed."""

from __future__ import annotations

from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renbang.accounts.models import Role
from renbang.mentoring.models import Log
from renbang.needs.models import Need
from tests.factories import EmployeeFactory

PAGES = ("/siklus/pimpinan/", "/pelaksanaan/kepatuhan-jp/")


def _body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _grow(cycle, n: int) -> None:
    """n more employees in each of the two offices, each with a need in the latest campaign."""
    campaign = cycle.campaigns[2026]
    for unit in (cycle.section_a, cycle.unit_b):
        for _i in range(n):
            e = EmployeeFactory(agency=cycle.agency, unit=unit, position=cycle.positions.staff)
            Need.objects.create(campaign=campaign, employee=e, unit=unit, competency=cycle.comps["M.1"], required=3,
                                current=2, gap=1, next_required=4, next_gap=2, priority=Decimal(10))


def _cold_queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_it_keeps_the_query_count_whatever_the_data_size(cycle, login):
    for user in (cycle.users.head, cycle.users.officer_a):
        client = login(user)
        for url in PAGES:
            client.get(url)  # the first request of all creates the agency's default delivery settings
            _grow(cycle, 2)
            small = _cold_queries(client, url)
            _grow(cycle, 25)
            assert _cold_queries(client, url) == small, (user.username, url)
            with CaptureQueriesContext(connection) as warm:
                client.get(url)
            assert len(warm) < small, (user.username, url)  # served from the cache: fewer queries


def test_it_never_shows_one_scope_the_people_of_another(cycle, login):
    # With no JP this year every PNS is at risk: the dashboard and the compliance page list them by name.
    a_names, b_names = ("Ahmad Lubis", "Butet Siregar"), ("Siti Nasution",)
    for url in PAGES:
        cache.clear()
        first_a = _body(login(cycle.users.officer_a), url)
        then_b = _body(login(cycle.users.officer_b), url)
        head = _body(login(cycle.users.head), url)
        again_a = _body(login(cycle.users.officer_a), url)
        for body in (first_a, again_a):
            assert all(n in body for n in a_names) and not any(n in body for n in b_names), url
        assert all(n in then_b for n in b_names) and not any(n in then_b for n in a_names), url
        assert all(n in head for n in a_names + b_names), url


def test_it_gives_an_officer_who_sees_beyond_their_units_figures_of_their_own(cycle, login):
    # The mentor (in unit A) becomes an officer of unit B: their mentee Ahmad Lubis (unit A) is theirs to see,
    # never the other unit-B officer's.
    mentor = cycle.users.mentor
    mentor.role, mentor.unit = Role.HR_OFFICER, cycle.unit_b
    mentor.save()
    for url in PAGES:
        for order in ((mentor, cycle.users.officer_b), (cycle.users.officer_b, mentor)):
            cache.clear()
            bodies = {user.pk: _body(login(user), url) for user in order}
            assert "Ahmad Lubis" in bodies[mentor.pk], url
            assert "Ahmad Lubis" not in bodies[cycle.users.officer_b.pk], url


def test_it_shows_new_figures_after_a_write_and_when_they_were_computed(cycle, login):
    client = login(cycle.users.officer_a)
    client.get("/pelaksanaan/kepatuhan-jp/")  # the first request of all creates the default delivery settings
    d = client.get("/siklus/pimpinan/").context["d"]
    before = d["at_risk"]["count"]
    assert client.get("/siklus/pimpinan/").context["d"]["computed_at"] == d["computed_at"]  # cached
    compliance = client.get("/pelaksanaan/kepatuhan-jp/").context["summary"]["compliant"]
    # Ahmad Lubis meets his mentor for 20 JP: he has the year's JP
    Log.objects.create(pair=cycle.pair, date=timezone.localdate(), topic="Proyek perubahan", duration_minutes=900,
                       jp=Decimal("20"))
    after = client.get("/siklus/pimpinan/")
    assert after.context["d"]["at_risk"]["count"] == before - 1
    assert client.get("/pelaksanaan/kepatuhan-jp/").context["summary"]["compliant"] == compliance + 1
    shown = after.context["d"]["computed_at"]
    assert shown >= d["computed_at"]
    for url in PAGES:
        body = _body(client, url)
        assert 'id="computed-at"' in body and "Dihitung pada" in body, url
    assert f'Dihitung pada {timezone.localtime(shown):%d-%m-%Y %H:%M}' in _body(client, PAGES[0])


def test_it_renders_the_heatmap_table_once_per_scope(cycle, login):
    head = login(cycle.users.head)
    url = f"/kebutuhan/hasil/?kampanye={cycle.campaigns[2026].pk}"
    first = _body(head, url)
    assert "Dinas Kesehatan" in first and "Dinas Pendidikan dan Kebudayaan" in first
    officer_b = _body(login(cycle.users.officer_b), url)  # after the PPK's cached table: only their office
    assert "Dinas Kesehatan" in officer_b and "Dinas Pendidikan dan Kebudayaan" not in officer_b
    with CaptureQueriesContext(connection) as warm:
        again = _body(login(cycle.users.head), url)
    assert again.count("heat-") == first.count("heat-")
    assert not any("needs_need" in q["sql"] for q in warm.captured_queries)  # the table came from the cache
    stamp = f"Dihitung pada {timezone.localtime(cycle.campaigns[2026].computed_at):%d-%m-%Y %H:%M}"
    assert stamp in again
