"""Mixed traffic for `benchmarks/bench_load.py` (run by locust, headless, on loopback; see that file).

Employees fill their self-assessment (open the form, save drafts, read their profile), open "my development",
their IDP and the calendar, and give feedback on a completed session; officers browse lists, searches, the API,
the JP compliance and staff pages and the leaders' dashboard; the facilitator opens an attendance grid; the PPK
reads the dashboards; ONE BKPSDM admin runs one plan (starts the optimiser job through the web, as the app does,
and polls its status while the worker runs it). Several simulated users share each demo account (one session
each). The ids the scenario needs come from the environment (bench_load sets them). Each user logs in once
(on_start) and then waits LOAD_WAIT seconds (min-max, uniform) between two tasks, as a person reads a page or
fills a form before the next click; a task of several requests (a form and its save, a list and a detail)
makes them back to back.

Every page is expected to answer 200 for its account: a redirect to the login page or any other status counts
as an error (a scenario URL that an account may not open is a mistake in the scenario, not load).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import time

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "renbang-demo-2026")
CAMPAIGN = os.environ.get("LOAD_CAMPAIGN", "")
EMPLOYEE_IDS = [int(x) for x in os.environ.get("LOAD_EMPLOYEE_IDS", "").split(",") if x]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEVEL_FIELD = re.compile(r'name="(c\d+)"')
IDP = os.environ.get("LOAD_IDP", "")
FEEDBACK_SESSIONS = [int(x) for x in os.environ.get("LOAD_FEEDBACK_SESSIONS", "").split(",") if x]
ATTENDANCE_SESSIONS = [int(x) for x in os.environ.get("LOAD_ATTENDANCE_SESSIONS", "").split(",") if x]
SCENARIO = os.environ.get("LOAD_SCENARIO", "")
WAIT = tuple(float(x) for x in os.environ.get("LOAD_WAIT", "3-12").split("-", 1))
FEEDBACK_FIELDS = ("relevance", "material", "facilitator", "organisation", "benefit")
#: Every request of the run, one CSV line each (start time, name, ms, error), for bench_load's whole-run and
#: steady-state figures; the moment the last user was spawned is written as a line named "#spawned".
REQUEST_LOG = os.environ.get("LOAD_REQUEST_LOG", "")
_log = open(REQUEST_LOG, "w", encoding="utf-8") if REQUEST_LOG else None  # noqa: SIM115 (closed at quit)


@events.request.add_listener
def _log_request(request_type, name, response_time, response_length, exception, start_time=None, **_kw):
    if _log is not None:
        error = str(exception).replace("\n", " ").replace(",", ";")[:300] if exception else ""
        _log.write(f"{start_time or 0:.3f},{request_type} {name},{response_time:.1f},{error}\n")


@events.spawning_complete.add_listener
def _spawned(user_count, **_kw):
    if _log is not None:
        _log.write(f"{time.time():.3f},#spawned,{user_count},\n")


@events.quitting.add_listener
def _close(**_kw):
    if _log is not None:
        _log.close()


def _cause(response) -> str:
    """Why a request failed: the status and URL, or the connection error when no response came (status 0)."""
    if response.status_code == 0:
        return f"no response: {type(response.error).__name__}: {response.error}"
    return f"{response.status_code} at {response.url}"


class _Signed(HttpUser):
    abstract = True
    wait_time = between(*WAIT)  # reading and typing between clicks (see benchmarks/README.md)
    username = ""

    def on_start(self) -> None:
        """Log in once (the login form, then the POST checked by PBKDF2); the user then browses with think time.
        Every request says Connection: close, as nginx's proxy_pass does to gunicorn in production (docs/deploy.md:
        HTTP/1.0, one connection per request): a client that keeps idle connections open beyond gunicorn's 2 s
        keep-alive gets an occasional "Connection reset by peer" when gunicorn closes one as it is reused."""
        self.client.headers["Connection"] = "close"
        with self.client.get("/akun/masuk/", name="login form", catch_response=True) as page:
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or token is None:
                page.failure(_cause(page))
                return
        with self.client.post("/akun/masuk/", {"username": self.username, "password": PASSWORD,
                                               "csrfmiddlewaretoken": token.group(1)}, name="login",
                              headers={"Referer": self.host + "/akun/masuk/"}, catch_response=True) as response:
            if response.status_code != 200 or "/akun/masuk/" in (response.url or ""):
                response.failure("login refused: " + _cause(response))

    def page(self, url: str, name: str):
        """GET a page that must answer 200 for this account (after redirects, never the login page)."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/akun/masuk/" in (response.url or ""):
                response.failure(_cause(response))
            return response

    def post_form(self, url: str, page_text: str, data: dict, name: str, *, also_fine: str = ""):
        """POST a form read from `page_text` (its CSRF token); 200 after the redirect, or a 4xx page saying
        `also_fine` (e.g. a concurrent simulated user of the same account got there first)."""
        token = CSRF.search(page_text)
        if not token:
            return None
        with self.client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)}, name=name, catch_response=True,
                              headers={"Referer": self.host + url}) as response:
            ok = response.status_code == 200 and "/akun/masuk/" not in (response.url or "")
            if ok or (also_fine and also_fine in (response.text or "")):
                response.success()
            else:
                response.failure(_cause(response))
            return response


