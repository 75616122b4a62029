"""Server-side cost of every page of the load scenario: CPU time and query count per request (issues 10, 20).

Runs the pages of `locustfile.py` (its GETs, and the self-assessment draft save as a POST) in-process with
Django's test Client (each account logged in once with `force_login`, DEBUG off) against the database of
DATABASE_URL holding the demo data (bench_load seeds it), and prints, per page, the mean CPU time of the app
(`time.process_time()`) and of the PostgreSQL backend serving it (read from /proc, same machine), the wall time
and the number of SQL queries of the REPEAT runs after a first warm-up request. CPU is the figure to compare on a
shared machine: wall time grows with the others' load.

    DATABASE_URL=postgres://... python benchmarks/load/profile_pages.py [REPEAT] [name-filter]

With DEBUG off the pages need the collected static files' manifest: run `manage.py collectstatic` once first
(bench_load.py does). Like bench_load, it seeds the demo when the database has none, resets the benchmark's
planning scenario and empties its campaign (benchmarks/load/scenario.py): do not run it while a load run is going.
The campaign's pages are measured for the first of the benchmark's employee and supervisor accounts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.pop("RENBANG_TESTING", None)


def pages(ids: dict[str, str]) -> list[tuple[str, str, str]]:
    """(account, name, url) of every GET of the scenario, with the ids bench_load hands to locust; a name ending
    in "(POST)" is the form of the url saved with other levels each time; a url "grid" is the supervisor's first
    grid (read from their overview)."""
    start = dt.date.today().replace(day=1)
    employee = ids["LOAD_EMPLOYEE_IDS"].split(",")[0] if ids["LOAD_EMPLOYEE_IDS"] else ""
    feedback = ids["LOAD_FEEDBACK_SESSIONS"].split(",")[0] if ids["LOAD_FEEDBACK_SESSIONS"] else ""
    attendance = ids["LOAD_ATTENDANCE_SESSIONS"].split(",")[0] if ids["LOAD_ATTENDANCE_SESSIONS"] else ""
    campaign = f"/kebutuhan/kampanye/{ids['LOAD_CAMPAIGN']}/" if ids["LOAD_CAMPAIGN"] else ""
    worker = ids["LOAD_ACCOUNTS"].split(",")[0] if ids["LOAD_ACCOUNTS"] else "pegawai"
    boss = ids["LOAD_SUPERVISORS"].split(",")[0] if ids["LOAD_SUPERVISORS"] else "atasan"
    rows = [
        (worker, "home (campaign employee)", "/"),
        (worker, "self-assessment form", campaign and campaign + "isi/diri/"),
        (worker, "self-assessment draft save (+ redirect) (POST)", campaign and campaign + "isi/diri/"),
        (worker, "my development (campaign employee)", "/siklus/saya/"),
        (boss, "supervisor overview", campaign and campaign + "isi/atasan/"),
        (boss, "supervisor grid", campaign and "grid"),
        ("pegawai", "home (employee)", "/"),
        ("pegawai", "my competency profile (+ redirect)", "/kebutuhan/hasil/saya/"),
        ("pegawai", "my training / calendar", "/pelaksanaan/"),
        ("pegawai", "calendar events", f"/pelaksanaan/kalender/acara/?start={start}&end={start + dt.timedelta(42)}"),
        ("pegawai", "my development", "/siklus/saya/"),
        ("pegawai", "IDP list", "/rencana/idp/"),
        ("pegawai", "my IDP", f"/rencana/idp/{ids['LOAD_IDP']}/" if ids["LOAD_IDP"] else ""),
        ("pegawai", "feedback form", f"/evaluasi/sesi/{feedback}/umpan-balik/" if feedback else ""),
        ("opd.pendidikan", "campaign progress (officer)", campaign),
        ("opd.pendidikan", "needs heatmap (officer)", "/kebutuhan/hasil/"),
        ("opd.pendidikan", "employee list", "/pegawai/"),
        ("opd.pendidikan", "employee list page n", "/pegawai/?page=17&sort=unit"),
        ("opd.pendidikan", "employee search", "/pegawai/?q=Nasution"),
        ("opd.pendidikan", "employee detail", f"/pegawai/{employee}/" if employee else ""),
        ("opd.pendidikan", "API employees", "/api/v1/employees/"),
        ("opd.pendidikan", "catalogue", "/katalog/"),
        ("opd.pendidikan", "JP compliance", "/pelaksanaan/kepatuhan-jp/"),
        ("opd.pendidikan", "staff participation", "/pelaksanaan/staf/"),
        ("opd.pendidikan", "leaders' dashboard (officer)", "/siklus/pimpinan/"),
        ("fasilitator", "facilitator sessions", "/pelaksanaan/fasilitator/"),
        ("fasilitator", "attendance grid", f"/pelaksanaan/sesi/{attendance}/presensi/" if attendance else ""),
        ("ppk", "home (PPK)", "/"),
        ("ppk", "needs heatmap", "/kebutuhan/hasil/"),
        ("ppk", "leaders' dashboard (PPK)", "/siklus/pimpinan/"),
        ("admin.bkpsdm", "campaign progress (BKPSDM)", campaign),
        ("admin.bkpsdm", "roster import form", "/pegawai/impor/"),
        ("admin.bkpsdm", "scenario detail", f"/rencana/skenario/{ids['LOAD_SCENARIO']}/"
         if ids["LOAD_SCENARIO"] else ""),
        ("admin.bkpsdm", "plan run status", f"/rencana/skenario/{ids['LOAD_SCENARIO']}/status/"
         if ids["LOAD_SCENARIO"] else ""),
        ("admin.bkpsdm", "plans index", "/rencana/"),
        ("admin.bkpsdm", "claim queue", "/pelaksanaan/klaim/"),
        ("pegawai", "login form (anonymous)", "/akun/masuk/"),
    ]
    return [row for row in rows if row[2]]


def _form_saves(client, url: str):
    """The POST data of the self-assessment form at `url`: every level, a different one at each call."""
    text = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    fields = sorted(set(re.findall(r'name="(c\d+)"', text)))
    for n in range(1_000_000):
        yield {**{name: str((n + i) % 5 + 1) for i, name in enumerate(fields)}, "save": "",
               "csrfmiddlewaretoken": token.group(1) if token else ""}


def _backend_cpu(pid: int | None) -> float:
    """CPU seconds used so far by the PostgreSQL backend `pid` (utime + stime from /proc; 0 elsewhere)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(repeat: int = 5, only: str = "") -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from load.scenario import scenario_ids

    from renbang.accounts.models import User

    ids = scenario_ids(users=int(os.environ.get("LOAD_USERS", "100")))
    clients: dict[str, Client] = {}
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    print(f"{'page':<46} {'status':>6} {'app CPU':>8} {'DB CPU':>7} {'wall ms':>8} {'queries':>8}")
    total_cpu = total_db = 0.0
    for account, name, url in pages(ids):
        if only and only not in name:
            continue
        if account not in clients:
            clients[account] = Client()
            if "anonymous" not in name:
                clients[account].force_login(User.objects.get(username=account))
        client = Client() if "anonymous" in name else clients[account]
        if url == "grid":  # the supervisor's first competency
            overview = client.get(f"/kebutuhan/kampanye/{ids['LOAD_CAMPAIGN']}/isi/atasan/").content.decode()
            url = re.search(r'href="(/kebutuhan/kampanye/\d+/isi/atasan/\d+/)"', overview).group(1)
        saves = _form_saves(client, url) if name.endswith("(POST)") else None

        def send(client=client, url=url, saves=saves):
            return client.post(url, next(saves), follow=True) if saves else client.get(url, follow=True)

        send()  # warm-up (templates, caches)
        cpu, db, wall, queries, status = [], [], [], 0, 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                c0, d0, w0 = time.process_time(), _backend_cpu(backend), time.perf_counter()
                response = send()
                cpu.append(time.process_time() - c0)
                db.append(_backend_cpu(backend) - d0)
                wall.append(time.perf_counter() - w0)
            queries, status = len(captured), response.status_code
        total_cpu += statistics.mean(cpu)
        total_db += statistics.mean(db)
        print(f"{name:<46} {status:>6} {statistics.mean(cpu) * 1000:>8.0f} {statistics.mean(db) * 1000:>7.0f} "
              f"{statistics.median(wall) * 1000:>8.0f} {queries:>8}")
    print(f"{'sum of means (ms)':<46} {'':>6} {total_cpu * 1000:>8.0f} {total_db * 1000:>7.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, sys.argv[2] if len(sys.argv) > 2 else "")
