"""API fuzzing: schemathesis generates requests from our OpenAPI schema; no server errors, responses match it.

Runs as the BKPSDM admin (who may write everything) and as a plain employee (who is refused most things), on
every operation under /api/v1/. Adding an endpoint adds it here automatically (the last admin area takes every
path the others do not name).

The admin's runs include schemathesis's coverage phase (boundary and invalid values for every parameter and
field: where a validation gap turns into a 500); they are split by API area so the test workers share them. The
employee is refused before any validation on almost every write, so its run fuzzes without the coverage phase.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance


def _wsgi_schema(coverage: bool):
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # The real WSGI handler closes "old" connections at each request end, which on PostgreSQL closes the test's
    # transaction; Django's own test client disconnects these handlers the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    schema.config.phases.coverage.enabled = coverage
    yield schema
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world):
    yield from _wsgi_schema(coverage=True)


@pytest.fixture
def api_schema_fuzzing_only(world):
    yield from _wsgi_schema(coverage=False)


FUZZ = settings(max_examples=6, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])

AREAS = ("catalog|cycle", "employees|mentoring|plans", "delivery|needs")  # about equal shares of the time


def _call(case, user):
    token, _ = Token.objects.get_or_create(user=user)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"})


def _admin_test(path_regex: str):
    schema = schemathesis.pytest.from_fixture("api_schema").include(path_regex=path_regex)

    @schema.parametrize()
    @FUZZ
    def test(case, world):
        _call(case, world.users.admin)

    return test


test_it_never_fails_the_bkpsdm_admin_with_a_server_error_in_catalog_cycle = _admin_test(rf"^/api/v1/({AREAS[0]})/")
test_it_never_fails_the_bkpsdm_admin_with_a_server_error_in_employees_mentoring_plans = _admin_test(
    rf"^/api/v1/({AREAS[1]})/")
test_it_never_fails_the_bkpsdm_admin_with_a_server_error_in_delivery_needs = _admin_test(rf"^/api/v1/({AREAS[2]})/")
test_it_never_fails_the_bkpsdm_admin_with_a_server_error_anywhere_else = _admin_test(
    rf"^/api/v1/(?!({'|'.join(AREAS)})/)")


@schemathesis.pytest.from_fixture("api_schema_fuzzing_only").include(path_regex=r"^/api/v1/").parametrize()
@FUZZ
def test_it_never_fails_a_plain_employee_with_a_server_error(case, world):
    _call(case, world.users.employee)
