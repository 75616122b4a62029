"""Load: locust on loopback against gunicorn + the current database with the demo data (issue 10, item 6).

Mixed traffic (benchmarks/load/locustfile.py): employees filling their self-assessment, opening "my development",
their IDP and the calendar and giving feedback; officers browsing lists, searches, details, the API, the catalogue,
JP compliance and the leaders' dashboard; the facilitator's attendance grid; the PPK reading dashboards; and one
plan run by the BKPSDM admin, started through the web and run by the job worker (`manage.py db_worker`, started
beside gunicorn as in production) on a scenario of its own ("Uji beban", a copy of the demo's base scenario; its
earlier draft plans are removed first). Bounded: LOAD_USERS users (100), spawned 5 per second, for LOAD_SECONDS
(90 s) on a free loopback port; gunicorn runs 3 gthread workers × 4 threads with DEBUG off (collectstatic first).
Target (issue 10): 100 users, p95 ≤ 500 ms, 0 errors on 2 cores.

`run()` returns rows for `make bench`; `python benchmarks/bench_load.py` prints them. On a database without
the demo agency it seeds one (LOAD_EMPLOYEES employees, 5,000) and the demo accounts first.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("LOAD_USERS", "100"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "90"))
SPAWN_RATE = 5


def _setup_django() -> None:
    from django.conf import settings

    if not settings.configured:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
        import django

        django.setup()


def _scenario_ids() -> dict[str, str]:
    """Seed the demo if needed; the open campaign of the demo employee and employees the officer may read."""
    from django.core.management import call_command

    from renbang.accounts.models import User
    from renbang.accounts.scoping import for_user
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.needs import selectors
    from renbang.org.models import Agency
    from renbang.people.models import Employee

    call_command("migrate", verbosity=0)  # run alone (python benchmarks/bench_load.py) on a new database
    if not Agency.objects.filter(code=DEMO_AGENCY_CODE).exists():
        call_command("seed_demo", employees=int(os.environ.get("LOAD_EMPLOYEES", "5000")), seed=7, verbosity=0)
    call_command("demo_accounts", stdout=open(os.devnull, "w"))  # noqa: SIM115
    employee_user = User.objects.get(username="pegawai")
    campaign = next((c for c in selectors.campaigns_for_user(employee_user)
                     if c.is_open and c.self_on and selectors.is_target(c, employee_user.employee)), None)
    officer = User.objects.get(username="opd.pendidikan")
    ids = list(for_user(Employee.objects.all(), officer, "view").order_by("pk").values_list("pk", flat=True)[:300])
    return {"LOAD_CAMPAIGN": str(campaign.pk) if campaign else "", "LOAD_EMPLOYEE_IDS": ",".join(map(str, ids)),
            **_later_apps_ids(employee_user)}


LOAD_SCENARIO_NAME = "Uji beban (benchmark)"


def _later_apps_ids(employee_user) -> dict[str, str]:
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


def _plan_run(scenario_id: str) -> str:
    """How the plan run started during the load went (the Job the admin started through the web)."""
    from renbang.plans.models import PlanningScenario

    scenario = PlanningScenario.objects.filter(pk=scenario_id or 0).select_related("job").first()
    if scenario is None or scenario.job is None:
        return "not started"
    job = scenario.job
    took = f" {(job.finished_at - job.created_at).total_seconds():.0f} s after the start" if job.finished_at else ""
    return f"{job.status}{took} ({job.message or ''})".strip()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {server.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer /healthz/ within 120 s")


def run() -> list[tuple[str, str]]:
    _setup_django()
    from django.db import connection

    scenario = _scenario_ids()
    connection.close()
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_COOKIES": "false",
           "DJANGO_SECURE_SSL_REDIRECT": "false", "LOG_LEVEL": "WARNING", **scenario}
    env.pop("RENBANG_TESTING", None)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "renbang.wsgi:application", "--bind",
                               f"127.0.0.1:{port}", "--workers", "3", "--threads", "4", "--worker-class", "gthread",
                               "--timeout", "60"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # The job worker, as in production (docs/deploy.md): the admin's plan run goes through it.
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load_before = os.getloadavg()
    try:
        _wait_until_up(url, server)
        with tempfile.TemporaryDirectory() as folder:
            prefix = str(Path(folder) / "load")
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks/load/locustfile.py"),
                            "--headless", "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s", "--host", url,
                            "--csv", prefix, "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
                           cwd=ROOT, env=env, check=False, capture_output=True, timeout=SECONDS + 180)
            elapsed = time.perf_counter() - started
            with open(f"{prefix}_stats.csv", newline="") as handle:
                stats = list(csv.DictReader(handle))
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=60)
        worker.wait(timeout=60)
    load_after = os.getloadavg()
    total = next(row for row in stats if row["Name"] == "Aggregated")
    rows = [(f"load: {USERS} users, {SECONDS} s, gunicorn 3×4 gthread, {connection.vendor}",
             f"{int(total['Request Count']):,} requests ({float(total['Requests/s']):.1f}/s), "
             f"{int(total['Failure Count'])} errors; p50 {total['50%']} ms · p95 {total['95%']} ms · "
             f"p99 {total['99%']} ms (all requests, logins included)")]
    for row in sorted((r for r in stats if r["Name"] != "Aggregated"), key=lambda r: -float(r["95%"] or 0)):
        rows.append((f"load: {row['Type']} {row['Name']}",
                     f"{int(row['Request Count']):,} × p50 {row['50%']} ms · p95 {row['95%']} ms · "
                     f"{int(row['Failure Count'])} errors"))
    rows.append(("load: the plan run started by the BKPSDM admin (job worker)", _plan_run(scenario["LOAD_SCENARIO"])))
    rows.append(("load: machine load average (1 min) before / after",
                 f"{load_before[0]:.1f} / {load_after[0]:.1f} on {os.cpu_count()} cores ({elapsed:.0f} s run)"))
    return rows


if __name__ == "__main__":
    for label, figure in run():
        print(f"{label:<60} {figure}")
