"""Mixed traffic for `benchmarks/bench_load.py` (run by locust, headless, on loopback; see that file).

Employees fill their self-assessment (open the form, save drafts, read their profile), officers browse lists,
searches, the API and the needs heatmap, the PPK reads the dashboards. Several simulated users share each demo
account (one session each). The ids the scenario needs come from the environment (bench_load sets them).
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "renbang-demo-2026")
CAMPAIGN = os.environ.get("LOAD_CAMPAIGN", "")
EMPLOYEE_IDS = [int(x) for x in os.environ.get("LOAD_EMPLOYEE_IDS", "").split(",") if x]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEVEL_FIELD = re.compile(r'name="(c\d+)"')


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


class Head(_Signed):
    weight = 1
    username = "ppk"

    @task(2)
    def dashboard(self):
        self.client.get("/", name="home")

    @task(1)
    def heatmap(self):
        self.client.get("/kebutuhan/hasil/", name="needs heatmap")
