"""Every page the load test visits (benchmarks/load/profile_pages.py `pages()`) runs at most a fixed number of
queries, and no more with more data: a page whose count grows with the rows is the page that falls over at the
campaign's deadline (issue 20). Counted on the second visit of each user, as a user clicking through the app meets
it (the menu, the bell and the home page are then served from renbang.core.usercache), and again after the data
has grown and those entries were dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renbang.core import usercache
from renbang.delivery.models import Enrolment, ExternalClaim, Session
from renbang.needs.models import Campaign
from renbang.plans.models import IndividualPlan
from tests.catalog.factories import ProgrammeFactory
from tests.evaluation.conftest import make_session
from tests.factories import EmployeeFactory, UserFactory
from tests.needs.factories import CampaignFactory
from tests.plans.conftest import make_plan_world

# (actor, name, url template, bound). The leaders' dashboard, the JP compliance and the heatmap come from the shared
# figures cache on a second visit (renbang.core.figures); their cold counts are bounded in
# tests/cycle/test_dashboard_cache.py. The supervisor's grid and the campaign's POSTs: tests/needs/test_form_queries.py.
PAGES = [
    ("employee", "home (employee)", "/", 5),
    ("employee", "self-assessment form", "/kebutuhan/kampanye/{campaign}/isi/diri/", 7),
    ("employee", "my competency profile", "/kebutuhan/hasil/saya/", 9),
    ("employee", "my training / calendar", "/pelaksanaan/", 10),
    ("employee", "calendar events", "/pelaksanaan/kalender/acara/?start={start}&end={end}", 6),
    ("employee", "my development", "/siklus/saya/", 24),
    ("employee", "IDP list", "/rencana/idp/", 6),
    ("employee", "my IDP", "/rencana/idp/{idp}/", 7),
    ("employee", "feedback form", "/evaluasi/sesi/{session}/umpan-balik/", 7),
    ("officer_a", "employee list", "/pegawai/", 7),
    ("officer_a", "employee list page n", "/pegawai/?page=2&sort=unit", 7),
    ("officer_a", "employee search", "/pegawai/?q=Nasution", 7),
    ("officer_a", "employee detail", "/pegawai/{employee}/", 24),
    ("officer_a", "API employees", "/api/v1/employees/", 4),
    ("officer_a", "catalogue", "/katalog/", 10),
    ("officer_a", "JP compliance", "/pelaksanaan/kepatuhan-jp/", 9),
    ("officer_a", "staff participation", "/pelaksanaan/staf/", 17),
    ("officer_a", "leaders' dashboard (officer)", "/siklus/pimpinan/", 3),
    ("facilitator", "facilitator sessions", "/pelaksanaan/fasilitator/", 6),
    ("facilitator", "attendance grid", "/pelaksanaan/sesi/{session}/presensi/", 10),
    ("head", "home (PPK)", "/", 6),
    ("head", "needs heatmap", "/kebutuhan/hasil/", 6),
    ("head", "leaders' dashboard (PPK)", "/siklus/pimpinan/", 3),
    ("officer_a", "campaign progress (officer)", "/kebutuhan/kampanye/{campaign}/", 13),
    ("officer_a", "needs heatmap (officer)", "/kebutuhan/hasil/", 5),
    ("supervisor", "supervisor overview", "/kebutuhan/kampanye/{campaign}/isi/atasan/", 8),
    ("admin", "campaign progress (BKPSDM)", "/kebutuhan/kampanye/{campaign}/", 12),
    ("admin", "roster import form", "/pegawai/impor/", 3),
    ("admin", "scenario detail", "/rencana/skenario/{scenario}/", 6),
    ("admin", "plan run status", "/rencana/skenario/{scenario}/status/", 4),
    ("admin", "plans index", "/rencana/", 5),
    ("admin", "claim queue", "/pelaksanaan/klaim/", 7),
]


@pytest.fixture
def scene(world, django_capture_on_commit_callbacks):
    """The demo's walk in small: a run plan with IDPs, an open campaign, a finished session the employee attended
    (feedback) led by the facilitator (attendance), a pending claim."""
    from renbang.plans import services

    pw = make_plan_world(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.scenario_run(scenario=pw.scenario, user=world.users.admin)
    today = timezone.localdate()
    campaign = CampaignFactory(agency=world.agency, year=today.year, status=Campaign.Status.OPEN,
                               period_start=today - dt.timedelta(days=5), period_end=today + dt.timedelta(days=20))
    session = make_session(pw.prog_a, [world.staff, world.other])
    Session.objects.filter(pk=session.pk).update(facilitator=world.users.facilitator)
    EmployeeFactory(agency=world.agency, unit=world.section_a, position=world.positions.staff, supervisor=world.chief,
                    name="Rudi Nasution")  # the search finds someone in the officer's units at both sizes
    ExternalClaim.objects.create(employee=world.staff, title="Seminar", provider_name="LAN", start_date=today,
                                 end_date=today, jp=4, file="klaim/x.pdf")
    idp = IndividualPlan.objects.filter(employee=world.staff).order_by("pk").first()
    start = today.replace(day=1)
    return {"campaign": campaign.pk, "session": session.pk, "employee": world.staff.pk, "scenario": pw.scenario.pk,
            "idp": idp.pk if idp else 0, "start": start, "end": start + dt.timedelta(days=42), "pw": pw}


def grow(world, scene, n: int) -> None:
    """n more employees of every kind the pages list: staff of the supervisor in both units, attendees of the
    session, holders of an account, each with a claim."""
    today = timezone.localdate()
    programme = ProgrammeFactory(agency=world.agency)
    for i in range(n):
        unit = world.section_a if i % 2 else world.unit_b
        employee = EmployeeFactory(agency=world.agency, unit=unit, position=world.positions.staff,
                                   supervisor=world.chief if i % 2 else None, name=f"Nasution Tambahan {i}")
        UserFactory(username=f"tambahan{i}", agency=world.agency, employee=employee)
        Enrolment.objects.create(session_id=scene["session"], employee=employee, status=Enrolment.Status.CONFIRMED,
                                 completed=True)
        ExternalClaim.objects.create(employee=employee, title=f"Seminar {i}", provider_name="LAN", start_date=today,
                                     end_date=today, jp=2, file=f"klaim/{i}.pdf")
    make_session(programme, [world.staff, world.other], days_ago=2)


def counts(world, scene) -> dict[str, tuple[int, int]]:
    """name → (status, queries) of the second visit of every page, each actor in their own browser."""
    clients: dict[str, Client] = {}
    found = {}
    for actor, name, url, _bound in PAGES:
        if actor not in clients:
            clients[actor] = Client()
            clients[actor].force_login(getattr(world.users, actor))
        client, path = clients[actor], url.format(**scene)
        client.get(path, follow=True)  # first visit: the user's menu, bell and home enter the cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, follow=True)  # my competency profile redirects to the latest campaign
        found[name] = (response.status_code, len(captured))
    return found


def test_it_bounds_the_queries_of_every_page_of_the_load_test_whatever_the_data_size(world, scene):
    small = counts(world, scene)
    grow(world, scene, 30)
    usercache.forget(user.pk for user in vars(world.users).values())
    large = counts(world, scene)
    problems = [(name, bound, small[name], large[name]) for _actor, name, _url, bound in PAGES
                if small[name][0] != 200 or large[name][0] != 200
                or small[name][1] > bound or large[name][1] > small[name][1]]
    assert not problems, problems  # (page, bound, (status, queries) small, (status, queries) large)
