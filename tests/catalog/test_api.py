import pytest

from renbang.catalog.models import Programme, SuggestionRule

from .factories import ProgrammeFactory, method, national, target

EVERYONE = ["admin", "officer_a", "supervisor", "employee", "mentor", "facilitator", "head"]


@pytest.fixture
def api(world):
    world.m2 = national("M.2", "Kerja Sama")
    world.programme = ProgrammeFactory(agency=world.agency, method=method("NK-COA"), title="Coaching Kerja Sama")
    target(world.programme, world.m2, 2)
    return world


def test_it_lets_everyone_in_the_agency_read_the_catalogue(api, login):
    from django.test import Client

    anonymous = Client()
    for url in ("/api/v1/catalog/methods/", "/api/v1/catalog/providers/", "/api/v1/catalog/programmes/",
                "/api/v1/catalog/planned-sessions/", "/api/v1/catalog/suggestion-rules/",
                "/api/v1/catalog/programme-offers/"):
        assert anonymous.get(url).status_code in (401, 403), url
        for name in EVERYONE:
            assert login(getattr(api.users, name)).get(url).status_code == 200, (url, name)
    methods = login(api.users.employee).get("/api/v1/catalog/methods/").json()
    assert methods["count"] == 24


def test_it_lets_only_bkpsdm_write_the_catalogue(api, login):
    payload = {"title": "Bimtek Penyusunan SKP", "method": "KL-BIM", "jp": 16, "cost_per_participant": 3000000,
               "targets": [{"competency": "M.2", "uplift": 1}], "position_types": ["pelaksana"]}
    for name in EVERYONE[1:]:
        assert login(getattr(api.users, name)).post("/api/v1/catalog/programmes/", payload,
                                                    content_type="application/json").status_code == 403
    response = login(api.users.admin).post("/api/v1/catalog/programmes/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["targets"] == [{"competency": "M.2", "competency_name": "Kerja Sama", "uplift": 1}]
    assert body["position_types"] == ["pelaksana"] and body["effectiveness"] == "0.55"
    bad = login(api.users.admin).post("/api/v1/catalog/programmes/", {**payload, "min_level": 5, "max_level": 1,
                                                                      "position_types": ["raja"]},
                                      content_type="application/json")
    assert bad.status_code == 400 and "position_types" in bad.json()


def test_it_edits_a_method_through_the_api_as_an_agency_copy(api, login):
    pk = method("NK-ELE").pk
    assert login(api.users.employee).patch(f"/api/v1/catalog/methods/{pk}/", {"effectiveness": "0.5"},
                                           content_type="application/json").status_code == 403
    response = login(api.users.admin).patch(f"/api/v1/catalog/methods/{pk}/", {"effectiveness": "0.45"},
                                            content_type="application/json")
    assert response.status_code == 200 and response.json()["national"] is False


def test_it_serves_suggestions_to_planners_but_not_to_employees(api, login):
    url = "/api/v1/catalog/suggestions/?competency=M.2&gap=1&position_type=pelaksana"
    assert login(api.users.employee).get(url).status_code == 403
    data = login(api.users.officer_a).get(url).json()
    assert [s["method"] for s in data][:2] == ["NK-MEN", "NK-COA"]
    assert data[1]["programmes"][0]["title"] == "Coaching Kerja Sama"
    assert login(api.users.admin).get("/api/v1/catalog/suggestions/?competency=M.2&gap=9").status_code == 400
    assert login(api.users.admin).get("/api/v1/catalog/suggestions/?competency=ZZ&gap=1").status_code == 404


def test_it_gives_the_planner_offers_with_expected_uplift(api, login):
    data = login(api.users.head).get(f"/api/v1/catalog/programme-offers/?competency={api.m2.pk}&year=2026").json()
    assert data[0]["expected_uplift"] == "1.20" and data[0]["method_code"] == "NK-COA"
    assert login(api.users.head).get("/api/v1/catalog/programme-offers/?year=abc").status_code == 400


def test_it_edits_rules_through_the_api_for_the_agency_only(api, login):
    rule = SuggestionRule.objects.get(agency=None, name="Manajerial, kesenjangan 1 level")
    url = f"/api/v1/catalog/suggestion-rules/{rule.pk}/"
    assert login(api.users.officer_a).patch(url, {"weight": "2"}, content_type="application/json").status_code == 403
    response = login(api.users.admin).patch(url, {"weight": "2.00"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["weight"] == "2.00"
    assert SuggestionRule.objects.get(pk=rule.pk).weight == 1


def test_it_hides_other_agencies_programmes(api, login):
    from tests.factories import AgencyFactory

    foreign = ProgrammeFactory(agency=AgencyFactory(code="kab-karo", name="Kabupaten Karo"))
    assert login(api.users.admin).get(f"/api/v1/catalog/programmes/{foreign.pk}/").status_code == 404
    assert Programme.objects.count() == 2
