"""What the load scenario needs in the database, made (or reset) before each run; the ids handed to locust.

- The campaign of the deadline: the benchmark's own self + supervisor assessment campaign ("Uji beban
  (benchmark)"), open for the whole agency (no target unit: 5,000 employees in the default demo). Its answers are
  deleted at the start of every run, so that every run starts from the same empty questionnaires.
- Distinct accounts: LOAD_USERS employees of the campaign and a tenth as many supervisors (each with at least
  two staff to grade), taken in NIP order from the employees that only this campaign asks (not the targets of
  another open campaign, e.g. the demo's), with a position that has a competency standard (a form to fill). They
  are made the way the app makes employee accounts (`accounts.provisioning`, username = NIP), and all get the
  benchmark's known password, hashed ONCE with the app's hasher (Argon2id, ~40 ms; the same hash for every
  account: each login still checks it at the full cost).
- A small roster (LOAD_ROSTER): NIP, name and e-mail of 40 existing employees, 39 unchanged and one whose e-mail
  alternates between two benchmark addresses from run to run, so that every import updates exactly one employee.
- For the demo employee ("pegawai"): their IDP and the sessions they may give feedback on; the facilitator's
  sessions; and the benchmark's planning scenario (a copy of the demo's base scenario, its draft plans removed).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

LOAD_SCENARIO_NAME = "Uji beban (benchmark)"
PASSWORD = os.environ.get("LOAD_PASSWORD", "renbang-demo-2026")
ROSTER_ROWS = 40


def scenario_ids(*, users: int, out: Path | None = None) -> dict[str, str]:
    """Seed the demo if needed, prepare the campaign, the accounts and the roster; the environment for locust."""
    from django.core.management import call_command
    from django.db import connection

    from renbang.accounts.models import User
    from renbang.accounts.scoping import for_user
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.org.models import Agency
    from renbang.people.models import Employee

    call_command("migrate", verbosity=0)  # run alone (python benchmarks/bench_load.py) on a new database
    if not Agency.objects.filter(code=DEMO_AGENCY_CODE).exists():
        call_command("seed_demo", employees=int(os.environ.get("LOAD_EMPLOYEES", "5000")), seed=7, verbosity=0)
    call_command("demo_accounts", stdout=open(os.devnull, "w"))  # noqa: SIM115
    employee_user = User.objects.get(username="pegawai")
    campaign = deadline_campaign(employee_user.agency)
    employees, supervisors = campaign_accounts(campaign, employees=users, supervisors=max(3, users // 10))
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum would have them on a live server: without them (a database seeded a
        # moment ago, or a server running with autovacuum off) PostgreSQL picks nested loops over 50,000 rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    officer = User.objects.get(username="opd.pendidikan")
    ids = list(for_user(Employee.objects.all(), officer, "view").order_by("pk").values_list("pk", flat=True)[:300])
    roster = ""
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "roster.csv").write_bytes(roster_file(campaign.agency, exclude=[*employees, *supervisors]))
        roster = str(out / "roster.csv")
    return {"LOAD_CAMPAIGN": str(campaign.pk), "LOAD_EMPLOYEE_IDS": ",".join(map(str, ids)),
            "LOAD_ACCOUNTS": ",".join(employees), "LOAD_SUPERVISORS": ",".join(supervisors), "LOAD_ROSTER": roster,
            **later_apps_ids(employee_user)}


def deadline_campaign(agency):
    """The benchmark's open campaign for the whole agency, without any answer (made once, kept open)."""
    from renbang.needs import services
    from renbang.needs.models import Assessment, Campaign, Reminder

    campaign = Campaign.objects.filter(agency=agency, name=LOAD_SCENARIO_NAME).first()
    if campaign is None:
        today = dt.date.today()
        campaign = services.campaign_create(agency=agency, name=LOAD_SCENARIO_NAME, year=today.year + 1,
                                            period_start=today, period_end=today + dt.timedelta(days=60),
                                            self_on=True, supervisor_on=True, peer_on=False)
    campaign.target_units.clear()  # earlier versions of the benchmark opened it for one unit only
    if campaign.status == Campaign.Status.DRAFT:
        services.campaign_open(campaign=campaign)
    elif campaign.status == Campaign.Status.CLOSED:
        raise RuntimeError(f"the benchmark's campaign {campaign.pk} was closed; delete it to start again")
    Assessment.objects.filter(campaign=campaign).delete()
    Reminder.objects.filter(campaign=campaign).delete()
    return campaign


