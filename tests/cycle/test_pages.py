import datetime as dt
import subprocess

import pytest

from renbang.cycle.services import year_close
from renbang.mentoring.models import Feedback

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_it_shows_an_employee_their_own_development(cycle, login, django_assert_max_num_queries):
    year_close(agency_id=cycle.agency.pk, year=2025)
    client = login(cycle.users.employee)
    with django_assert_max_num_queries(31):  # 29 + evaluation's feedback owed + the ledger's SIASN history
        response = client.get("/siklus/saya/?tahun=2026")
    body = response.content.decode()
    data = response.context["data"]
    assert data["employee"] == cycle.staff
    assert data["campaign"] == cycle.campaigns[2026]
    # 2026: M.1 gap 1 (next 2), M.2 gap 0 but next gap 1 → both are development needs
    assert [(n.competency.code, n.gap, n.next_gap) for n in data["gaps"]] == [("M.1", 1, 2), ("M.2", 0, 1)]
    assert data["mentoring_jp"] == 3.5
    assert [p.pk for p in data["mentoring_feedback_owed"]] == [cycle.pair.pk] and data["owed_count"] == 1
    assert {c.competency.code for c in data["carried"]} == {"M.1", "M.2"}
    assert 'id="radar"' in body and "Dibawa dari tahun lalu" in body and "Mentoring Integritas 2026" in body


def test_it_forgets_feedback_once_given(cycle, login):
    Feedback.objects.create(pair=cycle.pair, side="mentee", rating=4)
    data = login(cycle.users.employee).get("/siklus/saya/").context["data"]
    assert data["mentoring_feedback_owed"] == []


def test_it_refuses_my_development_to_a_user_without_an_employee_record(cycle, login):
    assert login(cycle.users.admin).get("/siklus/saya/").status_code == 403
    assert login(cycle.users.employee).get("/siklus/saya/?tahun=abc").status_code == 200


def test_it_shows_a_leader_the_biggest_gaps_in_their_scope(cycle, login, django_assert_max_num_queries):
    client = login(cycle.users.head)
    # since 30: the role grants (User.roles, once per request), django-otp re-reading the verified device and the
    # ledger's SIASN training history (32 measured)
    with django_assert_max_num_queries(32):
        response = client.get("/siklus/pimpinan/?bulan=2026-11")
    d = response.context["d"]
    assert d["campaign"] == cycle.campaigns[2026]
    cells = {(c["unit"], c["competency"].code): c["with_gap"] for c in d["gaps"]}
    assert cells == {("Dinas Pendidikan dan Kebudayaan", "M.1"): 1, ("Dinas Kesehatan", "M.1"): 1,
                     ("Dinas Kesehatan", "M.2"): 1}
    assert d["mentoring"] == {"active_pairs": 1, "logs": 2, "jp": 3.5, "pairs_logged": 1}
    body = response.content.decode()
    assert "/kebutuhan/hasil/sel/?kampanye=" in body and 'id="gap-chart"' in body
    officer = login(cycle.users.officer_b).get("/siklus/pimpinan/?bulan=2026-11").context["d"]
    assert {c["unit"] for c in officer["gaps"]} == {"Dinas Kesehatan"}
    assert officer["mentoring"]["logs"] == 0  # the pair is in unit A


def test_it_keeps_the_dashboard_bounded_with_more_data(cycle, login, django_assert_max_num_queries):
    from tests.factories import EmployeeFactory

    from .conftest import make_campaign

    for i in range(30):
        setattr(cycle, f"extra{i}", EmployeeFactory(agency=cycle.agency, unit=cycle.unit_b,
                                                    position=cycle.positions.staff))
    make_campaign(cycle, 2027, {f"extra{i}": {"M.1": i % 3, "M.2": 1} for i in range(30)}, cycle.comps)
    client = login(cycle.users.head)
    # since 29: the role grants (User.roles), django-otp re-reading the verified device, the ledger's SIASN history
    with django_assert_max_num_queries(31):  # ~22 measured (+5 creating delivery settings on first use), any size
        client.get("/siklus/pimpinan/")
    with django_assert_max_num_queries(45):  # grows with the number of years (one JP ledger each), not with staff
        client.get("/siklus/tahun/")


def test_it_prints_the_monthly_summary_as_pdf(cycle, login, tmp_path):
    response = login(cycle.users.head).get("/siklus/pimpinan/ringkasan.pdf?bulan=2026-11")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "RINGKASAN BULANAN" in text and "November 2026" in text
    assert "Pertemuan mentoring bulan ini" in text
    line = next(ln for ln in text.splitlines() if "JP mentoring bulan ini" in ln)
    assert line.split()[-1] == "3,5" or line.split()[-1] == "3.5"
    assert "Dinas Kesehatan" in text and "M.1 Integritas" in text


def test_it_accepts_any_month_value_without_error(cycle, login):
    client = login(cycle.users.admin)
    for value in ("", "2026-13", "abcd", "1800-01", "2025-02"):
        assert client.get(f"/siklus/pimpinan/?bulan={value}").status_code == 200
    assert client.get("/siklus/pimpinan/?bulan=2025-02").context["d"]["today"] == dt.date(2025, 2, 28)
