"""Object-level access (issue 10, item 1): one employee's records seen by other employees and other units.

The permission matrix (test_permission_matrix.py) checks every URL with objects of the staff member of unit A,
whose owner is one of the actors. Here the objects belong to Siti (`world.other`, Dinas Kesehatan = unit B),
who is no actor's subordinate, mentee or participant: employee A (the staff member) reading employee B's
assessment, need, competency profile or certificate must be hidden (404) or refused (403), as must the OPD
officer of unit A, while BKPSDM, the PPK and the OPD officer of unit B read them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .test_permission_matrix import ACTORS, _needs

SEE_UNIT_B = {"admin", "officer_b", "head"}


def _needs_of_other(w):
    from renbang.needs.models import Assessment, Need

    needs = _needs(w)
    assessment = Assessment.objects.create(campaign=needs.campaign, employee=w.other, assessor=w.other,
                                           source="self", status="submitted")
    need = Need.objects.create(campaign=needs.campaign, employee=w.other, unit=w.unit_b, competency=needs.comp,
                               required=2, gap=1)
    return assessment, need


def _certificate_of_other(w):
    from renbang.delivery import services
    from renbang.delivery.models import Attendance

    from ..delivery.helpers import make_programme, make_session, past_weekdays

    session = make_session(w, make_programme(w), days=past_weekdays(1))
    services.enrolments_invite(session=session, employees=[w.other], user=w.users.admin)
    enrolment = session.enrolments.get(employee=w.other)
    Attendance.objects.bulk_create([Attendance(enrolment=enrolment, day=d, status="present")
                                    for d in session.days.all()])
    services.session_complete(session=session, user=w.users.admin)
    enrolment.refresh_from_db()
    return enrolment.certificate


CASES = [
    ("people:detail", lambda w: {"pk": w.other.pk}),
    ("api:employee-detail", lambda w: {"pk": w.other.pk}),
    ("needs:profile", lambda w: {"pk": w.other.pk}),
    ("api:needs-assessment-detail", lambda w: {"pk": _needs_of_other(w)[0].pk}),
    ("api:needs-need-detail", lambda w: {"pk": _needs_of_other(w)[1].pk}),
    ("delivery:certificate_pdf", lambda w: {"pk": _certificate_of_other(w).pk}),
]


def statuses(world, client, url) -> dict[str, int]:
    """The status code each actor of the permission matrix gets for one GET."""
    results = {}
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(getattr(world.users, actor), backend="django.contrib.auth.backends.ModelBackend")
        results[actor] = client.get(url).status_code
    return results


@pytest.mark.parametrize(("name", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_another_units_employee_records_are_hidden_from_everyone_outside_it(world, client, name, kwargs):
    results = statuses(world, client, reverse(name, kwargs=kwargs(world)))
    allowed = {actor for actor, code in results.items() if code == 200}
    assert allowed == SEE_UNIT_B, results  # nobody outside unit B (nor an unrelated employee) reads B's records
    assert {results[a] for a in set(ACTORS) - SEE_UNIT_B - {"anonymous"}} <= {403, 404}, results
    assert results["anonymous"] in (302, 401)
