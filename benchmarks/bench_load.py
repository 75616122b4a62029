"""Load: the last days of a needs-analysis campaign, locust on loopback against gunicorn + PostgreSQL (issue 20).

The scenario (benchmarks/load/locustfile.py; what it needs in the database: benchmarks/load/scenario.py): most
users are employees of the benchmark's open campaign (the whole agency), each with an account of their own, who
open their self-assessment form, save a draft once or twice, submit it and read "my development"; supervisors
(accounts of their own) fill their grids and submit; OPD officers watch the campaign's progress, the heatmap and
their lists; the PPK reads the leaders' dashboard; the facilitator takes attendance; ONE BKPSDM admin runs ONE
plan and ONE imports ONE small roster through the web, both run by the job worker (`manage.py db_worker`, started
beside gunicorn as in production). The campaign's answers are deleted before each run, so runs are alike.

Each simulated user logs in once (Argon2id, ~40 ms of CPU), then waits LOAD_WAIT (3-12 s) between two steps.
Bounded: LOAD_USERS users (100) arriving at LOAD_SPAWN_RATE per second for LOAD_SECONDS, on a free loopback port;
gunicorn runs LOAD_WORKERS gthread workers × LOAD_THREADS threads (3 × 4, as docs/deploy.md) with DEBUG off.
Up to 199 users: 1 user/s and 180 s (100 users: 100 s of arrivals, then 80 s all together). From 200 users:
2 users/s and 360 s, so that 300 users have all arrived after 150 s and are all there for 210 s (1/s would
leave 300 users together for no time at all within 300 s, and a run of 8 minutes in all is what a developer
can wait for); each overrides with its variable. Why these numbers: benchmarks/README.md.
Target (issue 20): 300 users, 0 errors, p95 ≤ 500 ms, logins p95 ≤ 300 ms, ≤ 35 ms of server CPU per request.

Everything of a run stays in var/bench/load/: requests.csv (every request: start, name, ms, error; the moment
the last user was spawned), the roster file, locust's CSVs and output, gunicorn's and the worker's log. The report
gives the whole run, the logins apart, the steady state (from 10 s after the last user arrived), each page, each
error with its cause, the CPU of gunicorn, PostgreSQL, the worker and locust, the server CPU per request, the
load average before and after, and how the plan run and the roster import ended.

`run()` returns rows for `make bench` (which moves this benchmark to PostgreSQL LOAD_DATABASE_URL when a server
answers); `python benchmarks/bench_load.py` prints them. On a database without the demo agency it seeds one
(LOAD_EMPLOYEES employees, 5,000) and the demo accounts first; on PostgreSQL it then runs ANALYZE.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load.scenario import scenario_ids

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("LOAD_USERS", "100"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "360" if USERS >= 200 else "180"))
SPAWN_RATE = float(os.environ.get("LOAD_SPAWN_RATE", "2" if USERS >= 200 else "1"))
WAIT = os.environ.get("LOAD_WAIT", "3-12")  # seconds of think time between two pages of one user (min-max)
WORKERS = int(os.environ.get("LOAD_WORKERS", "3"))
THREADS = int(os.environ.get("LOAD_THREADS", "4"))
STEADY_AFTER = 10  # seconds after the last user was spawned: their logins are done
OUT = ROOT / "var" / "bench" / "load"  # request log, locust's CSVs and output, gunicorn's log (kept after the run)
# The roster import starts once every user has arrived (at half the run at the latest): it is part of the peak.
IMPORT_AT = float(os.environ.get("LOAD_IMPORT_AT", min(USERS / SPAWN_RATE, SECONDS / 2)))


def _setup_django() -> None:
    from django.conf import settings

    if not settings.configured:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
        import django

        django.setup()


def _plan_run(scenario_id: str) -> str:
    """How the plan run started during the load went (the Job the admin started through the web)."""
    from renbang.plans.models import PlanningScenario

    scenario = PlanningScenario.objects.filter(pk=scenario_id or 0).select_related("job").first()
    if scenario is None or scenario.job is None:
        return "not started"
    job = scenario.job
    took = f" {(job.finished_at - job.created_at).total_seconds():.0f} s after the start" if job.finished_at else ""
    return f"{job.status}{took}" + (f" ({job.message})" if job.message else "")


def _roster_import(since) -> str:
    """How the roster import of the run went: its preview and its import (jobs of the worker), their reports."""
    from renbang.core.models import Job
    from renbang.people.jobs import APPLY_KIND, PREVIEW_KIND

    jobs = list(Job.objects.filter(kind__in=(PREVIEW_KIND, APPLY_KIND), created_at__gte=since).order_by("pk"))
    if not jobs:
        return "not started"
    parts = []
    for job in jobs:
        step = "preview" if job.kind == PREVIEW_KIND else "import"
        took = f" in {(job.finished_at - job.created_at).total_seconds():.1f} s" if job.finished_at else ""
        report = (job.result or {}).get("report") or {}
        counts = (f": {report.get('total_rows')} rows, {report.get('updated')} updated, {report.get('unchanged')} "
                  f"unchanged, {report.get('invalid_rows')} invalid" if report else
                  f": {(job.result or {}).get('refused') or job.message or ''}")
        parts.append(f"{step} {job.status}{took}{counts}")
    return "; ".join(parts)


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


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank, as locust reports it) of `values` (ms)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))] if ordered else 0.0


def _summary(rows: list[tuple[float, str, float, str]], seconds: float) -> str:
    times = [r[2] for r in rows]
    errors = sum(1 for r in rows if r[3])
    return (f"{len(rows):,} requests ({len(rows) / max(seconds, 1):.1f}/s), {errors} errors; "
            f"p50 {_percentile(times, 50):.0f} ms · p95 {_percentile(times, 95):.0f} ms · "
            f"p99 {_percentile(times, 99):.0f} ms · max {max(times, default=0):.0f} ms")


def _read_log(path: Path) -> tuple[list[tuple[float, str, float, str]], float | None]:
    """The requests of the run (start, name, ms, error) and when the last user was spawned."""
    rows, spawned = [], None
    with open(path, newline="", encoding="utf-8") as handle:
        for start, name, ms, error in csv.reader(handle):
            if name == "#spawned":
                spawned = float(start)
            else:
                rows.append((float(start), name, float(ms), error))
    return rows, spawned


def report(log: Path, load_before, load_after, elapsed: float, server_log: Path) -> list[tuple[str, str]]:
    """The figures of a run from its request log: the whole run, logins apart, the steady state (requests that
    started once every user was spawned and logged in, STEADY_AFTER seconds after the last spawn), per page, and
    every error with its cause."""
    rows, spawned = _read_log(log)
    if not rows:
        return [("load", "no request was made (see the locust output in " + str(log.parent) + ")")]
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    out = [(f"load: {USERS} users (spawned {SPAWN_RATE}/s), {SECONDS} s, think time {WAIT}, gunicorn "
            f"{WORKERS}×{THREADS} gthread, {_vendor()}", "whole run: " + _summary(rows, last - first))]
    logins = [r for r in rows if r[1] == "POST login"]
    out.append(("load: logins (POST, Argon2id)", _summary(logins, last - first)))
    out.append(("load: whole run without the logins", _summary([r for r in rows if r[1] != "POST login"],
                                                                last - first)))
    if spawned is not None:
        steady = [r for r in rows if r[0] >= spawned + STEADY_AFTER]
        if steady:
            out.append((f"load: steady state (from {STEADY_AFTER} s after the last spawn, "
                        f"{last - spawned - STEADY_AFTER:.0f} s)", _summary(steady, last - spawned - STEADY_AFTER)))
    by_name: dict[str, list[tuple[float, str, float, str]]] = {}
    for row in rows:
        by_name.setdefault(row[1], []).append(row)
    for name, group in sorted(by_name.items(), key=lambda item: -_percentile([r[2] for r in item[1]], 95)):
        times = [r[2] for r in group]
        out.append((f"load: {name}", f"{len(group):,} × p50 {_percentile(times, 50):.0f} ms · p95 "
                                     f"{_percentile(times, 95):.0f} ms · p99 {_percentile(times, 99):.0f} ms · "
                                     f"{sum(1 for r in group if r[3])} errors"))
    errors: dict[tuple[str, str], int] = {}
    for row in rows:
        if row[3]:
            errors[(row[1], row[3])] = errors.get((row[1], row[3]), 0) + 1
    for (name, cause), count in sorted(errors.items(), key=lambda item: -item[1]):
        out.append((f"load: ERROR {name}", f"{count} × {cause}"))
    server_errors = [line for line in server_log.read_text(errors="replace").splitlines()
                     if " ERROR " in line or "CRITICAL" in line or "WORKER TIMEOUT" in line]
    if server_errors:
        out.append(("load: server log errors", f"{len(server_errors)} lines, first: {server_errors[0][:200]} "
                                               f"(all in {server_log})"))
    out.append(("load: machine load average (1 min) before / after",
                f"{load_before[0]:.1f} / {load_after[0]:.1f} on {os.cpu_count()} cores ({elapsed:.0f} s run)"))
    return out


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process `pid` (0 when it is gone or /proc is not there)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                for c in (task / "children").read_text().split()]
    except OSError:
        return []


def _server_cpu(web_pid: int, worker_pid: int) -> dict[str, float]:
    """CPU seconds so far of the gunicorn master and workers, the job worker, and the PostgreSQL backends
    connected to the benchmark's database (a backend that ended during the run is not counted)."""
    from django.db import connection

    backends: list[int] = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                           "AND pid <> pg_backend_pid()")
            backends = [row[0] for row in cursor.fetchall()]
        connection.close()
    return {"web": sum(_process_cpu(p) for p in [web_pid, *_children(web_pid)]),
            "worker": _process_cpu(worker_pid), "db": sum(_process_cpu(p) for p in backends)}


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