def campaign_accounts(campaign, *, employees: int, supervisors: int) -> tuple[list[str], list[str]]:
    """Usernames of `employees` employees and `supervisors` supervisors of `campaign` (see the module), with
    accounts that log in with PASSWORD."""
    from django.contrib.auth.hashers import make_password

    from renbang.accounts.models import Role, User
    from renbang.accounts.provisioning import provision_accounts
    from renbang.competencies.selectors import required_levels_for
    from renbang.needs import selectors
    from renbang.needs.models import Campaign

    targets = selectors.target_employees(campaign)
    asked_elsewhere: set[int] = set()
    for other in Campaign.objects.filter(agency_id=campaign.agency_id, status=Campaign.Status.OPEN).exclude(
            pk=campaign.pk):
        asked_elsewhere.update(selectors.target_employees(other).values_list("pk", flat=True))
    # employees already linked to an account of another name (the demo accounts) keep theirs: not ours to change
    taken = set(User.objects.exclude(employee=None).exclude(username__in=targets.values("nip"))
                .values_list("employee_id", flat=True))
    rows = [r for r in targets.order_by("nip").values_list("pk", "position_id", "supervisor_id")
            if r[0] not in asked_elsewhere and r[0] not in taken]
    standards = required_levels_for({r[1] for r in rows if r[1]})
    with_form = [r for r in rows if standards.get(r[1])]
    staff: dict[int, int] = {}
    for _pk, _position, boss in with_form:
        staff[boss] = staff.get(boss, 0) + 1
    bosses = [r[0] for r in with_form if staff.get(r[0], 0) >= 2][:supervisors]
    chosen = set(bosses)
    # the supervisors' own staff first (their grids and their staff's forms are one campaign's work), then the rest
    staff_first = sorted((r for r in with_form if r[0] not in chosen), key=lambda r: r[2] not in chosen)
    people = [r[0] for r in staff_first[:employees]]
    provision_accounts(employee_ids=[*people, *bosses])
    User.objects.filter(employee_id__in=[*people, *bosses]).update(password=make_password(PASSWORD), is_active=True)
    User.objects.filter(employee_id__in=bosses).update(role=Role.SUPERVISOR)
    names = dict(User.objects.filter(employee_id__in=[*people, *bosses]).values_list("employee_id", "username"))
    return [names[pk] for pk in people if pk in names], [names[pk] for pk in bosses if pk in names]


def roster_file(agency, *, exclude: list[str]) -> bytes:
    """A CSV roster of ROSTER_ROWS existing employees (not the simulated ones), one with a new e-mail address."""
    from renbang.people.models import Employee

    rows = list(Employee.objects.filter(agency=agency, active=True).exclude(nip__in=exclude).order_by("-nip")
                .values_list("nip", "name", "email")[:ROSTER_ROWS])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["NIP", "Nama", "Email"])
    for n, (nip, name, email) in enumerate(rows):
        if n == 0:  # the one change of every import: a, then b, then a again...
            email = f"uji.beban.{'b' if email.startswith('uji.beban.a.') else 'a'}.{nip}@demo.renbang.invalid"
        writer.writerow([nip, name, email])
    return buffer.getvalue().encode("utf-8")


def later_apps_ids(employee_user) -> dict[str, str]:
    """The demo employee's IDP and the sessions they may give feedback on, the facilitator's sessions, and the
    benchmark's own planning scenario (made from the demo's base scenario; earlier benchmark drafts removed)."""
    from renbang.accounts.models import User
    from renbang.delivery.models import Enrolment, Session
    from renbang.evaluation import services as evaluation
    from renbang.plans.models import DevelopmentPlan, PlanningScenario, PlanStatus, ScenarioStatus
    from renbang.plans.selectors import idps_for_user

    # the IDP of the agency's adopted plan (not of a benchmark draft, which the next run removes)
    idp = idps_for_user(employee_user).filter(employee_id=employee_user.employee_id,
                                              plan__status=PlanStatus.APPROVED).order_by(
        "-plan__year", "-plan__version").first()

    def form_opens(enrolment) -> bool:  # the feedback page answers 200: open, or already answered
        problem = evaluation.feedback_problem(enrolment, employee_user)
        return problem is None or problem[0] == evaluation.DONE

    completed = Enrolment.objects.filter(employee_id=employee_user.employee_id,
                                         session__status=Session.Status.COMPLETED).select_related("session")
    feedback = [e.session_id for e in completed.order_by("-session__end_date")[:20] if form_opens(e)][:5]
    facilitator = User.objects.get(username="fasilitator")
    attendance = list(Session.objects.filter(facilitator=facilitator).exclude(status=Session.Status.CANCELLED)
                      .order_by("-start_date").values_list("pk", flat=True)[:5])
    base = PlanningScenario.objects.filter(agency_id=employee_user.agency_id).exclude(
        name=LOAD_SCENARIO_NAME).order_by("-year", "pk").first()
    scenario = None
    if base is not None:
        scenario = PlanningScenario.objects.filter(agency_id=base.agency_id, name=LOAD_SCENARIO_NAME).first()
        if scenario is None:
            scenario = base
            scenario.pk, scenario.name = None, LOAD_SCENARIO_NAME
        scenario.status, scenario.job = ScenarioStatus.DRAFT, None
        scenario.save()
        DevelopmentPlan.objects.filter(scenario=scenario, status=PlanStatus.DRAFT).delete()
    return {"LOAD_IDP": str(idp.pk) if idp else "", "LOAD_FEEDBACK_SESSIONS": ",".join(map(str, feedback)),
            "LOAD_ATTENDANCE_SESSIONS": ",".join(map(str, attendance)),
            "LOAD_SCENARIO": str(scenario.pk) if scenario else ""}
