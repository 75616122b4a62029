"""The cycle reads plans: the approved RPK gives the planned figures, its unfinished items are carried over, its
items fill the report's seven RPK columns and the employee's IDP shows on 'my development'."""

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from renbang.catalog.models import Method, Programme, Provider
from renbang.cycle.models import CarriedNeed
from renbang.cycle.services import year_close, year_summary
from renbang.delivery.models import Enrolment, Session
from renbang.plans.models import DevelopmentPlan, IndividualPlan, PlanAssignment, PlanItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(cycle):
    """An approved 2025 RPK: 'Bimtek Kerja Sama' (M.2, 12 JP, Rp 2.000.000) in May for staff and Siti; not held."""
    provider = Provider.objects.create(agency=cycle.agency, name="BKPSDM Kota Medan", kind="internal")
    programme = Programme.objects.create(agency=cycle.agency, code="KS-1", title="Bimtek Kerja Sama",
                                         method=Method.objects.get(agency=None, code="KL-BIM"), provider=provider,
                                         jp=12, cost_per_participant=2_000_000)
    plan = DevelopmentPlan.objects.create(agency=cycle.agency, year=2025, title="RPK 2025", status="approved",
                                          budget_total=10_000_000)
    item = PlanItem.objects.create(plan=plan, programme=programme, method=programme.method, route="klasikal",
                                   form="Bimbingan teknis", provider=provider, provider_name=provider.name, month=5,
                                   date=dt.date(2025, 5, 12), capacity=30, jp=12, cost_per_participant=2_000_000,
                                   curriculum_reference="Kurikulum LAN", participants=2, budget=4_000_000)
    item.competencies.add(cycle.comps["M.2"])
    for employee in (cycle.staff, cycle.other):
        PlanAssignment.objects.create(plan=plan, item=item, employee=employee, programme=programme, unit=employee.unit,
                                      competency=cycle.comps["M.2"], gap=1, jp=12, cost=2_000_000, month=5)
        IndividualPlan.objects.create(plan=plan, employee=employee, status="approved", total_jp=12)
    return cycle


def test_it_carries_unfinished_plan_items_and_sums_the_plan(planned):
    closing = year_close(agency_id=planned.agency.pk, year=2025)
    plan_rows = CarriedNeed.objects.filter(from_year=2025, origin="plan")
    assert sorted(plan_rows.values_list("employee__name", "programme_title")) == [
        ("Ahmad Lubis", "Bimtek Kerja Sama"), ("Siti Nasution", "Bimtek Kerja Sama")]
    assert closing.summary["totals"]["planned"] == {"participants": 2, "jp": 24, "budget": 4_000_000}
    m2 = next(r for r in closing.summary["by_competency"] if r["code"] == "M.2")
    assert m2["planned"]["participants"] == 2 and m2["realised"]["participants"] == 0


