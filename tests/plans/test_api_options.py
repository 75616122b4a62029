"""The scenario API carries the new options: no candidate limit (0) and the carried needs."""

from __future__ import annotations

from django.urls import reverse


def test_the_scenario_api_shows_unlimited_candidates_and_the_carried_needs_option(pw, world, login):
    pw.scenario.candidates_per_employee = 0
    pw.scenario.use_carried_needs = False
    pw.scenario.full_clean()
    pw.scenario.save()
    data = login(world.users.admin).get(reverse("api:plans-scenario-detail", args=[pw.scenario.pk])).json()
    assert data["candidates_per_employee"] == 0
    assert data["use_carried_needs"] is False and data["carried_boost"] == "1.50"


def test_the_openapi_schema_documents_that_zero_means_no_limit(world, login):
    schema = login(world.users.admin).get("/api/schema/?format=json").json()
    prop = schema["components"]["schemas"]["Scenario"]["properties"]["candidates_per_employee"]
    assert "0 = tanpa batas" in prop["description"]


def _form(**over):
    data = {"name": "Tanpa batas", "year": "2026", "budget_total": "5000000", "jp_floor_pns": "20",
            "jp_cap_pppk": "24", "jp_cap_general": "120", "max_sessions_per_month": "1", "jp_floor_weight": "0.05",
            "candidates_per_employee": "0", "carried_boost": "2", "proposed_sessions": "0", "time_limit": "10"}
    data.update(over)
    return data


def test_the_scenario_form_saves_no_candidate_limit_and_the_carried_needs_choice(world, login):
    from renbang.plans.models import PlanningScenario

    response = login(world.users.admin).post("/rencana/skenario/baru/", _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    s = PlanningScenario.objects.get(name="Tanpa batas")
    assert s.candidates_per_employee == 0 and s.use_carried_needs is False and float(s.carried_boost) == 2.0
    html = login(world.users.admin).get(f"/rencana/skenario/{s.pk}/").content.decode()
    assert "tanpa batas" in html and "tidak dipakai" in html


def test_the_scenario_form_refuses_a_boost_below_one_in_indonesian(world, login):
    from renbang.plans.models import PlanningScenario

    response = login(world.users.admin).post("/rencana/skenario/baru/", _form(carried_boost="0.5",
                                                                             use_carried_needs="on"))
    assert response.status_code == 200
    assert "lebih besar dari atau sama dengan 1" in response.content.decode()
    assert not PlanningScenario.objects.filter(name="Tanpa batas").exists()
