"""Invitations, confirm/decline, waitlist, replacement, release by the supervisor."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from renbang.core.models import Notice
from renbang.delivery import services
from renbang.delivery.models import Enrolment

from .helpers import future_weekdays, make_session


@pytest.fixture
def session(world):
    return make_session(world, days=future_weekdays(2), capacity=2, facilitator=world.users.facilitator)


def test_it_invites_within_capacity_and_waitlists_the_rest(world, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.enrolments_invite(session=session, employees=[world.staff, world.other, world.chief],
                                            user=world.users.admin)
    assert result == {"invited": 2, "waitlisted": 1, "skipped": 0}
    waiting = session.enrolments.get(employee=world.chief)
    assert waiting.status == Enrolment.Status.WAITLISTED and waiting.waitlist_rank == 1
    assert Notice.objects.filter(user=world.users.employee, kind="delivery.invitation").count() == 1
    assert any("Undangan" in m.subject for m in mail.outbox) or not world.users.employee.email


def test_it_skips_employees_already_enrolled(world, session):
    services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)
    result = services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)
    assert result["skipped"] == 1 and session.enrolments.count() == 1


def test_it_sends_the_invitation_by_email(world, session, django_capture_on_commit_callbacks):
    world.users.employee.email = "ahmad@example.test"
    world.users.employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)
    assert [m.to for m in mail.outbox] == [["ahmad@example.test"]]


def test_it_confirms_and_declines_only_with_a_reason(world, session):
    services.enrolments_invite(session=session, employees=[world.staff, world.other, world.chief],
                               user=world.users.admin)
    mine = session.enrolments.get(employee=world.staff)
    with pytest.raises(ValidationError):
        services.enrolment_respond(enrolment=mine, user=world.users.employee, accept=False, reason="  ")
    services.enrolment_respond(enrolment=mine, user=world.users.employee, accept=False, reason="Dinas luar kota")
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.DECLINED and mine.reason == "Dinas luar kota"
    promoted = session.enrolments.get(employee=world.chief)
    assert promoted.status == Enrolment.Status.INVITED and promoted.replaces_id == mine.pk


def test_it_refuses_an_answer_from_someone_else(world, session):
    services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)
    mine = session.enrolments.get(employee=world.staff)
    with pytest.raises(PermissionDenied):
        services.enrolment_respond(enrolment=mine, user=world.users.supervisor, accept=True)


def test_it_lets_the_supervisor_and_opd_officer_release_but_not_others(world, session):
    services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)
    mine = session.enrolments.get(employee=world.staff)
    for user in (world.users.officer_b, world.users.employee, world.users.facilitator, world.users.head):
        with pytest.raises(PermissionDenied):
            services.enrolment_release(enrolment=mine, user=user, reason="kebutuhan dinas")
    assert services.can_release(world.users.officer_a, world.staff)
    assert services.can_release(world.users.mentor, world.staff)  # indirect supervisor
    with pytest.raises(ValidationError):
        services.enrolment_release(enrolment=mine, user=world.users.supervisor, reason="")
    services.enrolment_release(enrolment=mine, user=world.users.supervisor, reason="Kebutuhan dinas mendesak")
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.RELEASED and mine.decided_by == world.users.supervisor
    assert Notice.objects.filter(user=world.users.employee, kind="delivery.released").exists()


def test_it_replaces_a_released_participant_with_another_candidate(world, session):
    services.enrolments_invite(session=session, employees=[world.staff, world.other], user=world.users.admin)
    mine = session.enrolments.get(employee=world.staff)
    services.enrolment_release(enrolment=mine, user=world.users.supervisor, reason="Tugas lain")
    with pytest.raises(PermissionDenied):
        services.enrolment_replace(enrolment=mine, candidate=world.chief, user=world.users.supervisor)
    new = services.enrolment_replace(enrolment=mine, candidate=world.chief, user=world.users.admin)
    assert new.status == Enrolment.Status.INVITED and new.replaces == mine
    assert new.source == Enrolment.Source.REPLACEMENT
    with pytest.raises(ValidationError):  # full again
        services.enrolment_replace(enrolment=mine, candidate=world.boss, user=world.users.admin)


def test_the_pages_accept_decline_and_release(world, session, login):
    services.enrolments_invite(session=session, employees=[world.staff, world.other], user=world.users.admin)
    mine = session.enrolments.get(employee=world.staff)
    client = login(world.users.employee)
    response = client.post(f"/pelaksanaan/peserta/{mine.pk}/tolak/", {"reason": ""})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.INVITED  # refused: no reason
    client.post(f"/pelaksanaan/peserta/{mine.pk}/terima/")
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.CONFIRMED
    other = session.enrolments.get(employee=world.other)
    assert login(world.users.employee).post(f"/pelaksanaan/peserta/{other.pk}/terima/").status_code == 404
    assert login(world.users.officer_b).post(f"/pelaksanaan/peserta/{mine.pk}/bebaskan/",
                                             {"reason": "x"}).status_code == 404
    login(world.users.supervisor).post(f"/pelaksanaan/peserta/{mine.pk}/bebaskan/", {"reason": "Rapat kerja"})
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.RELEASED


def test_the_invite_page_is_for_bkpsdm_only_and_reports_unknown_nips(world, session, login):
    url = f"/pelaksanaan/sesi/{session.pk}/undang/"
    assert login(world.users.officer_a).post(url, {"nips": world.staff.nip}).status_code == 403
    response = login(world.users.admin).post(url, {"nips": f"{world.staff.nip} 999"}, follow=True)
    assert "NIP tidak ditemukan: 999" in response.content.decode()
    assert session.enrolments.count() == 0
    login(world.users.admin).post(url, {"unit": world.unit_a.pk})
    assert set(session.enrolments.values_list("employee_id", flat=True)) == {world.boss.pk, world.chief.pk,
                                                                           world.staff.pk}
