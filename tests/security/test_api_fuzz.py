"""The API's published contract is true: schemathesis with ALL its checks against /api/schema/ (issue 18).

Every check schemathesis has is on (`case.call_and_validate()` without `checks=` runs all of them): no server
error, status codes and content types the schema lists, bodies that match their schema, valid requests accepted
and invalid ones refused (400/404), unsupported methods answered 405 with a true `Allow` header, requests without
credentials refused, plus, in the stateful run, what it does with links between operations (an object created is
then readable; a deleted one is gone). None is disabled; one is widened:

- positive_data_acceptance (a request the schema calls valid must not be refused) also allows 400 for writes
  (POST/PUT/PATCH): a body's rules that OpenAPI cannot state — an id must name a row of the caller's agency, a
  level must fit the position type, a campaign needs at least one assessment source — are refused with 400 and
  the field's message, like the forms do. Reads keep the strict check: every filter and page parameter states
  the values it accepts.

Runs as the BKPSDM admin (who may write everything) on every operation under /api/v1/, with the examples,
coverage (boundary and invalid values for every parameter and field) and fuzzing phases, split by API area so
the test workers share them (xdist); then a stateful run (schemathesis chains operations through the links it
infers from the schema), and a quicker pass as a plain employee (refused most writes, sees their own data).
Adding an endpoint adds it here automatically (the last admin area takes every path the others do not name).
Deterministic: derandomize (Hypothesis's fixed seed) and bounded examples.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]  # schemathesis's default for valid data
CONFIG = SchemathesisConfig.from_dict({"operations": [{
    "include-method": ["POST", "PUT", "PATCH"],
    "checks": {"positive_data_acceptance": {"expected-statuses": [*_ACCEPTED, "400"]}},
}]})


def _wsgi_schema(coverage: bool):
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # The real WSGI handler closes "old" connections at each request end, which on PostgreSQL closes the test's
    # transaction; Django's own test client disconnects these handlers the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)
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


_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
FUZZ = settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=_QUIET)
STATEFUL = settings(max_examples=8, stateful_step_count=6, deadline=None, derandomize=True,
                    suppress_health_check=_QUIET)

AREAS = ("catalog|cycle", "employees|mentoring|plans", "delivery|needs")  # about equal shares of the time


def _auth(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _admin_test(path_regex: str):
    schema = schemathesis.pytest.from_fixture("api_schema").include(path_regex=path_regex)

    @schema.parametrize()
    @FUZZ
    def test(case, world):
        case.call_and_validate(headers=_auth(world.users.admin))

    return test


test_it_keeps_the_contract_for_the_bkpsdm_admin_in_catalog_cycle = _admin_test(rf"^/api/v1/({AREAS[0]})/")
test_it_keeps_the_contract_for_the_bkpsdm_admin_in_employees_mentoring_plans = _admin_test(rf"^/api/v1/({AREAS[1]})/")
test_it_keeps_the_contract_for_the_bkpsdm_admin_in_delivery_needs = _admin_test(rf"^/api/v1/({AREAS[2]})/")
test_it_keeps_the_contract_for_the_bkpsdm_admin_anywhere_else = _admin_test(rf"^/api/v1/(?!({'|'.join(AREAS)})/)")


@schemathesis.pytest.from_fixture("api_schema_fuzzing_only").include(path_regex=r"^/api/v1/").parametrize()
@FUZZ
def test_it_keeps_the_contract_for_a_plain_employee(case, world):
    case.call_and_validate(headers=_auth(world.users.employee))


def test_it_keeps_the_contract_through_chains_of_operations_for_the_bkpsdm_admin(world):
    schema = next(_wsgi_schema(coverage=False)).include(path_regex=r"^/api/v1/")
    schema.config.update(headers=_auth(world.users.admin))  # explicit credentials (not generated ones)
    schema.as_state_machine().run(settings=STATEFUL)
