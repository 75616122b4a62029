"""The Kota Medan demo data: structure, validity of every generated record, determinism, idempotency, accounts.

Seeding runs with 400 employees (a few seconds); the full 15,000 are generated in memory only, where NIP,
rank and supervisor rules are checked for every person without the cost of a database.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from renbang.accounts.demo import DEMO_ACCOUNTS
from renbang.accounts.models import User
from renbang.core.demo import DEMO_AGENCY_CODE, DEMO_PASSWORD
from renbang.org.demo import build_plan
from renbang.org.demo.medan import KECAMATAN
from renbang.org.models import LEVELS_BY_TYPE, Agency, OrgUnit, Position, PositionType, UnitKind
from renbang.people.demo import generate
from renbang.people.models import Employee, PerformanceRecord
from renbang.people.nip import check_consistency, parse_nip
from renbang.people.ranks import PNS_RANKS, PPPK_ORDER

REF = dt.date(2026, 1, 1)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # PBKDF2 would cost seconds per login here


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHER


def seed(employees: int = 400) -> str:
    out = io.StringIO()
    call_command("seed_demo", employees=employees, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def workforce():
    """The default 15,000 employees, generated once in memory."""
    return generate(build_plan(), 15_000, random.Random("2026:people"), REF)


def counts() -> dict[str, int]:
    return {"units": OrgUnit.objects.count(), "positions": Position.objects.count(),
            "employees": Employee.objects.count(), "skp": PerformanceRecord.objects.count(),
            "users": User.objects.count(), "ladders": Position.next_positions.through.objects.count()}


@pytest.mark.django_db
def test_it_seeds_kota_medan_with_21_kecamatan_and_151_kelurahan():
    seed()
    agency = Agency.objects.get(code=DEMO_AGENCY_CODE)
    assert (agency.name, agency.hr_agency_name, agency.head_title) == (
        "Pemerintah Kota Medan", "BKPSDM Kota Medan", "Wali Kota Medan")
    districts = OrgUnit.objects.filter(agency=agency, kind=UnitKind.DISTRICT)
    assert districts.count() == 21
    assert OrgUnit.objects.filter(agency=agency, kind=UnitKind.VILLAGE).count() == 151
    for name, villages in KECAMATAN:
        district = districts.get(name=f"Kecamatan {name}")
        assert district.children.filter(kind=UnitKind.VILLAGE).count() == len(villages), name
    assert set(OrgUnit.objects.filter(kind=UnitKind.HOSPITAL).values_list("name", flat=True)) == {
        "RSUD dr. Pirngadi", "RSUD H. Bachtiar Djafar"}
    assert OrgUnit.objects.filter(kind=UnitKind.HEALTH_CENTRE, parent__code="dinkes").count() >= 40
    assert OrgUnit.objects.filter(kind=UnitKind.SCHOOL, parent__code="disdikbud").count() >= 100
    disdikbud = OrgUnit.objects.get(code="disdikbud")
    assert disdikbud.valid_from == dt.date(2023, 1, 1)
    assert OrgUnit.objects.get(name="Dinas Pendidikan", valid_to=dt.date(2022, 12, 31)).replaced_by == disdikbud
    assert not Employee.objects.filter(unit__valid_to__isnull=False).exists()  # nobody works in a closed unit


@pytest.mark.django_db
def test_it_creates_positions_of_every_type_and_level_with_career_ladders():
    seed(employees=50)
    present = set(Position.objects.values_list("position_type", "level"))
    for position_type, levels in LEVELS_BY_TYPE.items():
        for level in levels:
            if (position_type, level) == (PositionType.JPT, "utama"):
                continue  # JPT utama exists only in central government
            assert (position_type, level) in present, (position_type, level)
    assert not Position.objects.filter(job_family__isnull=True).exists()
    ladder = {(a, b) for a, b in Position.next_positions.through.objects.values_list(
        "from_position__name", "to_position__name")}
    assert ("Guru Ahli Pertama", "Guru Ahli Muda") in ladder
    assert ("Perawat Terampil", "Perawat Mahir") in ladder
    assert ("Pemadam Kebakaran Pemula", "Pemadam Kebakaran Terampil") in ladder
    assert ("Kepala Seksi Kurikulum dan Penilaian SD", "Kepala Bidang Pembinaan Sekolah Dasar") in ladder
    assert ("Kepala Bidang Pembinaan Sekolah Dasar", "Kepala Dinas Pendidikan dan Kebudayaan") in ladder
    assert ("Kepala Dinas Pendidikan dan Kebudayaan", "Sekretaris Daerah") in ladder
    assert ("Lurah", "Camat") in ladder


@pytest.mark.django_db
def test_it_seeds_valid_employees_with_supervisors_inside_the_agency_and_without_cycles():
    seed()
    assert Employee.objects.count() == 400
    sample = random.Random(1).sample(list(Employee.objects.values_list("pk", flat=True)), 300)
    for employee in Employee.objects.filter(pk__in=sample).select_related("agency", "unit", "position", "supervisor"):
        employee.full_clean()
    for record in PerformanceRecord.objects.all()[:300]:
        record.full_clean()
    bosses = dict(Employee.objects.values_list("pk", "supervisor_id"))
    agency_of = dict(Employee.objects.values_list("pk", "agency_id"))
    for pk in bosses:
        seen, current = set(), pk
        while bosses[current] is not None:
            assert agency_of[bosses[current]] == agency_of[pk]
            assert current not in seen, "supervisor cycle"
            seen.add(current)
            current = bosses[current]
    sekda = Employee.objects.get(position__name="Sekretaris Daerah")
    assert sekda.supervisor is None
    assert Employee.objects.filter(supervisor__isnull=True).count() == 1
    head_of_health = Employee.objects.get(unit__code="dinkes", position__name="Kepala Dinas Kesehatan")
    assert head_of_health.supervisor == sekda


@pytest.mark.django_db
def test_it_changes_nothing_when_seeded_twice():
    seed()
    before = counts()
    nips = list(Employee.objects.order_by("nip").values_list("nip", "name"))
    output = seed()
    assert counts() == before
    assert list(Employee.objects.order_by("nip").values_list("nip", "name")) == nips
    assert "dilewati" in output


@pytest.mark.django_db
def test_it_creates_one_account_per_role_that_logs_in(client):
    seed()
    users = {u.username: u for u in User.objects.select_related("employee", "unit")}
    assert {a.username for a in DEMO_ACCOUNTS} <= set(users)
    assert {users[a.username].role for a in DEMO_ACCOUNTS} == {a.role for a in DEMO_ACCOUNTS}
    admin = users["admin.bkpsdm"]
    assert admin.is_staff and admin.employee.position.name == "Kepala Bidang Pengembangan Kompetensi Aparatur"
    assert admin.has_perm("people.change_employee")  # the Django admin works without superuser
    assert users["opd.pendidikan"].unit.code == "disdikbud"
    boss = users["atasan"].employee
    assert boss.subordinates.count() >= 3
    assert users["pegawai"].employee.supervisor == boss
    assert users["fasilitator"].employee.position.name.startswith("Widyaiswara")
    for account in DEMO_ACCOUNTS:
        client.logout()
        response = client.post(reverse("accounts:login"), {"username": account.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, account.username
        assert int(client.session["_auth_user_id"]) == users[account.username].pk
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    table = out.getvalue()
    assert all(a.username in table for a in DEMO_ACCOUNTS) and DEMO_PASSWORD in table
    assert boss.name in table


def test_it_generates_the_same_people_for_the_same_seed_and_others_for_another():
    plan = build_plan()
    first = generate(plan, 2000, random.Random("7:people"), REF)
    again = generate(plan, 2000, random.Random("7:people"), REF)
    other = generate(plan, 2000, random.Random("8:people"), REF)
    key = [(p.nip, p.name, p.unit, p.position, p.supervisor) for p in first]
    assert key == [(p.nip, p.name, p.unit, p.position, p.supervisor) for p in again]
    assert key != [(p.nip, p.name, p.unit, p.position, p.supervisor) for p in other]


@pytest.mark.parametrize("count", [0, 1, 7, 60])
def test_it_generates_exactly_the_number_of_people_asked_for(count):
    people = generate(build_plan(), count, random.Random("2026:people"), REF)
    assert len(people) == count
    if count:
        assert people[0].position == "Sekretaris Daerah"


def test_it_gives_all_15000_people_valid_consistent_nips_and_ranks(workforce):
    assert len(workforce) == 15_000
    assert len({p.nip for p in workforce}) == 15_000
    for person in workforce:
        pppk = person.status in ("pppk", "pppk_pw")
        info = parse_nip(person.nip, pppk=pppk, today=REF)
        assert not check_consistency(info, birth_date=person.birth_date, sex=person.sex), person
        assert person.rank in (PPPK_ORDER if pppk else PNS_RANKS), person
        if not pppk:
            assert info.appointment[0] - person.birth_date.year >= 18
        for year, *_ in person.performance:
            assert year < REF.year


def test_it_builds_a_city_like_workforce(workforce):
    plan = build_plan()
    positions = plan.positions
    status = Counter(p.status for p in workforce)
    civil_servants = (status["pns"] + status["cpns"]) / len(workforce)
    assert 0.6 <= civil_servants <= 0.72 and status["cpns"] > 0 and status["pppk_pw"] > 0
    teachers = sum(p.position.startswith("Guru") for p in workforce)
    health = sum(positions[p.position].family == "kesehatan" for p in workforce)
    assert teachers > len(workforce) * 0.35 and health > len(workforce) * 0.15
    units = plan.by_code()
    heads = {p.unit for p in workforce if p.position == units[p.unit].head}
    open_units = [u for u in plan.units if u.head and not u.closed]
    assert len(heads) == len(open_units)  # at 15,000 every OPD, bidang, seksi, kecamatan and kelurahan has a head
    for index, person in enumerate(workforce):  # supervisors come first: no cycles by construction
        assert person.supervisor is None or person.supervisor < index
    structural = {"pengawas": {"III/b", "III/c", "III/d"}, "administrator": {"III/d", "IV/a", "IV/b"}}
    for person in workforce:
        kind = positions[person.position].position_type
        if kind in structural:
            assert person.rank in structural[kind]
    predicates = Counter(r[1] for p in workforce for r in p.performance)
    assert predicates.most_common(1)[0][0] == "baik" and predicates["sangat_baik"] > predicates["butuh_perbaikan"]


@pytest.mark.django_db
@pytest.mark.parametrize("employees", [60, 400])
def test_it_opens_a_campaign_every_demo_employee_account_is_asked_to_fill(employees, client):
    from renbang.accounts.models import Role
    from renbang.needs.models import Assessment, Campaign, Source
    from renbang.needs.selectors import target_employees

    seed(employees)
    campaign = Campaign.objects.get(status=Campaign.Status.OPEN)
    assert campaign.year == 2027 and campaign.period_start <= dt.date.today() <= campaign.period_end
    targets = set(target_employees(campaign).values_list("pk", flat=True))
    accounts = User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS], employee__isnull=False)
    assert {"pegawai", "atasan"} <= set(accounts.values_list("username", flat=True))
    assert all(u.employee_id in targets for u in accounts)
    pegawai = accounts.get(username="pegawai")
    assert not Assessment.objects.filter(campaign=campaign, employee=pegawai.employee_id).exists()
    if employees >= 400:  # some colleagues have sent theirs already
        assert Assessment.objects.filter(campaign=campaign, source=Source.SELF, status="submitted").exists()
    form = reverse("needs:self_form", args=[campaign.pk])
    client.force_login(pegawai)
    assert form in client.get(reverse("core:home")).content.decode()
    assert client.get(form).status_code == 200
    client.force_login(accounts.get(username="atasan"))
    assert reverse("needs:supervisor", args=[campaign.pk]) in client.get(reverse("core:home")).content.decode()
    # refused: an employee outside the campaign's units has no questionnaire
    outsider = Employee.objects.filter(active=True).exclude(pk__in=targets).first()
    if outsider is not None:
        other = User.objects.create_user("luar", agency=outsider.agency, role=Role.EMPLOYEE, employee=outsider)
        client.force_login(other)
        assert form not in client.get(reverse("core:home")).content.decode()
        assert client.get(form).status_code == 404
    counts = Campaign.objects.count(), Assessment.objects.count()
    seed(employees)
    assert (Campaign.objects.count(), Assessment.objects.count()) == counts


@pytest.mark.django_db
def test_it_closes_the_previous_year_before_optimising_the_demo_plan():
    from renbang.cycle.models import CarriedNeed
    from renbang.plans.models import PlanningScenario

    output = seed()
    assert output.index("  cycle:") < output.index("  plans:")
    scenario = PlanningScenario.objects.exclude(summary={}).get()
    carried = scenario.summary["carried"]
    assert carried["enabled"] and carried["from_years"] == [2025]
    assert carried["available"] > 0 and CarriedNeed.objects.filter(year=2026).exists()


def test_it_runs_the_year_closing_step_between_the_needs_and_the_plans_steps():
    from renbang.core.demo import demo_modules

    labels = [label for label, _module in demo_modules("seed")]
    assert labels.index("needs") < labels.index("cycle") == labels.index("plans") - 1
    assert "cycle" not in [label for label, _module in demo_modules("seed_late")]


@pytest.mark.django_db
def test_the_demo_employee_account_has_an_idp_and_spending_outside_the_plan_is_a_small_share(client):
    """At a small size: the "pegawai" account opens "my development" on IDP rows of the approved plan, and the
    leaders' dashboard shows spending outside the plan (sessions not made from its items) as a small share of the
    plan's budget (it was larger than the plan itself: leadership courses held outside it)."""
    from renbang.cycle.sources_plans import budget
    from renbang.delivery.demo import DEMO_OUTSIDE_SHARE
    from renbang.plans.models import PlanAssignment, PlanStatus

    seed()
    pegawai = User.objects.get(username="pegawai")
    rows = PlanAssignment.objects.filter(employee=pegawai.employee_id, plan__year=2026,
                                         plan__status=PlanStatus.APPROVED).select_related("programme")
    assert rows.exists()
    client.force_login(pegawai)
    page = client.get(reverse("cycle:my_development") + "?tahun=2026").content.decode()
    assert all(row.programme.title in page for row in rows)
    money = budget(User.objects.get(username="ppk"), 2026)
    assert money["planned"] > 0 and money["realised"] > 0
    assert 0 < money["outside"] <= DEMO_OUTSIDE_SHARE * money["planned"] < Decimal("0.15") * money["planned"]
