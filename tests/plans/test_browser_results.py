"""In headless Chromium: the scenario form's new options, and the result page of next year's scenario with the
needs carried over by closing a year and the effectiveness that evaluation replaced; the approval history with
names. Screenshots go to RENBANG_SCREENSHOTS (default /tmp/renbang-screenshots/plans)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from renbang.catalog import selectors as catalog_selectors
from renbang.cycle.services import year_close
from renbang.needs.models import Campaign, Need
from renbang.plans import services
from renbang.plans.models import PlanningScenario
from tests.plans.conftest import make_plan_world

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/plans"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_carried_needs_evaluation_changes_and_named_approvals(live_server, world, monkeypatch):
    from playwright.sync_api import sync_playwright

    pw = make_plan_world(world)
    monkeypatch.setattr(catalog_selectors, "_EFFECTIVENESS_SOURCES",
                        [("evaluation", lambda agency_id, ids: {pw.prog_a.pk: Decimal("0.35")})])
    Campaign.objects.filter(pk=pw.campaign.pk).update(computed_at=timezone.now())
    admin, head = world.users.admin, world.users.head
    admin.first_name, admin.last_name = "Siti", "Rahmawati"
    admin.otp_exempt = True  # logs in through the form; two-factor enforcement: tests/accounts/test_twofactor.py
    admin.save()
    head.first_name, head.last_name = "Hendra", "Siregar"
    head.save()
    services.scenario_run(scenario=pw.scenario, user=admin)  # live-server tests run jobs inline (no on_commit)
    plan = pw.scenario.plans.get()
    services.plan_submit(plan=plan, user=admin, expected_version=plan.lock_version)
    plan.refresh_from_db()
    services.plan_approve(plan=plan, user=head, expected_version=plan.lock_version)
    year_close(agency_id=world.agency.pk, year=2026)
    c27 = Campaign.objects.create(agency=world.agency, name="Penilaian 2027", year=2027, status="closed",
                                  period_start=dt.date(2027, 1, 4), period_end=dt.date(2027, 1, 29))
    Need.objects.create(campaign=c27, employee=world.chief, unit=world.chief.unit, competency=pw.comp_b,
                        required=3, current=2, gap=1, next_required=3, next_gap=0, priority=Decimal("50"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/akun/masuk/")
        page.fill("input[name=username]", admin.username)
        page.fill("input[name=password]", "rahasia-uji-123")
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(base + "/")

        # the form: no candidate limit (0) and the carried needs
        page.goto(base + "/rencana/skenario/baru/")
        page.fill("#id_name", "RPK 2027")
        page.fill("#id_year", "2027")
        page.fill("#id_budget_total", "10000000")
        page.fill("#id_candidates_per_employee", "0")
        expect(page.locator("#id_use_carried_needs")).to_be_checked()
        expect(page.get_by_text("0 = tanpa batas")).to_be_visible()
        page.fill("#id_time_limit", "10")
        page.screenshot(path=str(SHOTS / "scenario-form-options.png"), full_page=True)
        page.get_by_role("button", name="Simpan skenario").click()
        expect(page.get_by_text("Skenario tersimpan")).to_be_visible()
        s27 = PlanningScenario.objects.get(name="RPK 2027")
        services.scenario_run(scenario=s27, user=admin)
        page.goto(f"{base}/rencana/skenario/{s27.pk}/")
        expect(page.get_by_text("tanpa batas", exact=True)).to_be_visible()
        expect(page.get_by_test_id("carried-summary")).to_contain_text("penutupan tahun 2026")
        expect(page.get_by_text("Yang berubah karena hasil evaluasi")).to_be_visible()
        row = page.locator("tr", has_text="INT-1 Pelatihan Integritas ASN").first
        expect(row).to_contain_text("hasil evaluasi")
        expect(row).to_contain_text("0,35")
        page.screenshot(path=str(SHOTS / "scenario-result-carried-evaluation.png"), full_page=True)

        page.goto(f"{base}/rencana/rpk/{plan.pk}/")
        history = page.locator("li.list-group-item")
        expect(history.filter(has_text="Diajukan").filter(has_text="Siti Rahmawati")).to_have_count(1)
        expect(history.filter(has_text="Ditetapkan").filter(has_text="Hendra Siregar")).to_have_count(1)
        page.screenshot(path=str(SHOTS / "plan-approval-names.png"), full_page=True)
        browser.close()
