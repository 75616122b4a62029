"""The API's contract rules one by one (renbang/api), quicker to read than a fuzzer's failure: what the schema
states for errors, filters, pages and times, and that the API answers accordingly."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.delivery.helpers import delivery_world


@pytest.fixture
def schema(world, login):
    return login(world.users.admin).get("/api/schema/?format=json").json()


@pytest.fixture
def admin_api(world):
    client = APIClient()
    client.force_authenticate(world.users.admin)
    return client


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_it_documents_the_error_statuses_of_every_operation(schema):
    for path, method, operation in _operations(schema):
        codes = set(operation["responses"])
        assert {"401", "403"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method in ("post", "put", "patch") or any(p["in"] == "query" for p in operation.get("parameters", [])):
            assert codes >= {"400"}, (method, path)
            assert operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
                "/ValidationError")
        if method == "delete":
            assert "409" in codes, (method, path)


def test_it_states_the_real_types_of_filters_and_times(schema):
    enrolments = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/delivery/enrolments/"]["get"]["parameters"]}
    assert enrolments["session"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert enrolments["completed"] == {"type": "boolean"}
    assert "invited" in enrolments["status"]["enum"]
    assert enrolments["page"]["minimum"] == 1
    session = schema["components"]["schemas"]["Session"]["properties"]["start_time"]
    assert "format" not in session and session["pattern"].startswith("^")
    run = schema["paths"]["/api/v1/plans/scenarios/{id}/run/"]["post"]["responses"]
    assert run["202"]["content"]["application/json"]["schema"]["$ref"].endswith("/JobQueued")
    assert "409" in run


@pytest.mark.parametrize("url", [
    "/api/v1/catalog/programme-offers/?competency=12345678901234567890123456",
    "/api/v1/employees/?unit=12345678901234567890123456",
    "/api/v1/delivery/enrolments/?page=",
    "/api/v1/delivery/enrolments/?page=abc",
    "/api/v1/delivery/enrolments/?completed=maybe",
    "/api/v1/delivery/enrolments/?status=bogus",
    "/api/v1/employees/?status=",
    "/api/v1/mentoring/participants/?role=bogus",
    "/api/v1/delivery/ledger/?limit=0",
    "/api/v1/delivery/ledger/?at_risk=1",
])
def test_it_refuses_values_the_schema_does_not_allow_with_a_400(url, admin_api):
    response = admin_api.get(url)
    assert response.status_code == 400, response.content
    assert isinstance(response.json(), dict)


def test_it_answers_unknown_ids_and_pages_as_the_schema_says(admin_api, world):
    delivery_world(world)
    assert admin_api.get("/api/v1/delivery/enrolments/?session=999999").json()["results"] == []
    assert admin_api.get("/api/v1/delivery/enrolments/?page=99").status_code == 404
    assert admin_api.get(f"/api/v1/employees/{2**70}/").status_code == 404
    for url in ("/api/v1/employees/0.5/", "/api/v1/no-such-thing/"):
        response = admin_api.post(url)
        assert (response.status_code, response["Content-Type"]) == (404, "application/json"), url


def test_it_accepts_only_the_documented_json_types_in_bodies(admin_api):
    body = {"name": "Lembaga Uji", "kind": "internal"}
    assert admin_api.post("/api/v1/catalog/providers/", {**body, "active": 0}, format="json").status_code == 400
    assert admin_api.post("/api/v1/catalog/providers/", {**body, "name": 7}, format="json").status_code == 400
    assert admin_api.post("/api/v1/catalog/providers/", {**body, "active": True}, format="json").status_code == 201


@pytest.mark.parametrize("url", ["/api/v1/plans/assignments/?employee=", "/api/v1/employees/?position="])
def test_it_refuses_an_empty_id_filter_as_the_schema_says_it_is_an_integer(url, admin_api):
    assert admin_api.get(url).status_code == 400
