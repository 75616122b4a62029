"""The last days of a needs-analysis campaign, for `benchmarks/bench_load.py` (locust, headless, on loopback).

Who is there (weights; the counts at LOAD_USERS=300 in brackets):
- employees of the campaign (40, ~238), each a DISTINCT account (LOAD_ACCOUNTS): home, open the self-assessment
  form, save a draft (a second time with some levels changed, one in two), submit, read "my development"; then
  they browse their own pages (home, my development, competency profile, calendar, IDP list);
- supervisors (3, ~18), distinct accounts too (LOAD_SUPERVISORS): their overview, then one grid per competency
  (choose a level for each of their staff, "save & next"), then submit the complete assessments;
- OPD officers (3, ~18: one account, several sessions): campaign progress (and a unit of it), the heatmap, the
  employee list, search, details, the API, the catalogue, JP compliance, staff participation, the leaders'
  dashboard;
- the demo employee (2, ~12 sessions of "pegawai"): IDP, calendar, feedback on a completed session, my development;
- the facilitator (1) on attendance grids; the PPK (1) on the leaders' dashboard, home and heatmap;
- ONE BKPSDM admin who runs ONE plan (starts the optimiser job through the web at their start and polls it, as the
  scenario page does, while `manage.py db_worker` runs it), and ONE BKPSDM admin who imports ONE small roster
  (LOAD_ROSTER) through the web once every user has arrived (LOAD_IMPORT_AT seconds after the start): upload,
  poll the preview (the job worker's dry run), confirm, poll the import.

The ids come from the environment (bench_load sets them, benchmarks/load/scenario.py makes them). Each user logs
in once (on_start) and then waits LOAD_WAIT seconds (min-max, uniform) between two steps, as a person reads a page
or fills a form before the next click; the pollers wait 1 s, as the pages' HTMX polls do.

Every page is expected to answer 200 for its account: a redirect to the login page or any other status counts
as an error, and so does a form answered with an error message (a scenario that an account cannot follow is a
mistake in the scenario, not load).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import re
import time
from pathlib import Path

from locust import events, task
from signed import WAIT, SignedUser, cause, refused

CAMPAIGN = os.environ.get("LOAD_CAMPAIGN", "")
ACCOUNTS = [x for x in os.environ.get("LOAD_ACCOUNTS", "").split(",") if x]
SUPERVISORS = [x for x in os.environ.get("LOAD_SUPERVISORS", "").split(",") if x]
EMPLOYEE_IDS = [int(x) for x in os.environ.get("LOAD_EMPLOYEE_IDS", "").split(",") if x]
IDP = os.environ.get("LOAD_IDP", "")
FEEDBACK_SESSIONS = [int(x) for x in os.environ.get("LOAD_FEEDBACK_SESSIONS", "").split(",") if x]
ATTENDANCE_SESSIONS = [int(x) for x in os.environ.get("LOAD_ATTENDANCE_SESSIONS", "").split(",") if x]
SCENARIO = os.environ.get("LOAD_SCENARIO", "")
ROSTER = os.environ.get("LOAD_ROSTER", "")
IMPORT_AT = float(os.environ.get("LOAD_IMPORT_AT", "0"))
LEVEL_FIELD = re.compile(r'name="(c\d+)"')
GRID_FIELD = re.compile(r'name="(e\d+)" value="\d"(?![^>]*disabled)')
GRID_LINK = re.compile(r'href="(/kebutuhan/kampanye/\d+/isi/atasan/\d+/)"')
CHECKED_STAFF = re.compile(r'name="employee" value="(\d+)" checked')
UNIT_LINK = re.compile(r'href="\?unit=(\d+)"')
CONFIRM = re.compile(r'action="(/pegawai/impor/\d+/konfirmasi/)"')
FEEDBACK_FIELDS = ("relevance", "material", "facilitator", "organisation", "benefit")
_started = [time.time()]
#: Each simulated employee and supervisor takes the next account (round again only if there are too few).
_accounts, _supervisors = itertools.cycle(ACCOUNTS or ["pegawai"]), itertools.cycle(SUPERVISORS or ["atasan"])


@events.test_start.add_listener
def _test_started(**_kw):
    _started[0] = time.time()


class CampaignEmployee(SignedUser):
    """An employee of the campaign: home, the form, one or two draft saves, submit, my development; then browsing."""

    weight = 40

    def on_start(self) -> None:
        self.username = next(_accounts)
        super().on_start()
        self.form_url = f"/kebutuhan/kampanye/{CAMPAIGN}/isi/diri/"
        self.form, self.levels = "", {}
        saves = [self.save_draft] * random.choice((1, 2))
        self.steps = [self.home, self.open_form, *saves, self.submit, self.my_development] if CAMPAIGN else []

    @task
    def next_step(self):
        if self.steps:
            self.steps.pop(0)()
        else:
            random.choice((self.home, self.my_development, self.my_development, self.my_profile, self.calendar,
                           self.idp_list))()

    def open_form(self):
        self.form = self.page(self.form_url, "self-assessment form").text or ""
        self.levels = {name: random.randint(1, 5) for name in sorted(set(LEVEL_FIELD.findall(self.form)))}

    def save_draft(self):
        """Save what was chosen; a second save changes two or three levels (a person reconsidering)."""
        if not self.levels:
            return
        for name in random.sample(sorted(self.levels), min(3, len(self.levels))):
            self.levels[name] = random.randint(1, 5)
        # As the browser sends it: the form's hx-post (the answer is the "saved at" fragment; the form stays).
        self.post_form(self.form_url, self.form, {**self.levels, "save": ""}, "self-assessment save draft",
                       htmx=True)

    def submit(self):
        if not self.levels:
            return
        self.post_form(self.form_url, self.form, {**self.levels, "submit": ""}, "self-assessment submit", htmx=True)

    def home(self):
        self.page("/", "home")

    def my_development(self):
        self.page("/siklus/saya/", "my development")

    def my_profile(self):
        self.page("/kebutuhan/hasil/saya/", "my competency profile")

    def calendar(self):
        self.page("/pelaksanaan/", "calendar")
        start = dt.date.today().replace(day=1)
        self.page(f"/pelaksanaan/kalender/acara/?start={start.isoformat()}&end={(start + dt.timedelta(days=42))}",
                  "calendar events")

    def idp_list(self):
        self.page("/rencana/idp/", "IDP list")


class Supervisor(SignedUser):
    """A supervisor of the campaign: the overview, one grid per competency saved with "next", then submit."""

    weight = 3

    def on_start(self) -> None:
        self.username = next(_supervisors)
        super().on_start()
        self.overview_url = f"/kebutuhan/kampanye/{CAMPAIGN}/isi/atasan/"
        self.grids: list[str] | None = None
        self.current, self.submitted = "", False

    @task
    def next_step(self):
        if not CAMPAIGN:
            return
        if self.grids is None:  # the overview: which competencies to grade
            overview = self.page(self.overview_url, "supervisor overview").text or ""
            self.grids = list(dict.fromkeys(GRID_LINK.findall(overview)))
        elif self.grids and not self.current:
            self.current = self.page(self.grids[0], "supervisor grid").text or ""
        elif self.grids:  # grade everyone on this grid, "save & next" (answered by the next grid, or the overview)
            levels = {name: random.randint(1, 5) for name in set(GRID_FIELD.findall(self.current))}
            response = self.post_form(self.grids.pop(0), self.current, {**levels, "next": ""},
                                      "supervisor grid save & next")
            self.current = (response.text if response is not None else "") or ""
        elif not self.submitted:
            self.submitted = True
            overview = self.current or self.page(self.overview_url, "supervisor overview").text or ""
            staff = CHECKED_STAFF.findall(overview)
            if staff:
                self.post_form(self.overview_url, overview, {"employee": staff}, "supervisor submit")
        else:
            random.choice((lambda: self.page(self.overview_url, "supervisor overview"),
                           lambda: self.page("/", "home")))()


class Employee(SignedUser):
    """The demo employee's own pages that need their ids: IDP, feedback on a completed session (several sessions)."""

    weight = 2
    username = "pegawai"

    @task(2)
    def my_idp(self):
        self.page("/rencana/idp/", "IDP list")
        if IDP:
            self.page(f"/rencana/idp/{IDP}/", "my IDP")

    @task(1)
    def my_training(self):
        self.page("/pelaksanaan/", "my training")

    @task(1)
    def my_development(self):
        self.page("/siklus/saya/", "my development")

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


