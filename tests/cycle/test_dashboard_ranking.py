"""The leaders' dashboard ranks the biggest gaps by share, not head count, and counts the flags of its own year."""

import datetime as dt

import pytest
from django.urls import reverse

from renbang.delivery.models import Session
from renbang.org.models import UnitKind
from tests.evaluation.conftest import ev, give_feedback  # noqa: F401 (the `ev` fixture)
from tests.factories import EmployeeFactory, OrgUnitFactory

from .conftest import make_campaign

pytestmark = pytest.mark.django_db


def _staff(world, unit, n: int, prefix: str) -> list[str]:
    names = []
    for i in range(n):
        name = f"{prefix}{i}"
        setattr(world, name, EmployeeFactory(agency=world.agency, unit=unit, position=world.positions.staff))
        names.append(name)
    return names


def test_it_ranks_units_by_the_share_with_a_gap_and_puts_small_units_last(cycle, login, settings):
    settings.RENBANG = {**settings.RENBANG, "DASHBOARD_GAP_MIN_EMPLOYEES": 10}
    small = OrgUnitFactory(agency=cycle.agency, name="Kantor Kecil", kind=UnitKind.OFFICE)
    big = _staff(cycle, cycle.unit_b, 40, "big")      # Dinas Kesehatan: 12 of 40 below standard (30 %)
    mid = _staff(cycle, cycle.field_a, 12, "mid")     # Dinas Pendidikan: 9 of 12 (75 %)
    tiny = _staff(cycle, small, 2, "tiny")            # 2 of 2 (100 %), but a 2-person unit
    gaps = {name: {"M.1": 1 if i < 12 else 0} for i, name in enumerate(big)}
    gaps |= {name: {"M.1": 2 if i < 9 else 0} for i, name in enumerate(mid)}
    gaps |= {name: {"M.1": 1} for name in tiny}
    make_campaign(cycle, 2027, gaps, cycle.comps)

    response = login(cycle.users.head).get("/siklus/pimpinan/")
    rows = [(c["unit"], c["with_gap"], c["n"], c["share"], c["small"]) for c in response.context["d"]["gaps"]]
    assert rows == [("Dinas Pendidikan dan Kebudayaan", 9, 12, 75, False),
                    ("Dinas Kesehatan", 12, 40, 30, False),
                    ("Kantor Kecil", 2, 2, 100, True)]
    body = response.content.decode()
    assert "75%" in body and "kurang dari 10 pegawai terukur" in body
    assert response.context["gap_chart"]["values"] == [75, 30, 100]
    api = login(cycle.users.head).get("/api/v1/cycle/dashboard/").json()
    assert [(g["unit"], g["share"], g["employees_with_gap"], g["small_unit"]) for g in api["biggest_gaps"]] == [
        ("Dinas Pendidikan dan Kebudayaan", 75, 9, False), ("Dinas Kesehatan", 30, 12, False),
        ("Kantor Kecil", 100, 2, True)]

    settings.RENBANG = {**settings.RENBANG, "DASHBOARD_GAP_MIN_EMPLOYEES": 2}
    again = login(cycle.users.head).get("/siklus/pimpinan/").context["d"]["gaps"]
    assert [c["unit"] for c in again] == ["Kantor Kecil", "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan"]


def test_it_counts_the_flags_of_the_dashboard_year_only(cycle, ev, login):  # noqa: F811
    give_feedback(ev.session_p, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])  # 10 of 12 low → P flagged
    year = ev.session_p.end_date.year
    month = f"{year}-{ev.session_p.end_date.month:02d}"
    client = login(cycle.users.head)
    flagged = client.get(f"/siklus/pimpinan/?bulan={month}").context["d"]["flagged"]
    assert flagged["count"] == 1 and flagged["url"] == f"{reverse('evaluation:flagged')}?tahun={year}"

    # the same disappointing session, had it ended the year before, is not this year's flag
    # (saved as the session form saves it: the write is what tells the cached dashboard figures to be read again)
    moved = Session.objects.get(pk=ev.session_p.pk)
    moved.start_date, moved.end_date = dt.date(year - 1, 6, 1), dt.date(year - 1, 6, 2)
    moved.save(update_fields=["start_date", "end_date"])
    assert client.get(f"/siklus/pimpinan/?bulan={month}").context["d"]["flagged"]["count"] == 0
    last_year = client.get(f"/siklus/pimpinan/?bulan={year - 1}-06").context["d"]["flagged"]
    assert last_year["count"] == 1
    # and the flagged page it links to agrees, year by year
    assert len(client.get(last_year["url"]).context["items"]) == 1
    assert client.get(f"{reverse('evaluation:flagged')}?tahun={year}").context["items"] == []
    assert client.get(f"{reverse('evaluation:flagged')}?tahun=abc").status_code == 200
