"""The cycle reads plans: the approved RPK gives the planned figures, its unfinished items are carried over, its
items fill the report's seven RPK columns and the employee's IDP shows on 'my development'."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from renbang.catalog.models import Method, Programme, Provider
from renbang.cycle.models import CarriedNeed
from renbang.cycle.services import year_close
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


def test_it_shows_plan_progress_and_budget_on_the_dashboard(planned, login):
    d = login(planned.users.head).get("/siklus/pimpinan/?bulan=2025-05").context["d"]
    assert d["plan_progress"]["planned"] == 1 and d["plan_progress"]["held"] == 0
    assert d["budget"] == {"planned": 4_000_000, "realised": 0, "url": d["budget"]["url"]}
    d = login(planned.users.officer_b).get("/siklus/pimpinan/?bulan=2025-05").context["d"]
    assert d["budget"]["planned"] == 2_000_000  # only Siti is in Dinas Kesehatan
