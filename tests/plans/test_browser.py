"""End to end in headless Chromium: create a scenario, run it and watch its progress, inspect the results, an
over-budget edit refused, submit, approve as the PPK, download the RPK PDF and read it with pdftotext."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from renbang.core.models import Job
from renbang.plans.models import DevelopmentPlan, PlanningScenario
from tests.plans.conftest import make_plan_world
from tests.plans.test_documents import pdf_text

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/plans"))


@pytest.fixture
def browser(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


def page_as(browser, live_server, user, width=1280):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_plans_edits_submits_approves_and_prints_in_the_browser(browser, live_server, world, monkeypatch):
    from renbang.core import jobs
    from renbang.plans import services

    pw = make_plan_world(world)
    pw.scenario.delete()
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    pending = []

    def held_start_job(**kwargs):
        """Record the job without running it, so the test can watch the queued → running → done progress."""
        job = Job.objects.create(kind=kwargs["kind"], params=kwargs["params"], created_by=kwargs.get("user"),
                                 agency=kwargs.get("agency"), function_path=kwargs["function_path"])
        pending.append(job)
        return job

    monkeypatch.setattr(services, "start_job", held_start_job)

    # 1. BKPSDM creates a scenario
    page = page_as(browser, live_server, world.users.admin)
    page.goto(base + "/rencana/")
    page.get_by_role("link", name="Skenario baru").click()
    page.fill("#id_name", "Skenario uji")
    page.fill("#id_year", "2026")
    page.fill("#id_budget_total", "-5")
    page.get_by_role("button", name="Simpan skenario").click()
    expect(page.locator(".text-danger").first).to_be_visible()  # bad input: a message, the form keeps the rest
    expect(page.locator("#id_name")).to_have_value("Skenario uji")
    page.fill("#id_budget_total", "3000000")
    page.fill("#id_proposed_sessions", "0")
    page.get_by_role("button", name="Simpan skenario").click()
    expect(page.get_by_text("Skenario tersimpan")).to_be_visible()
    scenario = PlanningScenario.objects.get(name="Skenario uji")

    # 2. run it and watch the progress bar
    page.get_by_role("button", name="Jalankan optimasi").click()
    expect(page.locator("#run-status .progress")).to_be_visible()
    job = pending[0]
    job.report(40, "Optimasi berjalan (uji)")
    expect(page.locator("#run-status")).to_contain_text("40%")
    page.screenshot(path=str(SHOTS / "skenario-berjalan.png"), full_page=True)
    jobs.run_job.call(job.pk, job.function_path)
    expect(page.get_by_role("heading", name="Hasil optimasi")).to_be_visible()
    expect(page.get_by_text("Batas atas terbukti").first).to_be_visible()
    expect(page.get_by_text("Pegawai tanpa pengembangan dan sebabnya")).to_be_visible()
    page.screenshot(path=str(SHOTS / "skenario-hasil.png"), full_page=True)

    # 3. inspect the plan, then an edit over the budget is refused with a clear message
    page.get_by_role("link", name="Buka RPK").click()
    plan = DevelopmentPlan.objects.get(scenario=scenario)
    page.screenshot(path=str(SHOTS / "rpk.png"), full_page=True)
    page.get_by_role("link", name="Pelatihan Integritas ASN").first.click()
    used = sum(a.cost for a in plan.assignments.all())
    DevelopmentPlan.objects.filter(pk=plan.pk).update(budget_total=used)  # no Rupiah left
    target = next(e for e in (world.staff, world.other, pw.pppk)
                  if not plan.assignments.filter(employee=e, programme=pw.prog_a).exists())
    page.fill("#id_nip", target.nip)
    page.get_by_role("button", name="Tambah").click()
    expect(page.get_by_text("Anggaran total terlampaui")).to_be_visible()
    expect(page.locator("#id_nip")).to_have_value(target.nip)
    page.screenshot(path=str(SHOTS / "suntingan-ditolak.png"), full_page=True)
    assert not plan.assignments.filter(employee=target, programme=pw.prog_a).exists()

    # 4. submit to the PPK
    page.goto(f"{base}/rencana/rpk/{plan.pk}/")
    page.get_by_role("button", name="Ajukan kepada PPK").click()
    expect(page.get_by_text("Rencana diajukan kepada PPK")).to_be_visible()

    # 5. the PPK approves and downloads the RPK PDF
    page = page_as(browser, live_server, world.users.head)
    page.goto(f"{base}/rencana/rpk/{plan.pk}/")
    page.get_by_role("button", name="Tetapkan").click()
    expect(page.get_by_text("Rencana ditetapkan")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approved_by == world.users.head
    with page.expect_download() as info:
        page.get_by_role("link", name="RPK (PDF)").click()
    text = pdf_text(Path(info.value.path()).read_bytes())
    for expected in ("PEMERINTAH KOTA MEDAN", "RENCANA PENGEMBANGAN KOMPETENSI", "Jenis kompetensi", "Penyelenggara",
                     "Wali Kota Medan", "Ditetapkan"):
        assert expected in text, expected
