"""Current levels, gaps, JPM and priorities of a closed campaign (services + compute)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from renbang.needs import services
from renbang.needs.models import Assessment, AssessmentScore, CurrentLevel, JobMatch, Need, Source
from tests.factories import PerformanceRecordFactory


def rate(campaign, employee, source, levels, assessor=None, submitted=True, **extra):
    assessment = Assessment.objects.create(
        campaign=campaign, employee=employee, source=source, assessor=assessor,
        status=Assessment.Status.SUBMITTED if submitted else Assessment.Status.DRAFT, **extra)
    for comp, level in levels.items():
        AssessmentScore.objects.create(assessment=assessment, competency=comp, level=level)
    return assessment


def test_it_combines_self_and_supervisor_ratings_with_the_campaign_weights(needs_world):
    w = needs_world
    m1, m2, m3 = w.comps
    rate(w.campaign, w.staff, Source.SELF, {m1: 3, m2: 4, m3: 1}, assessor=w.staff)
    rate(w.campaign, w.staff, Source.SUPERVISOR, {m1: 2, m2: 2, m3: 1}, assessor=w.chief)
    services.campaign_close(campaign=w.campaign)
    levels = {c.competency_id: c for c in CurrentLevel.objects.filter(employee=w.staff)}
    # weights self 1, supervisor 2: (3 + 4) / 3 = 2.33 → 2; (4 + 4) / 3 = 2.67 → 3; 1
    assert [levels[c.pk].level for c in (m1, m2, m3)] == [2, 3, 1]
    assert levels[m2.pk].disagreement and not levels[m1.pk].disagreement


def test_it_lets_a_recent_assessment_centre_result_win(needs_world):
    w = needs_world
    m1 = w.comps[0]
    rate(w.campaign, w.staff, Source.SUPERVISOR, {m1: 1}, assessor=w.chief)
    rate(None, w.staff, Source.ASSESSMENT_CENTRE, {m1: 4}, assessed_on=dt.date(2025, 6, 1), assessor_name="A")
    rate(None, w.staff, Source.ASSESSMENT_CENTRE, {m1: 5}, assessed_on=dt.date(2019, 6, 1), assessor_name="B")
    services.campaign_close(campaign=w.campaign)
    level = CurrentLevel.objects.get(employee=w.staff, competency=m1)
    assert (level.level, level.from_ac) == (4, True)


def test_it_ignores_drafts_when_computing(needs_world):
    w = needs_world
    rate(w.campaign, w.staff, Source.SELF, {w.comps[0]: 5}, assessor=w.staff, submitted=False)
    services.campaign_close(campaign=w.campaign)
    assert not CurrentLevel.objects.filter(employee=w.staff).exists()


def test_it_stores_gaps_to_the_current_and_next_position_with_jpm(needs_world):
    w = needs_world
    m1, m2, m3 = w.comps
    rate(w.campaign, w.staff, Source.SUPERVISOR, {m1: 1, m2: 2, m3: 3}, assessor=w.chief)
    PerformanceRecordFactory(employee=w.staff, year=2025, predicate="butuh_perbaikan")
    services.campaign_close(campaign=w.campaign)
    needs = {n.competency_id: n for n in Need.objects.filter(employee=w.staff)}
    assert [(needs[c.pk].gap, needs[c.pk].next_gap) for c in (m1, m2, m3)] == [(1, 2), (0, 1), (0, 0)]
    assert needs[m1.pk].priority > needs[m2.pk].priority > 0 == needs[m3.pk].priority
    match = JobMatch.objects.get(employee=w.staff)
    assert float(match.jpm) == pytest.approx(5 / 6 * 100, abs=0.01)
    assert match.band == "cukup_optimal" and match.predicate == "butuh_perbaikan"


def test_it_refuses_to_close_a_campaign_twice(needs_world):
    services.campaign_close(campaign=needs_world.campaign)
    with pytest.raises(ValidationError):
        services.campaign_close(campaign=needs_world.campaign)


def test_it_hands_large_campaigns_to_the_job_worker(needs_world, settings, django_capture_on_commit_callbacks):
    settings.RENBANG = {**settings.RENBANG, "NEEDS_INLINE_MAX_EMPLOYEES": 1}
    w = needs_world
    rate(w.campaign, w.staff, Source.SUPERVISOR, dict.fromkeys(w.comps, 2), assessor=w.chief)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.campaign_close(campaign=w.campaign)
    job.refresh_from_db()
    assert job.status == "done" and job.result["current_levels"] == 3
    assert Need.objects.filter(employee=w.staff).count() == 3


def test_it_counts_progress_per_unit_against_those_who_have_a_supervisor(needs_world):
    from renbang.needs.selectors import progress_by_unit

    w = needs_world
    Assessment.objects.create(campaign=w.campaign, employee=w.staff, assessor=w.chief, source=Source.SUPERVISOR,
                              status="submitted")
    rows = {r["name"]: r for r in progress_by_unit(w.campaign, w.users.admin)}
    unit_a = rows["Dinas Pendidikan dan Kebudayaan"]
    assert (unit_a["targets"], unit_a["supervised"], unit_a["supervisor_pct"]) == (3, 2, 50)
    assert unit_a["has_children"] and not rows["Dinas Kesehatan"]["has_children"]


def test_it_reports_progress_outside_the_write_transactions(needs_world, monkeypatch):
    from django.db import connection

    from renbang.needs.compute import compute_campaign

    seen = []

    class Job:
        def report(self, percent, message=""):
            seen.append((percent, connection.in_atomic_block))

    services.campaign_close(campaign=needs_world.campaign)  # closes and computes once inline
    compute_campaign(needs_world.campaign, job=Job())
    assert [p for p, _atomic in seen] == [5, 45, 60, 70, 95]
    # pytest-django wraps each test in one transaction; the reports must add no transaction of their own
    outer = seen[0][1]
    assert all(atomic == outer for _p, atomic in seen)


def test_it_shows_live_progress_of_the_closing_job(needs_world, login, settings,
                                                   django_capture_on_commit_callbacks):
    from django.urls import reverse

    from renbang.core.models import Job

    settings.RENBANG = {**settings.RENBANG, "NEEDS_INLINE_MAX_EMPLOYEES": 1}
    w = needs_world
    client = login(w.users.admin)
    url = reverse("needs:campaign_action", args=[w.campaign.pk, "tutup"])
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not started yet
        response = client.post(url)
    job = Job.objects.get(kind="needs.compute")
    assert response.url.endswith(f"?job={job.pk}")
    page = client.get(response.url)
    assert 'hx-trigger="every 1s"' in page.content.decode() and "di latar" in page.content.decode()
    job.report(60, "Menghitung kesenjangan, JPM dan prioritas…")
    box = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "60%" in box and "<html" not in box and "every 1s" in box
    job.finish({"needs": 9})
    box = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "Perhitungan selesai: 9 baris kebutuhan." in box and "every 1s" not in box
    other = login(w.users.employee).get(response.url, headers={"HX-Request": "true"})
    assert other.status_code in (403, 404)