class Officer(SignedUser):
    weight = 3
    username = "opd.pendidikan"

    @task(3)
    def campaign_progress(self):
        if not CAMPAIGN:
            return
        progress = self.page(f"/kebutuhan/kampanye/{CAMPAIGN}/", "campaign progress").text or ""
        units = UNIT_LINK.findall(progress)
        if units and random.random() < 0.5:  # and one of its units, with the staff still waiting
            self.page(f"/kebutuhan/kampanye/{CAMPAIGN}/?unit={random.choice(units)}", "campaign progress of a unit")

    @task(1)
    def heatmap(self):
        self.page("/kebutuhan/hasil/", "needs heatmap")

    @task(2)
    def employee_list(self):
        self.page("/pegawai/", "employee list")
        if random.random() < 0.3:
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

    @task(1)
    def compliance(self):
        self.page("/pelaksanaan/kepatuhan-jp/", "JP compliance")

    @task(1)
    def staff_participation(self):
        self.page("/pelaksanaan/staf/", "staff participation")

    @task(1)
    def leaders_dashboard(self):
        self.page("/siklus/pimpinan/", "leaders' dashboard")


class Facilitator(SignedUser):
    weight = 1
    username = "fasilitator"

    @task(1)
    def my_sessions(self):
        self.page("/pelaksanaan/fasilitator/", "facilitator sessions")

    @task(2)
    def attendance(self):
        if ATTENDANCE_SESSIONS:
            self.page(f"/pelaksanaan/sesi/{random.choice(ATTENDANCE_SESSIONS)}/presensi/", "attendance grid")


