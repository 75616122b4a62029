"""The self-assessment and the supervisor's grid by keyboard alone, with the names a screen reader announces: each
competency is a named group of radios, each radio names its level (and, in the grid, the employee)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def campaign(world):
    from renbang.competencies.models import Competency, PositionStandard
    from renbang.needs.models import Campaign

    comp = Competency.objects.get(code="M.1", agency__isnull=True)
    for position in (world.positions.staff, world.positions.pengawas):
        PositionStandard.objects.update_or_create(position=position, competency=comp, defaults={"required_level": 2})
    campaign = Campaign.objects.create(agency=world.agency, name="Penilaian 2026", year=2026, status="open",
                                       period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 30))
    campaign.comp = comp
    return campaign


def _tab_to(page, selector, limit=80):
    """Presses Tab until the focused element matches `selector` (as a keyboard user would); fails past `limit`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_self_assessment_is_filled_and_sent_by_keyboard(world, live_server, log_in, campaign):
    page = log_in("pegawai")
    page.goto(f"{live_server.url}{reverse('needs:self_form', args=[campaign.pk])}")
    group = page.get_by_role("group", name=re.compile(re.escape(campaign.comp.name)))
    assert group.get_by_role("radio").count() == 5
    level_2 = group.get_by_role("radio", name=re.compile(r"^Level 2\b"))
    _tab_to(page, "input[type=radio]")
    page.keyboard.press("ArrowDown")  # first radio → level 2 (arrow keys move the choice within the group)
    assert level_2.is_checked()
    _tab_to(page, "button[name=save]")
    page.keyboard.press("Enter")  # the form's hx-post: the page stays, the status line says it was saved
    page.get_by_test_id("saved-at").wait_for()
    page.reload()
    assert page.get_by_role("group", name=re.compile(re.escape(campaign.comp.name))) \
        .get_by_role("radio", name=re.compile(r"^Level 2\b")).is_checked()  # saved as a draft


def test_the_supervisor_grid_is_filled_by_keyboard(world, live_server, log_in, campaign):
    page = log_in("atasan")
    page.goto(f"{live_server.url}{reverse('needs:supervisor_grid', args=[campaign.pk, campaign.comp.pk])}")
    name = world.staff.full_name
    radio_3 = page.get_by_role("radio", name=f"{name}: level 3")
    assert radio_3.get_attribute("aria-describedby") == "grid-competency"
    assert campaign.comp.name in page.inner_text("#grid-competency")
    _tab_to(page, f"input[type=radio][name=e{world.staff.pk}]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert radio_3.is_checked()
    _tab_to(page, "button[name=save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("radio", name=f"{name}: level 3").is_checked()