def test_it_puts_the_seven_rpk_items_in_the_yearly_report(planned, login):
    response = login(planned.users.head).get("/siklus/laporan/tahunan/2025.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True)["RPK 7 unsur"].iter_rows(values_only=True))
    assert rows[1] == ("M.2 Kerja Sama", "2 pegawai", "Bimbingan teknis (klasikal)", "BKPSDM Kota Medan",
                       "12-05-2025", "Kurikulum LAN", 4_000_000, 0, 0)


def test_it_shows_the_idp_on_my_development(planned, login):
    data = login(planned.users.employee).get("/siklus/saya/?tahun=2025").context["data"]
    assert [(i["title"], i["when"], i["jp"], i["competency"]) for i in data["idp"]] == [
        ("Bimtek Kerja Sama", "12-05-2025", 12, "M.2")]


def _session(cycle, programme, employees, *, end: dt.date, item=None, status="completed") -> Session:
    session = Session.objects.create(agency=cycle.agency, programme=programme, plan_item=item, start_date=end,
                                     end_date=end, capacity=20, jp=Decimal(programme.jp), status=status)
    for employee in employees:
        Enrolment.objects.create(session=session, employee=employee, status="confirmed",
                                 completed=status == "completed", jp=Decimal(programme.jp))
    return session


@pytest.fixture
def delivered(planned):
    """The plan's May item held (a session made from it, staff completed it), and an unplanned 'Bimtek Arsip'
    (Rp 1.500.000) completed by staff and Siti in August 2025."""
    item = PlanItem.objects.get(plan__year=2025)
    _session(planned, item.programme, [planned.staff], end=dt.date(2025, 5, 13), item=item)
    arsip = Programme.objects.create(agency=planned.agency, code="AR-1", title="Bimtek Arsip", method=item.method,
                                     jp=8, cost_per_participant=1_500_000)
    _session(planned, arsip, [planned.staff, planned.other], end=dt.date(2025, 8, 20))
    return planned


def test_it_shows_plan_progress_and_budget_on_the_dashboard(planned, login):
    d = login(planned.users.head).get("/siklus/pimpinan/?bulan=2025-05").context["d"]
    assert d["plan_progress"]["planned"] == 1 and d["plan_progress"]["held"] == 0
    assert d["budget"]["planned"] == 4_000_000 and d["budget"]["realised"] == 0
    d = login(planned.users.officer_b).get("/siklus/pimpinan/?bulan=2025-05").context["d"]
    assert d["budget"]["planned"] == 2_000_000  # only Siti is in Dinas Kesehatan


def test_it_counts_only_the_plans_sessions_as_realised_and_shows_other_spending_apart(delivered, login):
    budget = login(delivered.users.head).get("/siklus/pimpinan/?bulan=2025-09").context["d"]["budget"]
    assert (budget["planned"], budget["realised"], budget["realised_participants"]) == (4_000_000, 2_000_000, 1)
    assert (budget["outside"], budget["outside_participants"], budget["share"]) == (3_000_000, 2, 50.0)
    budget = login(delivered.users.officer_b).get("/siklus/pimpinan/?bulan=2025-09").context["d"]["budget"]
    assert (budget["planned"], budget["realised"], budget["outside"]) == (2_000_000, 0, 1_500_000)


def test_it_labels_the_plans_realisation_and_the_spending_outside_it(delivered, login):
    text = login(delivered.users.head).get("/siklus/pimpinan/?bulan=2025-09").content.decode()
    assert "Realisasi anggaran rencana" in text and "dari Rp 4.000.000 direncanakan (50%)" in text
    assert "Di luar rencana: Rp 3.000.000 (2 peserta)" in text
    pdf = login(delivered.users.head).get("/siklus/pimpinan/ringkasan.pdf?bulan=2025-09")
    assert pdf.status_code == 200


def test_it_tells_how_the_plan_stands_to_date_when_the_month_has_nothing_planned(delivered, login):
    client = login(delivered.users.head)
    progress = client.get("/siklus/pimpinan/?bulan=2025-06").context["d"]["plan_progress"]
    assert (progress["planned"], progress["held"]) == (0, 0)  # nothing planned in June
    assert (progress["planned_to_date"], progress["held_to_date"], progress["items"]) == (1, 1, 1)
    text = client.get("/siklus/pimpinan/?bulan=2025-06").content.decode()
    assert "Bulan ini tidak ada kegiatan terjadwal dalam rencana." in text
    progress = client.get("/siklus/pimpinan/?bulan=2025-04").context["d"]["plan_progress"]
    assert (progress["planned_to_date"], progress["held_to_date"]) == (0, 0)


def test_it_says_when_no_session_has_been_made_from_the_plan(planned, login):
    response = login(planned.users.head).get("/siklus/pimpinan/?bulan=2025-06")
    progress = response.context["d"]["plan_progress"]
    assert (progress["planned_to_date"], progress["held_to_date"], progress["linked_to_date"]) == (1, 0, 0)
    assert 'id="fig-plan-unlinked"' in response.content.decode()


def test_it_gives_the_budget_apart_from_outside_spending_in_the_api(delivered, login):
    with time_machine.travel(dt.datetime(2025, 9, 15, 12, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")), tick=False):
        data = login(delivered.users.head).get("/api/v1/cycle/dashboard/").json()
    assert data["budget"] == {"planned": 4_000_000, "realised": 2_000_000, "realised_participants": 1,
                              "outside_plan": 3_000_000, "outside_plan_participants": 2}
    assert (data["plan_progress"]["planned"], data["plan_progress"]["planned_to_date"],
            data["plan_progress"]["held_to_date"]) == (0, 1, 1)


@pytest.fixture
def repriced(delivered):
    """The catalogue price of the plan's programme went up after the PPK set the plan (Rp 2.000.000 → 2.600.000):
    the plan item keeps the approved Rp 2.000.000."""
    Programme.objects.filter(code="KS-1").update(cost_per_participant=2_600_000)
    return delivered


def test_the_year_counts_only_the_plans_sessions_as_realised_at_the_plans_price(repriced):
    summary = year_summary(repriced.agency.pk, 2025)
    totals = summary["totals"]
    assert totals["planned"] == {"participants": 2, "jp": 24, "budget": 4_000_000}
    assert totals["realised"] == {"participants": 1, "jp": 12, "budget": 2_000_000}  # the item's price, not 2.6 M
    assert totals["outside"] == {"participants": 2, "jp": 16, "budget": 3_000_000}  # Bimtek Arsip, catalogue price
    units = {r["name"]: r for r in summary["by_unit"]}
    assert units["Dinas Kesehatan"]["realised"]["budget"] == 0
    assert units["Dinas Kesehatan"]["outside"] == {"participants": 1, "jp": 8, "budget": 1_500_000}


def test_the_dashboard_prices_the_plans_realisation_as_the_plan_did(repriced, login):
    budget = login(repriced.users.head).get("/siklus/pimpinan/?bulan=2025-09").context["d"]["budget"]
    assert (budget["realised"], budget["outside"]) == (2_000_000, 3_000_000)


def test_the_year_page_and_its_reports_show_the_spending_outside_the_plan_apart(repriced, login):
    client = login(repriced.users.head)
    response = client.get("/siklus/tahun/2025/")
    text = response.content.decode()
    assert 'id="tot-outside"' in text and "Rp 3.000.000" in text and "Di luar rencana" in text
    assert "tidak dihitung sebagai realisasi rencana" in text
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in load_workbook(
        io.BytesIO(client.get("/siklus/laporan/tahunan/2025.xlsx").content), read_only=True)}
    overview = dict(sheets["Ringkasan"][1:])
    assert (overview["Anggaran realisasi (Rp)"], overview["Anggaran di luar rencana (Rp)"]) == (2_000_000, 3_000_000)
    assert sheets["Per unit"][0][1:4] == ["Peserta rencana", "Peserta realisasi", "Peserta di luar rencana"]
    assert sheets["RPK 7 unsur"][1][7:] == [1, 2_000_000]
    pdf = client.get("/siklus/laporan/tahunan/2025.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    year_close(agency_id=repriced.agency.pk, year=2025)
    closing = client.get("/api/v1/cycle/year-closings/?year=2025").json()["results"][0]
    assert closing["summary"]["totals"]["outside"]["budget"] == 3_000_000
    assert closing["summary"]["totals"]["realised"]["budget"] == 2_000_000
    assert login(repriced.users.employee).get("/api/v1/cycle/year-closings/").status_code == 403
    assert login(repriced.users.officer_a).get("/siklus/laporan/tahunan/2025.xlsx").status_code == 403


def test_a_year_closed_before_the_split_says_its_realisation_holds_everything(planned, login):
    closing = year_close(agency_id=planned.agency.pk, year=2025)
    for row in [closing.summary["totals"], *closing.summary["by_unit"], *closing.summary["by_competency"]]:
        row.pop("outside")
    closing.save()
    client = login(planned.users.head)
    text = client.get("/siklus/tahun/2025/").content.decode()
    assert "Tidak dipisahkan saat tahun ditutup." in text and "mencakup semua pelatihan" in text
    sheets = load_workbook(io.BytesIO(client.get("/siklus/laporan/tahunan/2025.xlsx").content), read_only=True)
    assert dict(list(sheets["Ringkasan"].iter_rows(values_only=True))[1:])["Anggaran di luar rencana (Rp)"] == "—"
    assert client.get("/siklus/laporan/tahunan/2025.pdf").status_code == 200


def _revise(plan: DevelopmentPlan, *, status: str = "approved") -> DevelopmentPlan:
    """Version n+1 of `plan` with a copy of its items; an approved revision supersedes `plan`."""
    revised = DevelopmentPlan.objects.create(agency=plan.agency, year=plan.year, version=plan.version + 1,
                                             previous=plan, title=plan.title, status=status,
                                             budget_total=plan.budget_total)
    for item in plan.items.all():
        item.pk = None
        item.plan = revised
        item.save()
    if status == "approved":
        DevelopmentPlan.objects.filter(pk=plan.pk).update(status="superseded")
    return revised


def test_a_revised_plan_keeps_the_sessions_held_under_its_earlier_version_as_realisation(delivered, login):
    """PP 11/2017 lets the PPK revise the RPK: the May session made from version 1's item stays the plan's
    realisation after version 2 is set (delivery.selectors.plan_spending); a draft version 3's item, or another
    year's plan, does not make a session the plan's."""
    v1 = DevelopmentPlan.objects.get(year=2025)
    v2 = _revise(v1)
    totals = year_summary(delivered.agency.pk, 2025)["totals"]
    assert totals["realised"] == {"participants": 1, "jp": 12, "budget": 2_000_000}
    assert totals["outside"] == {"participants": 2, "jp": 16, "budget": 3_000_000}
    budget = login(delivered.users.head).get("/siklus/pimpinan/?bulan=2025-09").context["d"]["budget"]
    assert (budget["realised"], budget["outside"]) == (2_000_000, 3_000_000)
    draft_item = _revise(v2, status="draft").items.get()
    other_year = DevelopmentPlan.objects.create(agency=delivered.agency, year=2024, title="RPK 2024",
                                                status="approved")
    old_item = PlanItem.objects.get(plan=v1)
    old_item.pk, old_item.plan = None, other_year
    old_item.save()
    _session(delivered, draft_item.programme, [delivered.other], end=dt.date(2025, 10, 1), item=draft_item)
    _session(delivered, old_item.programme, [delivered.other], end=dt.date(2025, 3, 1), item=old_item)
    totals = year_summary(delivered.agency.pk, 2025)["totals"]
    assert totals["realised"]["participants"] == 1
    assert totals["outside"] == {"participants": 4, "jp": 40, "budget": 7_000_000}
