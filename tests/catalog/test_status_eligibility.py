"""A programme may be open to some employment statuses only (the CPNS basic training: CPNS): the catalogue's one
eligibility rule on the employee side (`employees_eligible_for`), kept by the page, the API and the Excel round
trip, and followed by the planner's candidate list."""

import io

import numpy as np
import pytest
from openpyxl import load_workbook

from renbang.catalog import transfer
from renbang.catalog.models import Programme
from renbang.catalog.selectors import employees_eligible_for, programme_offers
from renbang.core.exports import xlsx_bytes
from renbang.people.models import Employee, EmployeeStatus
from renbang.plans.adapter import candidate_programmes
from tests.factories import EmployeeFactory

from .factories import ProgrammeFactory, method, national, target

pytestmark = pytest.mark.django_db
EVERYONE = ["admin", "officer_a", "supervisor", "employee", "mentor", "facilitator", "head"]


@pytest.fixture
def latsar(world):
    """A CPNS executive in the staff's section; a CPNS basic training open to executives who are CPNS."""
    world.cpns = EmployeeFactory(agency=world.agency, unit=world.section_a, position=world.positions.staff,
                                 status=EmployeeStatus.CPNS, name="Rina CPNS", rank="III/a")
    world.m1 = national("M.1", "Integritas")
    programme = ProgrammeFactory(agency=world.agency, title="Pelatihan Dasar CPNS", jp=400,
                                 method=method("KL-MAN"), employee_statuses=["cpns"])
    programme.eligibilities.create(position_type="pelaksana")
    target(programme, world.m1)
    world.latsar = programme
    return world


def test_the_catalogue_opens_a_cpns_training_to_cpns_of_its_position_types_only(latsar):
    eligible = Employee.objects.filter(employees_eligible_for(latsar.latsar))
    assert list(eligible) == [latsar.cpns]  # staff and Siti are PNS executives; the boss and chief are not executives
    latsar.latsar.employee_statuses = []
    assert set(Employee.objects.filter(employees_eligible_for(latsar.latsar))) == {latsar.cpns, latsar.staff,
                                                                                     latsar.other}


def test_the_planner_offers_a_cpns_training_to_cpns_only(latsar):
    offers = {}
    for o in programme_offers(latsar.agency.pk):
        offers.setdefault(o.programme_id, []).append(o)
    pid = latsar.latsar.pk
    chosen = candidate_programmes(offers, {pid}, ["pelaksana", "pelaksana"], np.array([0, 1]),
                                  np.array([latsar.m1.pk] * 2), np.array([1.0, 1.0]), np.array([1.0, 1.0]), 5,
                                  emp_status=[EmployeeStatus.PNS, EmployeeStatus.CPNS])
    assert chosen == {1: [pid]}


def test_bkpsdm_sets_the_statuses_on_the_page_and_sees_them(latsar, login):
    client = login(latsar.users.admin)
    response = client.post(f"/katalog/program/{latsar.latsar.pk}/ubah/", {
        "code": latsar.latsar.code, "title": "Pelatihan Dasar CPNS", "method": method("KL-MAN").pk,
        "min_level": 1, "max_level": 3, "jp": 400, "cost_per_participant": 12_500_000, "capacity_per_session": 30,
        "delivery": "blended", "targets": "M.1:1", "position_types": ["pelaksana"],
        "employee_statuses": ["cpns", "pppk"], "active": "on"})
    assert response.status_code == 302
    assert Programme.objects.get(pk=latsar.latsar.pk).employee_statuses == ["cpns", "pppk"]
    text = client.get(f"/katalog/program/{latsar.latsar.pk}/").content.decode()
    assert 'id="programme-statuses">CPNS, PPPK<' in text
    bad = client.post(f"/katalog/program/{latsar.latsar.pk}/ubah/", {
        "code": latsar.latsar.code, "title": "Pelatihan Dasar CPNS", "method": method("KL-MAN").pk,
        "min_level": 1, "max_level": 3, "jp": 400, "cost_per_participant": 0, "capacity_per_session": 30,
        "delivery": "blended", "employee_statuses": ["honorer"], "active": "on"})
    assert bad.status_code == 200 and Programme.objects.get(pk=latsar.latsar.pk).employee_statuses == ["cpns", "pppk"]
    for name in EVERYONE[1:]:
        assert login(getattr(latsar.users, name)).get(f"/katalog/program/{latsar.latsar.pk}/ubah/").status_code == 403


def test_the_api_reads_and_writes_the_statuses_for_bkpsdm_only(latsar, login):
    url = f"/api/v1/catalog/programmes/{latsar.latsar.pk}/"
    assert login(latsar.users.employee).get(url).json()["employee_statuses"] == ["cpns"]
    assert login(latsar.users.officer_a).patch(url, {"employee_statuses": []},
                                               content_type="application/json").status_code == 403
    admin = login(latsar.users.admin)
    assert admin.patch(url, {"employee_statuses": ["honorer"]}, content_type="application/json").status_code == 400
    response = admin.patch(url, {"employee_statuses": ["pppk", "pppk_pw"]}, content_type="application/json")
    assert response.status_code == 200 and response.json()["employee_statuses"] == ["pppk", "pppk_pw"]


def test_the_excel_round_trip_keeps_the_statuses(latsar):
    rows = transfer.export_rows(Programme.objects.filter(pk=latsar.latsar.pk).prefetch_related(
        "targets__competency", "eligibilities"))
    assert rows[0][-1] == "cpns"
    assert transfer.HEADERS[-1] == "Status kepegawaian"
    Programme.objects.filter(pk=latsar.latsar.pk).update(employee_statuses=[])
    data = xlsx_bytes(transfer.HEADERS, rows, "Katalog")
    assert load_workbook(io.BytesIO(data)).active.max_row == 2
    report = transfer.import_catalogue(agency=latsar.agency, data=data, filename="katalog.xlsx")
    assert not report.errors and Programme.objects.get(pk=latsar.latsar.pk).employee_statuses == ["cpns"]