# `make bench` runs every benchmark on its SQLite file; the load target is about gunicorn + PostgreSQL, so this one
# moves to PostgreSQL when a server answers (a database of its own, seeded once and kept between runs).
LOAD_DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/renbang_load")


def _on_postgresql() -> list[tuple[str, str]] | None:
    """Run this benchmark in a child process on LOAD_DATABASE_URL; None when PostgreSQL does not answer."""
    from urllib.parse import urlsplit

    import psycopg
    from psycopg import sql

    url = urlsplit(LOAD_DATABASE_URL)
    try:
        with psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username or "postgres",
                             dbname="postgres", autocommit=True, connect_timeout=3) as admin:
            name = url.path.lstrip("/")
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError:
        return None
    child = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json"], cwd=ROOT, check=True,
                           text=True, stdout=subprocess.PIPE, env={**os.environ, "DATABASE_URL": LOAD_DATABASE_URL})
    return [tuple(row) for row in json.loads(child.stdout.splitlines()[-1])]


def run() -> list[tuple[str, str]]:
    if os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"):
        rows = _on_postgresql()
        if rows is not None:
            return rows
    _setup_django()
    from django.db import connection
    from django.utils import timezone

    scenario = scenario_ids(users=USERS, out=OUT)
    connection.close()
    log, server_log = OUT / "requests.csv", OUT / "gunicorn.log"
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_COOKIES": "false",
           "DJANGO_SECURE_SSL_REDIRECT": "false", "LOG_LEVEL": "WARNING", "LOAD_REQUEST_LOG": str(log),
           "LOAD_WAIT": WAIT, "LOAD_IMPORT_AT": str(IMPORT_AT), **scenario,
           # backends live through the run (not recycled after 60 s), so that their CPU can be read at the end
           "DB_CONN_MAX_AGE": str(SECONDS + 600)}
    env.pop("RENBANG_TESTING", None)
    env.pop("TASKS_BACKEND", None)  # `make bench` runs jobs inline; here the job worker runs them, as in production
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with open(server_log, "w") as server_out:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "renbang.wsgi:application", "--bind",
                                   f"127.0.0.1:{port}", "--workers", str(WORKERS), "--threads", str(THREADS),
                                   "--worker-class", "gthread", "--timeout", "60"],
                                  cwd=ROOT, env=env, stdout=server_out, stderr=subprocess.STDOUT, text=True)
        # The job worker, as in production (docs/deploy.md): the admin's plan run goes through it.
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=env,
                                  stdout=server_out, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(url, server)
            load_before = os.getloadavg()
            cpu_before = _server_cpu(server.pid, worker.pid)
            locust_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started, since = time.perf_counter(), timezone.now()
            with open(OUT / "locust.log", "w") as locust_out:
                subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks/load/locustfile.py"),
                                "--headless", "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s",
                                "--host", url, "--csv", str(OUT / "locust"), "--only-summary", "--stop-timeout", "10",
                                "--loglevel", "WARNING"],
                               cwd=ROOT, env=env, check=False, stdout=locust_out, stderr=subprocess.STDOUT,
                               timeout=SECONDS + 180)
            elapsed = time.perf_counter() - started
            load_after = os.getloadavg()
            cpu_after = _server_cpu(server.pid, worker.pid)
            locust_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        finally:
            server.terminate()
            worker.terminate()
            server.wait(timeout=60)
            worker.wait(timeout=60)
    rows = report(log, load_before, load_after, elapsed, server_log)
    used = {key: cpu_after.get(key, 0.0) - cpu_before.get(key, 0.0) for key in cpu_after}
    locust_cpu = (locust_after.ru_utime + locust_after.ru_stime) - (locust_before.ru_utime + locust_before.ru_stime)
    rows.insert(-1, ("load: CPU used during the run (seconds)",
                     f"gunicorn {used['web']:.0f} · PostgreSQL backends {used['db']:.0f} · job worker "
                     f"{used['worker']:.0f} · locust {locust_cpu:.0f}, of {elapsed * (os.cpu_count() or 1):.0f} "
                     f"core-seconds in {elapsed:.0f} s (the rest went to other work on the machine)"))
    requests = sum(1 for _row in _read_log(log)[0])
    rows.insert(-1, ("load: server CPU per request (gunicorn + PostgreSQL)",
                     f"{(used['web'] + used['db']) * 1000 / max(requests, 1):.0f} ms ({used['web'] + used['db']:.0f} "
                     f"CPU-s / {requests:,} requests, logins included; the job worker's own CPU apart, its queries in "
                     f"PostgreSQL's)"))
    rows.insert(-1, ("load: the plan run started by the BKPSDM admin (job worker)",
                     _plan_run(scenario["LOAD_SCENARIO"])))
    rows.insert(-1, ("load: the roster import by the BKPSDM admin (job worker)", _roster_import(since)))
    return rows


if __name__ == "__main__":
    if "--json" in sys.argv:  # for run() of `make bench` on SQLite, which starts this file on PostgreSQL
        print(json.dumps(run()))
    else:
        for label, figure in run():
            print(f"{label:<60} {figure}")
