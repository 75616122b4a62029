import pytest

from renbang.core.models import Job
from renbang.cycle.models import CarriedNeed, YearClosing
from renbang.cycle.services import ClosingRefused, year_close, year_close_start

pytestmark = pytest.mark.django_db


def _snapshot(agency):
    rows = sorted(CarriedNeed.objects.filter(agency=agency).values_list(
        "from_year", "year", "employee_id", "competency_id", "origin", "gap", "next_gap", "priority"))
    closing = YearClosing.objects.get(agency=agency, year=2025)
    return rows, closing.summary, closing.carried, closing.closed_at


def test_it_carries_the_open_needs_of_a_closed_year_into_the_next(cycle):
    closing = year_close(agency_id=cycle.agency.pk, year=2025)
    assert closing.is_closed
    carried = CarriedNeed.objects.filter(agency=cycle.agency, from_year=2025)
    # every 2025 need row with a gap now or for the next position (next_gap = gap + 1 > 0 in the fixture): 6 rows
    assert carried.count() == 6 == closing.carried
    assert set(carried.values_list("year", flat=True)) == {2026}
    staff_m1 = carried.get(employee=cycle.staff, competency=cycle.comps["M.1"])
    assert (staff_m1.gap, staff_m1.next_gap, staff_m1.origin) == (2, 3, "need")
    assert closing.summary["needs"] == {"campaign": "Penilaian 2025", "employees": 3, "with_gap": 2, "gap_sum": 4}


def test_it_changes_nothing_when_a_year_is_closed_twice(cycle):
    year_close(agency_id=cycle.agency.pk, year=2025)
    before = _snapshot(cycle.agency)
    again = year_close(agency_id=cycle.agency.pk, year=2025)
    assert _snapshot(cycle.agency) == before
    assert YearClosing.objects.filter(agency=cycle.agency).count() == 1
    assert again.closed_at == before[3]


def test_it_refuses_to_start_closing_a_closed_year(cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = year_close_start(agency=cycle.agency, year=2025, user=cycle.users.admin)
    job.refresh_from_db()
    assert job.status == "done" and job.result["carried"] == 6 and job.progress == 100
    with pytest.raises(ClosingRefused):
        year_close_start(agency=cycle.agency, year=2025, user=cycle.users.admin)


def test_it_closes_a_year_from_the_page_as_a_background_job(cycle, login, django_capture_on_commit_callbacks):
    client = login(cycle.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/siklus/tahun/2025/tutup/")
    job = Job.objects.get(kind="cycle.close_year")
    assert response.status_code == 302 and response["Location"] == f"/siklus/tahun/pekerjaan/{job.pk}/"
    page = client.get(response["Location"])
    assert "Tahun 2025 ditutup. 6 kebutuhan dibawa" in page.content.decode()
    assert YearClosing.objects.get(agency=cycle.agency, year=2025).closed_by == cycle.users.admin
    again = client.post("/siklus/tahun/2025/tutup/", follow=True)
    assert "Tahun 2025 sudah ditutup." in again.content.decode()
    assert Job.objects.filter(kind="cycle.close_year").count() == 1


def test_it_shows_the_carried_needs_in_the_officers_scope(cycle, login):
    year_close(agency_id=cycle.agency.pk, year=2025)
    body = login(cycle.users.officer_b).get("/siklus/tahun/2026/dibawa/").content.decode()
    assert "Siti Nasution" in body and "Ahmad Lubis" not in body
    body = login(cycle.users.officer_a).get("/siklus/tahun/2026/dibawa/?asal=need").content.decode()
    assert "Ahmad Lubis" in body and "Siti Nasution" not in body


def test_it_compares_years_per_competency_unit_and_jpm(cycle, login, django_assert_max_num_queries):
    client = login(cycle.users.head)
    with django_assert_max_num_queries(36):
        response = client.get("/siklus/tahun/")
    data = response.context["data"]
    assert data["years"] == [2025, 2026]
    m1 = next(r for r in data["competencies"] if r["competency"].code == "M.1")
    # M.1 mean gap: 2025 (2+1+0)/3 = 1.0; 2026 (1+1+0)/3 = 0.67 → closing
    assert m1["values"] == [1.0, 0.67] and m1["trend"] == -0.33
    m2 = next(r for r in data["competencies"] if r["competency"].code == "M.2")
    assert m2["values"] == [0.33, 0.33]
    health = next(r for r in data["units"] if r["name"] == "Dinas Kesehatan")
    assert health["values"] == [0.5, 1.0]
    # JPM 2025: staff 3/6 = 50 % (kurang), other 5/6 = 83 % (cukup), chief 100 % (optimal)
    assert data["bands"][0] == {"year": 2025, "optimal": 1, "cukup_optimal": 1, "kurang_optimal": 1, "": 0}


def test_it_shows_a_years_realisation_and_the_close_button_only_to_the_admin(cycle, login):
    body = login(cycle.users.admin).get("/siklus/tahun/2025/").content.decode()
    assert "Tutup tahun 2025" in body and "2 dari 3 pegawai punya kesenjangan" in body
    body = login(cycle.users.head).get("/siklus/tahun/2025/").content.decode()
    assert "Tutup tahun 2025" not in body
    assert login(cycle.users.head).post("/siklus/tahun/2025/tutup/").status_code == 403


def test_it_answers_404_for_a_year_out_of_range(cycle, login):
    assert login(cycle.users.admin).get("/siklus/tahun/1900/").status_code == 404
