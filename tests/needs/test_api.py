"""REST API: campaigns, assessments (no anchoring), needs (scoped, filterable), priority weights."""

import pytest

from renbang.needs.models import Assessment, AssessmentScore, Campaign, Source

from .test_results import closed


@pytest.fixture
def api(client):
    def _as(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _as


def test_it_lists_campaigns_to_staff_and_refuses_employees(needs_world, api):
    w = needs_world
    assert api(w.users.officer_a).get("/api/v1/needs/campaigns/").json()["count"] == 1
    assert api(w.users.employee).get("/api/v1/needs/campaigns/").status_code == 403


def test_it_lets_only_admins_create_campaigns(needs_world, api):
    w = needs_world
    data = {"name": "Penilaian 2027", "year": 2027, "period_start": "2027-01-04", "period_end": "2027-01-29",
            "target_units": [w.unit_a.pk]}
    assert api(w.users.officer_a).post("/api/v1/needs/campaigns/", data, content_type="application/json") \
        .status_code == 403
    response = api(w.users.admin).post("/api/v1/needs/campaigns/", data, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "draft"
    bad = {**data, "name": "Salah", "period_end": "2026-01-01"}
    response = api(w.users.admin).post("/api/v1/needs/campaigns/", bad, content_type="application/json")
    assert response.status_code == 400 and "period_end" in response.json()
    assert Campaign.objects.count() == 2


def test_it_scopes_needs_and_filters_them(needs_world, api):
    w = closed(needs_world)
    assert api(w.users.admin).get("/api/v1/needs/needs/").json()["count"] == 12
    own = api(w.users.employee).get("/api/v1/needs/needs/").json()
    assert own["count"] == 3 and {r["employee"] for r in own["results"]} == {w.staff.pk}
    officer_b = api(w.users.officer_b).get("/api/v1/needs/needs/").json()
    assert {r["employee"] for r in officer_b["results"]} == {w.other.pk}
    one = api(w.users.admin).get(f"/api/v1/needs/needs/?competency={w.comps[0].pk}&unit={w.unit_b.pk}").json()
    assert one["count"] == 1
    assert api(w.users.facilitator).get("/api/v1/needs/needs/").status_code == 403


def test_it_hides_a_self_rating_from_the_supervisor_until_they_submit(needs_world, api):
    w = needs_world
    own = Assessment.objects.create(campaign=w.campaign, employee=w.staff, assessor=w.staff, source=Source.SELF,
                                    status="submitted")
    AssessmentScore.objects.create(assessment=own, competency=w.comps[0], level=5)
    ids = [r["id"] for r in api(w.users.supervisor).get("/api/v1/needs/assessments/").json()["results"]]
    assert own.pk not in ids
    assert own.pk in [r["id"] for r in api(w.users.employee).get("/api/v1/needs/assessments/").json()["results"]]
    Assessment.objects.create(campaign=w.campaign, employee=w.staff, assessor=w.chief, source=Source.SUPERVISOR,
                              status="submitted")
    ids = [r["id"] for r in api(w.users.supervisor).get("/api/v1/needs/assessments/").json()["results"]]
    assert own.pk in ids
    assert own.pk not in [r["id"] for r in api(w.users.officer_b).get("/api/v1/needs/assessments/").json()["results"]]


def test_it_refuses_writes_to_assessments_and_needs(needs_world, api):
    w = needs_world
    assert api(w.users.admin).post("/api/v1/needs/assessments/", {}).status_code == 405
    assert api(w.users.admin).delete("/api/v1/needs/needs/1/").status_code == 405


def test_it_lets_admins_change_the_priority_weights(needs_world, api):
    w = needs_world
    table = {"sangat_baik": 0, "baik": 0.2, "butuh_perbaikan": 0.5, "kurang": 0.8, "sangat_kurang": 1}
    data = {"gap": "0.5", "importance": "0.2", "performance": "0.1", "next_position": "0.2",
            "performance_gap_map": table}
    assert api(w.users.officer_a).post("/api/v1/needs/priority-weights/", data,
                                       content_type="application/json").status_code == 403
    response = api(w.users.admin).post("/api/v1/needs/priority-weights/", data, content_type="application/json")
    assert response.status_code == 201, response.json()
    bad = {**data, "performance_gap_map": {"baik": 5}}
    pk = response.json()["id"]
    response = api(w.users.admin).patch(f"/api/v1/needs/priority-weights/{pk}/", bad, content_type="application/json")
    assert response.status_code == 400
    assert api(w.users.employee).get("/api/v1/needs/priority-weights/").json()["count"] == 1
