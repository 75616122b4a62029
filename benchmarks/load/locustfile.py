"""Mixed traffic for `benchmarks/bench_load.py` (run by locust, headless, on loopback; see that file).

Employees fill their self-assessment (open the form, save drafts, read their profile), open "my development",
their IDP and the calendar, and give feedback on a completed session; officers browse lists, searches, the API,
the JP compliance and staff pages and the leaders' dashboard; the facilitator opens an attendance grid; the PPK
reads the dashboards; ONE BKPSDM admin runs one plan (starts the optimiser job through the web, as the app does,
and polls its status while the worker runs it). Several simulated users share each demo account (one session
each). The ids the scenario needs come from the environment (bench_load sets them).

Every page is expected to answer 200 for its account: a redirect to the login page or any other status counts
as an error (a scenario URL that an account may not open is a mistake in the scenario, not load).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "renbang-demo-2026")
CAMPAIGN = os.environ.get("LOAD_CAMPAIGN", "")
EMPLOYEE_IDS = [int(x) for x in os.environ.get("LOAD_EMPLOYEE_IDS", "").split(",") if x]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEVEL_FIELD = re.compile(r'name="(c\d+)"')
IDP = os.environ.get("LOAD_IDP", "")
FEEDBACK_SESSIONS = [int(x) for x in os.environ.get("LOAD_FEEDBACK_SESSIONS", "").split(",") if x]
ATTENDANCE_SESSIONS = [int(x) for x in os.environ.get("LOAD_ATTENDANCE_SESSIONS", "").split(",") if x]
SCENARIO = os.environ.get("LOAD_SCENARIO", "")
FEEDBACK_FIELDS = ("relevance", "material", "facilitator", "organisation", "benefit")


class _Signed(HttpUser):
    abstract = True
    wait_time = between(2, 6)  # reading and typing between clicks
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/akun/masuk/", name="login form")
        token = CSRF.search(page.text).group(1)
        response = self.client.post("/akun/masuk/", {"username": self.username, "password": PASSWORD,
                                                     "csrfmiddlewaretoken": token}, name="login",
                                    headers={"Referer": self.host + "/akun/masuk/"})
        if "/akun/masuk/" in response.url:
            response.failure("login refused")

    def page(self, url: str, name: str):
        """GET a page that must answer 200 for this account (after redirects, never the login page)."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/akun/masuk/" in response.url:
                response.failure(f"{response.status_code} at {response.url}")
            return response

    def post_form(self, url: str, page_text: str, data: dict, name: str, *, also_fine: str = ""):
        """POST a form read from `page_text` (its CSRF token); 200 after the redirect, or a 4xx page saying
        `also_fine` (e.g. a concurrent simulated user of the same account got there first)."""
        token = CSRF.search(page_text)
        if not token:
            return None
        with self.client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)}, name=name, catch_response=True,
                              headers={"Referer": self.host + url}) as response:
            ok = response.status_code == 200 and "/akun/masuk/" not in response.url
            if ok or (also_fine and also_fine in response.text):
                response.success()
            else:
                response.failure(f"{response.status_code} at {response.url}")
            return response


class Employee(_Signed):
    weight = 6
    username = "pegawai"

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def fill_self_assessment(self):
        if not CAMPAIGN:
            return
        url = f"/kebutuhan/kampanye/{CAMPAIGN}/isi/diri/"
        page = self.client.get(url, name="self-assessment form")
        fields = sorted(set(LEVEL_FIELD.findall(page.text)))
        token = CSRF.search(page.text)
        if fields and token:
            data = {name: str(random.randint(1, 5)) for name in fields}
            data["csrfmiddlewaretoken"] = token.group(1)
            self.client.post(url, data, name="self-assessment save draft", headers={"Referer": self.host + url})

    @task(1)
    def my_profile(self):
        self.client.get("/kebutuhan/hasil/saya/", name="my competency profile")

    @task(1)
    def my_training(self):
        self.client.get("/pelaksanaan/", name="my training")

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
        self.client.get("/pegawai/", name="employee list")

    @task(1)
    def employee_list_page(self):
        self.client.get(f"/pegawai/?page={random.randint(2, 40)}&sort=unit", name="employee list page n")

    @task(1)
    def search(self):
        self.client.get(f"/pegawai/?q={random.choice(['Siregar', 'Nasution', 'Lubis', 'Harahap'])}",
                        name="employee search")

    @task(1)
    def employee_detail(self):
        if EMPLOYEE_IDS:
            self.client.get(f"/pegawai/{random.choice(EMPLOYEE_IDS)}/", name="employee detail")

    @task(1)
    def api(self):
        self.client.get("/api/v1/employees/", name="API employees")

    @task(1)
    def catalogue(self):
        self.client.get("/katalog/", name="catalogue")

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
        self.client.get("/", name="home")

    @task(1)
    def heatmap(self):
        self.client.get("/kebutuhan/hasil/", name="needs heatmap")

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