class Head(SignedUser):
    weight = 1
    username = "ppk"

    @task(1)
    def dashboard(self):
        self.page("/", "home")

    @task(1)
    def heatmap(self):
        self.page("/kebutuhan/hasil/", "needs heatmap")

    @task(2)
    def leaders_dashboard(self):
        self.page("/siklus/pimpinan/", "leaders' dashboard")


class Planner(SignedUser):
    """The one BKPSDM admin of the run: starts ONE plan run (the optimiser job, run by `manage.py db_worker`) through
    the web at their start, then polls its status like the scenario page does and watches the campaign."""

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
    def campaign_progress(self):
        if CAMPAIGN:
            self.page(f"/kebutuhan/kampanye/{CAMPAIGN}/", "campaign progress")


class RosterAdmin(SignedUser):
    """The one BKPSDM admin who imports ONE roster (LOAD_ROSTER) once everybody is there (LOAD_IMPORT_AT s after
    the start): the upload page, the upload, the preview polled until the worker's dry run is done, the confirm,
    the import polled until done; before and after, the claim queue and the employee list."""

    fixed_count = 1
    username = "admin.bkpsdm"
    started = False

    def on_start(self) -> None:
        super().on_start()
        self.job_url, self.preview = "", True

    def wait_time(self):
        return 1.0 if self.job_url else random.uniform(*WAIT)

    @task
    def next_step(self):
        if self.job_url:
            self.poll()
        elif ROSTER and not RosterAdmin.started and time.time() >= _started[0] + IMPORT_AT:
            RosterAdmin.started = True
            form = self.page("/pegawai/impor/", "roster import form").text or ""
            files = {"file": ("roster.csv", Path(ROSTER).read_bytes(), "text/csv")}
            response = self.post_form("/pegawai/impor/", form, {}, "roster import upload", files=files)
            if response is not None and re.search(r"/pegawai/impor/\d+/$", response.url or ""):
                self.job_url = response.url.removeprefix(self.host)
        else:
            random.choice((lambda: self.page("/pelaksanaan/klaim/", "claim queue"),
                           lambda: self.page("/pegawai/", "employee list")))()

    def poll(self):
        """The import page's HTMX poll; once the preview is done, confirm it; once the import is done, stop. A
        preview or an import that ends refused or failed is an error of this request."""
        with self.client.get(self.job_url, name="roster import status (HTMX poll)", headers={"HX-Request": "true"},
                             catch_response=True) as status:
            text = status.text or ""
            if status.status_code != 200 or "/akun/masuk/" in (status.url or ""):
                status.failure(cause(status))
                return
            if "hx-get=" in text:  # not finished: poll again in 1 s
                return
            self.job_url = ""
            if refused(text):
                status.failure(f"roster import: {refused(text)}")
                return
        confirm = CONFIRM.search(text)
        if self.preview and confirm:
            self.preview = False
            response = self.post_form(confirm.group(1), text, {}, "roster import confirm")
            if response is not None and re.search(r"/pegawai/impor/\d+/$", response.url or ""):
                self.job_url = response.url.removeprefix(self.host)
