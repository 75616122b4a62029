"""Object-level access in the later apps (issue 10, item 1): plans, delivery, evaluation and cycle.

The permission matrix checks every URL with the objects of the staff member of unit A. Here the objects belong
to Siti (`world.other`, Dinas Kesehatan = unit B), who is nobody's subordinate among the actors: her IDP and plan
participation, claim and its file, enrolment, attendance and certificate, feedback, follow-up, carried needs and
development history. Employee A (the staff member), the supervisor of unit A (not her supervisor), the mentor and
the OPD officer of unit A must get 403/404 on her detail pages and endpoints and must not find her rows in any
list; BKPSDM, the PPK and the OPD officer of unit B read them where their role reads such rows at all.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from renbang.accounts.models import Role

from ..factories import EmployeeFactory, UserFactory
from .rows_plans import _plan
from .test_object_level import SEE_UNIT_B, _certificate_of_other, statuses
from .test_permission_matrix import ACTORS

NAME = "Siti Nasution"


def _siti(w) -> SimpleNamespace:
    """Siti's records in every later app (made once per world)."""
    if hasattr(w, "siti"):
        return w.siti
    from renbang.cycle.models import CarriedNeed
    from renbang.delivery import services
    from renbang.evaluation.models import Feedback, FollowUp
    from renbang.plans.models import IndividualPlan, PlanAssignment

    from ..delivery.helpers import pdf_upload

    pw = _plan(w)
    idp, _ = IndividualPlan.objects.get_or_create(plan=pw.plan, employee=w.other)
    assignment = pw.plan.assignments.filter(employee=w.other).first()
    if assignment is None:
        item = pw.plan.items.filter(programme=pw.prog_a).first()
        assignment = PlanAssignment.objects.create(plan=pw.plan, item=item, employee=w.other, programme=pw.prog_a,
                                                   unit=w.unit_b, competency=pw.comp_a, gap=1, jp=24,
                                                   month=item.month)
    user = UserFactory(username="siti", agency=w.agency, role=Role.EMPLOYEE, employee=w.other)
    certificate = _certificate_of_other(w)
    enrolment = certificate.enrolment
    claim = services.claim_submit(user=user, upload=pdf_upload(), data={
        "title": "Seminar Gizi Masyarakat", "provider_name": "Kemenkes", "start_date": enrolment.session.start_date,
        "end_date": enrolment.session.start_date, "jp": 3})
    her_supervisor = EmployeeFactory(agency=w.agency, unit=w.unit_b, position=w.positions.pengawas,
                                     name="Kepala Seksi Gizi")
    follow_up = FollowUp.objects.create(enrolment=enrolment, supervisor=her_supervisor,
                                        due_on=timezone.localdate() + dt.timedelta(days=30))
    feedback = Feedback.objects.create(enrolment=enrolment, relevance=4, material=4, facilitator=5, organisation=4,
                                       benefit=5, comment="Bermanfaat")
    carried = CarriedNeed.objects.create(agency=w.agency, from_year=2025, year=2026, employee=w.other, unit=w.unit_b,
                                         competency=pw.comp_a, gap=1)
    w.siti = SimpleNamespace(idp=idp, assignment=assignment, item=assignment.item, user=user, enrolment=enrolment,
                             session=enrolment.session, certificate=certificate, claim=claim, follow_up=follow_up,
                             feedback=feedback, carried=carried)
    return w.siti