class Employee(_Signed):
    weight = 6
    username = "pegawai"

    @task(3)
    def home(self):
        self.page("/", "home")

    @task(3)
    def fill_self_assessment(self):
        if not CAMPAIGN:
            return
        url = f"/kebutuhan/kampanye/{CAMPAIGN}/isi/diri/"
        page = self.page(url, "self-assessment form")
        fields = sorted(set(LEVEL_FIELD.findall(page.text or "")))
        if fields:
            self.post_form(url, page.text, {name: str(random.randint(1, 5)) for name in fields},
                           "self-assessment save draft")

    @task(1)
    def my_profile(self):
        self.page("/kebutuhan/hasil/saya/", "my competency profile")

    @task(1)
    def my_training(self):
        self.page("/pelaksanaan/", "my training")

    @task(3)
    def my_development(self):
        self.page("/siklus/saya/", "my development")

    @task(2)
    def my_idp(self):
        self.page("/rencana/idp/", "IDP list")
        if IDP:
            self.page(f"/rencana/idp/{IDP}/", "my IDP")

    @task(2)
    def calendar(self):
        self.page("/pelaksanaan/", "calendar")
        start = dt.date.today().replace(day=1)
        self.page(f"/pelaksanaan/kalender/acara/?start={start.isoformat()}&end={(start + dt.timedelta(days=42))}",
                  "calendar events")

    @task(1)
    def give_feedback(self):
        if not FEEDBACK_SESSIONS:
            return
        url = f"/evaluasi/sesi/{random.choice(FEEDBACK_SESSIONS)}/umpan-balik/"
        page = self.page(url, "feedback form")
        if page.status_code == 200 and 'name="relevance"' in page.text:  # not answered yet: answer once
            data = {name: str(random.randint(3, 5)) for name in FEEDBACK_FIELDS}
            data["comment"] = "Materi relevan dengan pekerjaan."
            self.post_form(url, page.text, data, "feedback submit", also_fine="sudah memberi umpan balik")


class Officer(_Signed):
    weight = 3
    username = "opd.pendidikan"

    @task(3)
    def employee_list(self):
        self.page("/pegawai/", "employee list")

    @task(1)
    def employee_list_page(self):
        self.page(f"/pegawai/?page={random.randint(2, 40)}&sort=unit", "employee list page n")

    @task(1)
    def search(self):
        self.page(f"/pegawai/?q={random.choice(['Siregar', 'Nasution', 'Lubis', 'Harahap'])}", "employee search")

    @task(1)
    def employee_detail(self):
        if EMPLOYEE_IDS:
            self.page(f"/pegawai/{random.choice(EMPLOYEE_IDS)}/", "employee detail")

    @task(1)
    def api(self):
        self.page("/api/v1/employees/", "API employees")

    @task(1)
    def catalogue(self):
        self.page("/katalog/", "catalogue")

    @task(2)
    def compliance(self):
        self.page("/pelaksanaan/kepatuhan-jp/", "JP compliance")

    @task(1)
    def staff_participation(self):
        self.page("/pelaksanaan/staf/", "staff participation")

    @task(1)
    def leaders_dashboard(self):
        self.page("/siklus/pimpinan/", "leaders' dashboard")


class Facilitator(_Signed):
    weight = 1
    username = "fasilitator"

    @task(1)
    def my_sessions(self):
        self.page("/pelaksanaan/fasilitator/", "facilitator sessions")

    @task(2)
    def attendance(self):
        if ATTENDANCE_SESSIONS:
            self.page(f"/pelaksanaan/sesi/{random.choice(ATTENDANCE_SESSIONS)}/presensi/", "attendance grid")


class Head(_Signed):
    weight = 1
    username = "ppk"

    @task(2)
    def dashboard(self):
        self.page("/", "home")

    @task(1)
    def heatmap(self):
        self.page("/kebutuhan/hasil/", "needs heatmap")

    @task(2)
    def leaders_dashboard(self):
        self.page("/siklus/pimpinan/", "leaders' dashboard")


class Planner(_Signed):
    """The one BKPSDM admin of the run: starts ONE plan run (the optimiser job, run by `manage.py db_worker`) through
    the web at their start, then polls its status like the scenario page does and reads the plan pages."""

    fixed_count = 1
    username = "admin.bkpsdm"
    started = False

    def on_start(self) -> None:
        super().on_start()
        if not SCENARIO or Planner.started:
            return
        Planner.started = True
        detail = self.page(f"/rencana/skenario/{SCENARIO}/", "scenario detail")
        self.post_form(f"/rencana/skenario/{SCENARIO}/jalankan/", detail.text, {}, "plan run (start the job)")

    @task(3)
    def poll(self):
        if SCENARIO:
            self.page(f"/rencana/skenario/{SCENARIO}/status/", "plan run status (HTMX poll)")

    @task(1)
    def plans(self):
        self.page("/rencana/", "plans index")

    @task(1)
    def claims(self):
        self.page("/pelaksanaan/klaim/", "claim queue")
