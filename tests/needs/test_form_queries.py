"""The campaign flow's pages read and write in a fixed number of queries (issue 20): the self form and its draft save
(with and without HTMX) and submit whatever the number of competencies in the standard, the supervisor's grid and
overview whatever the number of subordinates, the officer's progress page whatever the number of employees."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renbang.needs import selectors
from renbang.needs.models import Assessment, Source
from tests.factories import EmployeeFactory

from .factories import CompetencyFactory, PositionStandardFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def queries(client, method, url, data=None, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code in (200, 302), response.status_code
    return len(ctx.captured_queries)


def more_competencies(w, n: int) -> None:
    for i in range(n):
        comp = CompetencyFactory(code=f"T.{i}", name=f"Teknis {i}")
        PositionStandardFactory(position=w.positions.staff, competency=comp, required_level=2)
        PositionStandardFactory(position=w.positions.pengawas, competency=comp, required_level=3)


def levels(w, level: int) -> dict:
    from renbang.competencies.selectors import required_levels_for

    standard = required_levels_for([w.positions.staff.pk])[w.positions.staff.pk]
    return {f"c{pk}": str(level) for pk in standard}


def self_form_counts(w, client) -> dict[str, int]:
    url = reverse("needs:self_form", args=[w.campaign.pk])
    client.post(url, {**levels(w, 1), "save": "1"})  # the draft exists and every level has a row
    counts = {
        "form": queries(client, "get", url),
        "save": queries(client, "post", url, {**levels(w, 2), "save": "1"}),
        "save htmx": queries(client, "post", url, {**levels(w, 3), "save": "1"}, **HTMX),
        "submit": queries(client, "post", url, {**levels(w, 4), "submit": "1"}),
    }
    Assessment.objects.filter(employee=w.staff, source=Source.SELF).update(status="draft", submitted_at=None)
    counts["submit htmx"] = queries(client, "post", url, {**levels(w, 5), "submit": "1"}, **HTMX)
    assert Assessment.objects.get(employee=w.staff, source=Source.SELF).status == "submitted"
    Assessment.objects.filter(employee=w.staff, source=Source.SELF).update(status="draft", submitted_at=None)
    return counts


def test_the_self_form_its_saves_and_its_submit_cost_the_same_with_more_competencies(needs_world, login):
    w = needs_world
    client = login(w.users.employee)
    few = self_form_counts(w, client)
    more_competencies(w, 8)
    many = self_form_counts(w, client)
    assert many == few
    # small and bounded: the page's own reads are a handful beside the per-request ones (session, user, menu)
    assert few["form"] <= 15 and few["save"] <= 19 and few["save htmx"] <= 19, few
    assert few["submit"] <= 26 and few["submit htmx"] <= 28, few


def grid_counts(w, client, comp, level: int) -> dict[str, int]:
    grid = reverse("needs:supervisor_grid", args=[w.campaign.pk, comp.pk])
    rows = {f"e{e.pk}": str(level) for e in selectors.direct_subordinates(w.campaign, w.chief.pk)}
    client.post(grid, dict.fromkeys(rows, "1"))  # the drafts exist and each has a row for the competency
    return {
        "grid": queries(client, "get", grid),
        "grid save": queries(client, "post", grid, rows),
        "overview": queries(client, "get", reverse("needs:supervisor", args=[w.campaign.pk])),
        "overview submit": queries(client, "post", reverse("needs:supervisor", args=[w.campaign.pk]),
                                   {"employee": [k[1:] for k in rows]}),
    }


def test_the_supervisor_grid_and_overview_cost_the_same_with_more_subordinates(needs_world, login):
    w = needs_world
    client = login(w.users.supervisor)
    comp = w.comps[0]
    few = grid_counts(w, client, comp, 2)
    for i in range(7):
        EmployeeFactory(agency=w.agency, unit=w.section_a, position=w.positions.staff, supervisor=w.chief,
                        name=f"Staf Tambahan {i}")
    many = grid_counts(w, client, comp, 3)
    assert many == few
    assert few["grid"] <= 17 and few["grid save"] <= 19 and few["overview"] <= 16 and few["overview submit"] <= 15, few
    assert Assessment.objects.filter(source=Source.SUPERVISOR, assessor=w.chief).count() == 8


def test_the_officers_progress_page_costs_the_same_with_more_employees(needs_world, login):
    w = needs_world
    client = login(w.users.officer_a)
    url = reverse("needs:campaign", args=[w.campaign.pk])
    queries(client, "get", url)  # the first page of a visit fills the user's menu and bell (core.usercache)
    few = queries(client, "get", url)
    for i in range(12):
        person = EmployeeFactory(agency=w.agency, unit=w.section_a if i % 2 else w.field_a,
                                 position=w.positions.staff, supervisor=w.chief, name=f"Pegawai {i}")
        if i % 3 == 0:
            Assessment.objects.create(campaign=w.campaign, employee=person, assessor=person, source=Source.SELF,
                                      status=Assessment.Status.SUBMITTED)
    many = queries(client, "get", url)
    assert many == few and few <= 16, (few, many)