# (url name, kwargs, who reads it: SEE_UNIT_B, or fewer where the role reads no such row at all)
DETAILS = [
    ("plans:idp_detail", lambda s: {"pk": s.idp.pk}, SEE_UNIT_B),
    ("plans:idp_pdf", lambda s: {"pk": s.idp.pk}, SEE_UNIT_B),
    ("api:plans-idp-detail", lambda s: {"pk": s.idp.pk}, SEE_UNIT_B),
    # plan participation: the planners (BKPSDM, PPK, OPD officers) only, and the officer of unit A not hers
    ("api:plans-assignment-detail", lambda s: {"pk": s.assignment.pk}, SEE_UNIT_B),
    ("delivery:claim_file", lambda s: {"pk": s.claim.pk}, SEE_UNIT_B),
    ("api:deliveryclaim-detail", lambda s: {"pk": s.claim.pk}, SEE_UNIT_B),
    ("api:deliveryenrolment-detail", lambda s: {"pk": s.enrolment.pk}, SEE_UNIT_B),
    ("api:deliveryattendance-detail", lambda s: {"pk": s.enrolment.attendance.first().pk}, SEE_UNIT_B),
    ("api:deliverycertificate-detail", lambda s: {"pk": s.certificate.pk}, SEE_UNIT_B),
    ("cycle:employee_history", lambda s: {"pk": s.enrolment.employee_id}, SEE_UNIT_B),
    ("api:cycle-carriedneed-detail", lambda s: {"pk": s.carried.pk}, SEE_UNIT_B),
    # a follow-up is answered by the participant's own supervisor (BKPSDM oversees): not by any other supervisor
    ("evaluation:follow_up", lambda s: {"pk": s.follow_up.pk}, {"admin"}),
    ("api:evaluation-follow-up-detail", lambda s: {"pk": s.follow_up.pk}, {"admin"}),
    # feedback is anonymous: only its author reads it back, not even BKPSDM
    ("api:evaluation-feedback-detail", lambda s: {"pk": s.feedback.pk}, set()),
]


@pytest.mark.parametrize(("name", "kwargs", "readers"), DETAILS, ids=[d[0] for d in DETAILS])
def test_another_units_employee_records_in_the_later_apps_are_hidden(world, client, name, kwargs, readers):
    url = reverse(name, kwargs=kwargs(_siti(world)))
    results = statuses(world, client, url)
    assert {actor for actor, code in results.items() if code == 200} == readers, results
    assert {results[a] for a in set(ACTORS) - readers - {"anonymous"}} <= {403, 404}, results
    assert results["anonymous"] in (302, 401)


@pytest.mark.parametrize("name", ["plans:idp_detail", "api:plans-idp-detail", "api:deliveryclaim-detail",
                                  "api:evaluation-feedback-detail", "cycle:my_development", "api:cycle-my-development",
                                  "delivery:my_jp", "evaluation:my_evaluations"])
