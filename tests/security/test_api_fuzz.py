"""API fuzzing: schemathesis generates requests from our OpenAPI schema; no server errors, responses match it.

Runs as the BKPSDM admin (who may write everything) and as a plain employee (who is refused most things), on
every operation under /api/v1/. Adding an endpoint adds it here automatically.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance


@pytest.fixture
def api_schema(world):
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # The real WSGI handler closes "old" connections at each request end, which on PostgreSQL closes the test's
    # transaction; Django's own test client disconnects these handlers the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema").include(path_regex=r"^/api/v1/")


FUZZ = settings(max_examples=6, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])


def _call(case, user):
    token, _ = Token.objects.get_or_create(user=user)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"},
                           checks=[not_a_server_error, response_schema_conformance])


@schema.parametrize()
@FUZZ
def test_it_never_fails_the_bkpsdm_admin_with_a_server_error(case, world):
    _call(case, world.users.admin)


@schema.parametrize()
@FUZZ
def test_it_never_fails_a_plain_employee_with_a_server_error(case, world):
    _call(case, world.users.employee)
