"""The cycle reads delivery: completed sessions close a need (no carry-over), count as spending (outside a plan
here: there is none), appear in the
SIASN history with their certificate number, and fill the JP ledger shown on 'my development'."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from renbang.catalog.models import Method, Programme, ProgrammeCompetency, Provider
from renbang.cycle.models import CarriedNeed
from renbang.cycle.services import year_close
from renbang.delivery.models import Certificate, Enrolment, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def trained(cycle):
    """Staff completed an 'Integritas' training (M.1, 8 JP, Rp 1.500.000) in March 2025, certificate 800/12/2025."""
    provider = Provider.objects.create(agency=cycle.agency, name="BPSDM Provinsi Sumatera Utara", kind="internal")
    programme = Programme.objects.create(agency=cycle.agency, code="INT-1", title="Pelatihan Integritas",
                                         method=Method.objects.get(agency=None, code="KL-MAN"), provider=provider,
                                         jp=8, cost_per_participant=1_500_000)
    ProgrammeCompetency.objects.create(programme=programme, competency=cycle.comps["M.1"], uplift=1)
    session = Session.objects.create(agency=cycle.agency, programme=programme, start_date=dt.date(2025, 3, 10),
                                     end_date=dt.date(2025, 3, 11), capacity=20, jp=Decimal("8"), status="completed")
    enrolment = Enrolment.objects.create(session=session, employee=cycle.staff, status="confirmed", completed=True,
                                         jp=Decimal("8"))
    Certificate.objects.create(enrolment=enrolment, number="800/12/2025")
    return cycle


def test_it_does_not_carry_a_need_developed_during_the_year(trained):
    closing = year_close(agency_id=trained.agency.pk, year=2025)
    carried = CarriedNeed.objects.filter(from_year=2025)
    assert not carried.filter(employee=trained.staff, competency=trained.comps["M.1"]).exists()
    assert carried.count() == closing.carried == 5
    totals = closing.summary["totals"]  # no plan in 2025: the training is spending outside a plan
    assert totals["outside"] == {"participants": 1, "jp": 8, "budget": 1_500_000}
    assert totals["realised"] == {"participants": 0, "jp": 0, "budget": 0}
    m1 = next(r for r in closing.summary["by_competency"] if r["code"] == "M.1")
    assert (m1["realised"]["participants"], m1["outside"]["participants"]) == (0, 1)


def test_it_lists_the_training_in_the_siasn_history(trained, login):
    response = login(trained.users.employee).get("/siklus/saya/riwayat.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))
    training = next(r for r in rows if r[4] == "Pelatihan Integritas")
    assert training[2:] == ("Kursus", "Pelatihan manajerial", "Pelatihan Integritas", "BPSDM Provinsi Sumatera Utara",
                            dt.datetime(2025, 3, 10), dt.datetime(2025, 3, 11), 2025, 8, "800/12/2025")


def test_it_shows_jp_and_certificates_on_my_development(trained, login):
    data = login(trained.users.employee).get("/siklus/saya/?tahun=2025").context["data"]
    assert data["jp"] == 8.0 and data["jp_floor"] == 20.0
    assert [c["number"] for c in data["certificates"]] == ["800/12/2025"]
    assert [s["title"] for s in data["sessions"]] == ["Pelatihan Integritas · 10-03-2025"]
    data = login(trained.users.employee).get("/siklus/saya/?tahun=2026").context["data"]
    assert data["jp"] == 3.5  # the two mentoring meetings of November 2026, through delivery's ledger


def test_it_counts_jp_compliance_per_year(trained, login):
    data = login(trained.users.head).get("/siklus/tahun/").context["data"]
    assert data["compliance"][2025]["met"] == 0 and data["compliance"][2025]["employees"] == 4


def test_it_shows_on_the_dashboard_how_many_have_reached_the_jp_target(trained, login):
    Enrolment.objects.filter(employee=trained.staff).update(jp=Decimal("24"))
    response = login(trained.users.head).get("/siklus/pimpinan/?bulan=2025-06")
    at_risk = response.context["d"]["at_risk"]
    assert (at_risk["met"], at_risk["of"]) == (1, 4)
    assert "1 sudah ≥ 20 JP" in response.content.decode()
