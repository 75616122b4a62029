"""The demo accounts on a small world: the employee account goes to someone the approved demo plan reached (the
plans step hands over the employees with an IDP), under a supervisor account; without a plan, as before."""

from __future__ import annotations

import datetime as dt

import pytest

from renbang.accounts import demo
from renbang.accounts.models import User
from renbang.core.demo import DemoContext
from renbang.org.models import PositionType
from renbang.plans import demo as plans_demo
from renbang.plans.models import DevelopmentPlan, IndividualPlan, PlanStatus
from tests.factories import AgencyFactory, EmployeeFactory, OrgUnitFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    """A head; two heads of section (first by NIP: Seksi A), each over three PNS staff born 1990–1992 (NIP order);
    only the last staff member of Seksi B has an IDP in the approved 2026 plan, a PPPK of Seksi A another."""
    agency = AgencyFactory()
    unit = OrgUnitFactory(agency=agency, name="Dinas Pendidikan dan Kebudayaan")
    head = EmployeeFactory(agency=agency, unit=unit, birth_date=dt.date(1970, 1, 1), rank="IV/b",
                           position=PositionFactory(agency=agency, position_type=PositionType.ADMINISTRATOR,
                                                    name="Kepala Bidang"))
    staff_position = PositionFactory(agency=agency, name="Penata Layanan Operasional")
    sections = {}
    for year, name in ((1975, "A"), (1976, "B")):
        chief = EmployeeFactory(agency=agency, unit=unit, supervisor=head, birth_date=dt.date(year, 1, 1),
                                rank="III/d", position=PositionFactory(
                                    agency=agency, name=f"Kepala Seksi {name}",
                                    position_type=PositionType.SUPERVISORY))
        staff = [EmployeeFactory(agency=agency, unit=unit, supervisor=chief, position=staff_position,
                                 birth_date=dt.date(1990 + i, 1, 1)) for i in range(3)]
        sections[name] = (chief, staff)
    pppk = EmployeeFactory(agency=agency, unit=unit, supervisor=sections["A"][0], position=staff_position,
                           status="pppk", birth_date=dt.date(1993, 1, 1))
    plan = DevelopmentPlan.objects.create(agency=agency, year=2026, title="RPK 2026", status=PlanStatus.APPROVED)
    draft = DevelopmentPlan.objects.create(agency=agency, year=2026, version=2, title="RPK 2026 v2")
    planned = sections["B"][1][2]
    IndividualPlan.objects.create(plan=plan, employee=planned)
    IndividualPlan.objects.create(plan=plan, employee=pppk)  # not PNS: not the account's pick
    IndividualPlan.objects.create(plan=draft, employee=sections["A"][1][0])  # a draft's IDP does not count
    return agency, sections, planned


def test_it_gives_the_employee_account_to_a_subordinate_the_approved_plan_reached(office):
    agency, sections, planned = office
    ctx = DemoContext(agency=agency, year=2026, log=lambda *a: None)
    plans_demo._hand_over(ctx)
    assert ctx.shared["plans"]["idp_employee_ids"] == {planned.pk, IndividualPlan.objects.get(
        employee__status="pppk").employee_id}
    demo.seed_late(ctx)
    users = {u.username: u for u in User.objects.all()}
    assert users["pegawai"].employee == planned
    assert users["atasan"].employee == sections["B"][0] == planned.supervisor


def test_without_a_plan_it_picks_by_nip_under_the_first_supervisor(office):
    agency, sections, _planned = office
    demo.seed_late(DemoContext(agency=agency, year=2026, log=lambda *a: None))
    users = {u.username: u for u in User.objects.all()}
    assert users["atasan"].employee == sections["A"][0]
    assert users["pegawai"].employee == sections["A"][1][0]
