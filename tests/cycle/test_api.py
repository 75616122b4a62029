import pytest

from renbang.cycle.services import year_close

pytestmark = pytest.mark.django_db


def test_it_gives_an_employee_their_own_development_summary(cycle, login):
    data = login(cycle.users.employee).get("/api/v1/cycle/my-development/").json()
    assert data["employee"] == cycle.staff.pk and data["campaign"] == cycle.campaigns[2026].pk
    assert [g["competency"] for g in data["gaps"]] == ["M.1", "M.2"]
    assert data["jp_floor"] == 20 and data["feedback_owed"] == 1
    assert login(cycle.users.admin).get("/api/v1/cycle/my-development/").status_code == 403


def test_it_gives_leaders_the_dashboard_figures_in_scope(cycle, login):
    data = login(cycle.users.officer_b).get("/api/v1/cycle/dashboard/").json()
    assert {g["unit"] for g in data["biggest_gaps"]} == {"Dinas Kesehatan"}
    assert data["at_risk"] is None or isinstance(data["at_risk"], int)
    assert login(cycle.users.employee).get("/api/v1/cycle/dashboard/").status_code == 403


def test_it_lists_closings_and_carried_needs_scoped(cycle, login):
    year_close(agency_id=cycle.agency.pk, year=2025)
    closings = login(cycle.users.head).get("/api/v1/cycle/year-closings/").json()["results"]
    assert [(c["year"], c["status"], c["carried"]) for c in closings] == [(2025, "closed", 6)]
    mine = login(cycle.users.employee).get("/api/v1/cycle/carried-needs/").json()["results"]
    assert {r["employee"] for r in mine} == {cycle.staff.pk} and len(mine) == 2
    assert login(cycle.users.employee).get("/api/v1/cycle/year-closings/").status_code == 403
    assert login(cycle.users.admin).post("/api/v1/cycle/carried-needs/", {}).status_code == 405
