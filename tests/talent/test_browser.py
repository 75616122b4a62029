"""End to end in headless Chromium: BKPSDM marks a key position, opens its successors, saves a succession group,
sets the scenario's retirement and successor options, runs it and sees the effect in the results; screenshots of
the talent pages on a desktop and a phone."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from renbang.competencies.models import PositionStandard
from renbang.core import jobs
from renbang.people.models import Employee
from renbang.talent.models import SuccessionGroup
from tests.plans.conftest import make_plan_world
from tests.plans.test_browser import browser, page_as  # noqa: F401 (fixture)

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/talent"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bkpsdm_plans_successors_and_sees_them_in_the_plan(browser, live_server, world, monkeypatch):  # noqa: F811
    from renbang.plans import services as plan_services

    pw = make_plan_world(world)
    target = world.positions.administrator
    world.positions.staff.next_positions.add(target)
    PositionStandard.objects.create(position=target, competency=pw.comp_a, required_level=4)
    Employee.objects.filter(pk=world.other.pk).update(rank="III/d")
    Employee.objects.filter(pk=world.staff.pk).update(retirement_date=dt.date(2026, 5, 1))  # leaves in the plan year
    pw.scenario.budget_total = 2_000_000
    pw.scenario.save()
    pending = []

    def held_start_job(**kwargs):
        job = jobs.Job.objects.create(kind=kwargs["kind"], params=kwargs["params"], created_by=kwargs.get("user"),
                                      agency=kwargs.get("agency"), function_path=kwargs["function_path"])
        pending.append(job)
        return job

    monkeypatch.setattr(plan_services, "start_job", held_start_job)
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page = page_as(browser, live_server, world.users.admin)

    # 1. mark the key position, open its successors, save a group
    page.goto(base + "/talenta/jabatan-kunci/")
    page.select_option("#position", label=target.name)
    page.get_by_role("button", name="Tandai", exact=True).click()
    expect(page.get_by_text("ditandai sebagai jabatan kunci")).to_be_visible()
    expect(page.locator("[data-testid=candidates]")).to_contain_text("Siti Nasution")
    page.select_option("#calon_1", label="Siti Nasution (Belum siap)")
    page.get_by_role("button", name="Simpan kelompok").click()
    expect(page.get_by_text("Kelompok suksesi versi 1 disimpan")).to_be_visible()
    assert SuccessionGroup.objects.get().members.get().employee == world.other
    page.screenshot(path=str(SHOTS / "jabatan-kunci.png"), full_page=True)

    # 2. the scenario with the options, run, and the effect in the results
    page.goto(f"{base}/rencana/skenario/{pw.scenario.pk}/ubah/")
    page.select_option("#id_retirement_rule", "exclude")
    page.fill("#id_successor_weight", "3")
    page.get_by_role("button", name="Simpan skenario").click()
    expect(page.get_by_text("Skenario tersimpan")).to_be_visible()
    page.get_by_role("button", name="Jalankan optimasi").click()
    jobs.run_job.call(pending[0].pk, pending[0].function_path)
    expect(page.get_by_role("heading", name="Hasil optimasi")).to_be_visible()
    summary = page.locator("[data-testid=talent-summary]")
    expect(summary.locator("[data-testid=cost-leaving]")).to_have_text("Rp 0")
    expect(summary.locator("[data-testid=successor-share]")).not_to_have_text(re.compile(r"^0[.,]0%$"))
    pw.scenario.refresh_from_db()
    talent = pw.scenario.summary["talent"]
    assert talent["cost_leaving"] == 0 and talent["successor_share"] > 0
    page.screenshot(path=str(SHOTS / "skenario-talenta.png"), full_page=True)

    # 3. the other pages on a desktop and a phone
    for width, tag in ((1280, "desktop"), (390, "ponsel")):
        p = page_as(browser, live_server, world.users.admin, width=width)
        for url, name in (("/talenta/pensiun/", "pensiun"), ("/talenta/kotak-talenta/?kotak=0", "kotak"),
                          ("/talenta/jabatan-kunci/", "daftar-jabatan-kunci")):
            p.goto(base + url)
            expect(p.locator("h1")).to_be_visible()
            p.screenshot(path=str(SHOTS / f"{name}-{tag}.png"), full_page=True)