def test_she_reads_her_own_records(world, client, name):
    """The other side of the table above: the refusals are about who asks, not broken pages."""
    s = _siti(world)
    kwargs = {"plans:idp_detail": {"pk": s.idp.pk}, "api:plans-idp-detail": {"pk": s.idp.pk},
              "api:deliveryclaim-detail": {"pk": s.claim.pk},
              "api:evaluation-feedback-detail": {"pk": s.feedback.pk}}.get(name, {})
    client.force_login(s.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


def _text(response) -> str:
    """The page's text, or every cell of a downloaded workbook."""
    if "spreadsheet" not in response.get("Content-Type", ""):
        return response.content.decode()
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return " ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)


def _ids(response) -> set[int]:
    data = response.json()
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return {row["id"] for row in rows}


# (API list, the id of Siti's row in it, who finds it there)
LISTS = [
    ("api:plans-idp-list", lambda s: s.idp.pk, SEE_UNIT_B),
    ("api:plans-assignment-list", lambda s: s.assignment.pk, SEE_UNIT_B),
    ("api:deliveryclaim-list", lambda s: s.claim.pk, SEE_UNIT_B),
    ("api:deliveryenrolment-list", lambda s: s.enrolment.pk, SEE_UNIT_B),
    ("api:deliveryattendance-list", lambda s: s.enrolment.attendance.first().pk, SEE_UNIT_B),
    ("api:deliverycertificate-list", lambda s: s.certificate.pk, SEE_UNIT_B),
    ("api:cycle-carriedneed-list", lambda s: s.carried.pk, SEE_UNIT_B),
    ("api:evaluation-follow-up-list", lambda s: s.follow_up.pk, {"admin"}),
    ("api:evaluation-feedback-list", lambda s: s.feedback.pk, set()),
]


@pytest.mark.parametrize(("name", "pk", "finders"), LISTS, ids=[x[0] for x in LISTS])
def test_api_lists_do_not_carry_another_units_rows(world, client, name, pk, finders):
    s = _siti(world)
    found = set()
    for actor in set(ACTORS) - {"anonymous"}:
        client.force_login(getattr(world.users, actor), backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(reverse(name) + "?limit=1000&page_size=1000")
        if response.status_code == 200 and pk(s) in _ids(response):
            found.add(actor)
        else:
            assert response.status_code in (200, 403), (actor, response.status_code)
    assert found == finders


# Pages that list people: Siti's name shows for who sees unit B (those of them the page is for), never for an
# outsider.
PAGES = [
    ("plans:idp_list", lambda s: {}, SEE_UNIT_B),
    ("plans:item_detail", lambda s: {"pk": s.item.pk}, SEE_UNIT_B),  # the plan's participants
    ("delivery:session_detail", lambda s: {"pk": s.session.pk}, SEE_UNIT_B),  # the session's participants
    ("delivery:staff", lambda s: {}, SEE_UNIT_B),
    ("delivery:compliance", lambda s: {}, SEE_UNIT_B),
    ("delivery:claim_queue", lambda s: {}, {"admin"}),
    ("evaluation:follow_up_list", lambda s: {}, {"admin"}),
    ("cycle:dashboard", lambda s: {}, SEE_UNIT_B),
]


@pytest.mark.parametrize(("name", "kwargs", "readers"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_that_list_people_do_not_name_another_units_employee(world, client, name, kwargs, readers):
    url = reverse(name, kwargs=kwargs(_siti(world)))
    shown = set()
    for actor in set(ACTORS) - {"anonymous"}:
        client.force_login(getattr(world.users, actor), backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(url)
        if response.status_code == 200 and NAME in response.content.decode():
            shown.add(actor)
    assert shown == readers


@pytest.mark.parametrize("name", ["cycle:my_development", "cycle:my_history", "delivery:my_jp", "delivery:my_schedule",
                                  "evaluation:my_evaluations", "api:cycle-my-development"])
def test_ones_own_pages_show_nothing_of_another_employee(world, client, name):
    """"My development" pages take no employee from the request: employee A sees their own, never Siti's."""
    s = _siti(world)
    client.force_login(s.user, backend="django.contrib.auth.backends.ModelBackend")
    assert "Seminar Gizi Masyarakat" in client.get(reverse("delivery:my_jp")).content.decode()  # her claim shows
    for actor in ("employee", "supervisor", "mentor"):
        client.force_login(getattr(world.users, actor), backend="django.contrib.auth.backends.ModelBackend")
        for query in ("", f"?pegawai={world.other.pk}&employee={world.other.pk}&pk={world.other.pk}"):
            response = client.get(reverse(name) + query)
            text = _text(response)
            assert response.status_code in (200, 302) and NAME not in text and "Seminar Gizi" not in text, actor


def test_a_supervisor_does_not_read_a_colleague_in_the_same_unit_who_is_not_their_subordinate(world, client):
    """The chief (supervisor user) and a colleague under the same boss: the boss, the OPD officer of unit A,
    BKPSDM and the PPK read the colleague's IDP, claim and history; the chief and the staff member do not."""
    from renbang.delivery import services
    from renbang.plans.models import IndividualPlan

    from ..delivery.helpers import pdf_upload

    pw = _plan(world)
    colleague = EmployeeFactory(agency=world.agency, unit=world.field_a, position=world.positions.staff,
                                supervisor=world.boss, name="Dedi Ginting")
    user = UserFactory(username="dedi", agency=world.agency, role=Role.EMPLOYEE, employee=colleague)
    idp = IndividualPlan.objects.create(plan=pw.plan, employee=colleague)
    claim = services.claim_submit(user=user, upload=pdf_upload(), data={
        "title": "Kursus Daring", "provider_name": "LAN", "start_date": dt.date(2026, 2, 2),
        "end_date": dt.date(2026, 2, 2), "jp": 2})
    readers = {"admin", "officer_a", "mentor", "head"}
    for name, kwargs in (("plans:idp_detail", {"pk": idp.pk}), ("api:plans-idp-detail", {"pk": idp.pk}),
                         ("api:deliveryclaim-detail", {"pk": claim.pk}), ("delivery:claim_file", {"pk": claim.pk}),
                         ("cycle:employee_history", {"pk": colleague.pk})):
        results = statuses(world, client, reverse(name, kwargs=kwargs))
        assert {actor for actor, code in results.items() if code == 200} == readers, (name, results)
        assert results["supervisor"] == 404 and results["employee"] == 404, (name, results)
