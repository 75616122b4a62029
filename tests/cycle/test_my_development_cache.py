"""'My development' is kept per user (renbang.core.usercache): a second visit reads almost nothing, another user is
never served it, and what someone else changes on it shows on the next visit (the figures' data version)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renbang.delivery.models import Certificate, Enrolment
from renbang.delivery.services.sessions import settings_for
from tests.catalog.factories import ProgrammeFactory
from tests.evaluation.conftest import make_session

pytestmark = pytest.mark.django_db


def test_a_second_visit_is_served_from_the_users_own_entry(cycle, login):
    settings_for(cycle.agency)  # an agency's JP settings exist after its first day (their creation is a write)
    client = login(cycle.users.employee)
    first = client.get("/siklus/saya/?tahun=2026")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/siklus/saya/?tahun=2026")
    assert second.status_code == 200 and "data" not in second.context  # the body came from the cache
    assert len(captured) <= 6, [q["sql"][:80] for q in captured]
    body = first.content.decode()
    assert cycle.staff.full_name in body and second.content.decode().count(cycle.staff.full_name) == body.count(
        cycle.staff.full_name)
    other_year = client.get("/siklus/saya/?tahun=2025")
    assert other_year.context["data"]["employee"] == cycle.staff  # each year its own entry


def test_another_user_is_never_served_my_page(cycle, login):
    mine = login(cycle.users.employee).get("/siklus/saya/").content.decode()
    assert cycle.staff.full_name in mine
    theirs = login(cycle.users.supervisor).get("/siklus/saya/")
    assert theirs.context["data"]["employee"] == cycle.chief
    page = theirs.content.decode()
    assert cycle.chief.full_name in page and f"{cycle.staff.full_name} ·" not in page


def test_what_someone_else_changes_shows_on_the_next_visit(cycle, login):
    settings_for(cycle.agency)
    client = login(cycle.users.employee)
    session = make_session(ProgrammeFactory(agency=cycle.agency, title="Pelatihan Arsip Digital"), [cycle.staff],
                           days_ago=2)
    assert "800/ARSIP/7" not in client.get("/siklus/saya/").content.decode()
    client.get("/siklus/saya/")  # now served from the entry
    # the certificate is issued by BKPSDM, not by the employee: no write of theirs drops the entry
    Certificate.objects.create(enrolment=Enrolment.objects.get(session=session, employee=cycle.staff),
                               number="800/ARSIP/7")
    assert "800/ARSIP/7" in client.get("/siklus/saya/").content.decode()
