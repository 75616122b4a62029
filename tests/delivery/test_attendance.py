"""Attendance grid, self check-in, the completion rule, certificates and the public verification page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renbang.delivery import services
from renbang.delivery.models import Attendance, Certificate, Enrolment

from .helpers import delivery_world, make_session, past_weekdays


@pytest.fixture
def five_day(world):
    session = make_session(world, days=past_weekdays(5), facilitator=world.users.facilitator, jp=40)
    services.enrolments_invite(session=session, employees=[world.staff, world.other], user=world.users.admin)
    return session


def _grid(session, employee, present_days):
    enrolment = session.enrolments.get(employee=employee)
    days = list(session.days.order_by("date"))
    return {(enrolment.pk, d.pk): ("present" if i < present_days else "absent") for i, d in enumerate(days)}


def test_it_completes_at_80_percent_and_not_below(world, five_day):
    marks = _grid(five_day, world.staff, 4) | _grid(five_day, world.other, 3)
    assert services.attendance_record(session=five_day, user=world.users.facilitator, marks=marks) == 10
    result = services.session_complete(session=five_day, user=world.users.facilitator)
    assert result == {"completed": 1, "not_completed": 1}
    staff = five_day.enrolments.get(employee=world.staff)
    other = five_day.enrolments.get(employee=world.other)
    assert (staff.completed, staff.jp, staff.attendance_percent) == (True, 40, 80)
    assert (other.completed, other.jp, other.attendance_percent) == (False, 0, 60)
    assert Certificate.objects.filter(enrolment=staff, revoked=False).exists()
    assert not Certificate.objects.filter(enrolment=other).exists()


def test_the_completion_rule_is_an_agency_setting(world, five_day):
    services.settings_update(agency=world.agency, data={"completion_percent": 60})
    services.attendance_record(session=five_day, user=world.users.admin, marks=_grid(five_day, world.other, 3))
    services.session_complete(session=five_day, user=world.users.admin)
    assert five_day.enrolments.get(employee=world.other).completed


def test_reclosing_after_a_correction_revokes_the_certificate(world, five_day):
    services.attendance_record(session=five_day, user=world.users.facilitator, marks=_grid(five_day, world.staff, 5))
    services.session_complete(session=five_day, user=world.users.facilitator)
    cert = Certificate.objects.get(enrolment__employee=world.staff)
    services.attendance_record(session=five_day, user=world.users.facilitator, marks=_grid(five_day, world.staff, 2))
    services.session_complete(session=five_day, user=world.users.facilitator)
    cert.refresh_from_db()
    assert cert.revoked and not five_day.enrolments.get(employee=world.staff).completed


def test_only_the_sessions_facilitator_or_bkpsdm_records_attendance(world, five_day):
    marks = _grid(five_day, world.staff, 5)
    for user in (world.users.officer_a, world.users.supervisor, world.users.employee, world.users.head):
        with pytest.raises(PermissionDenied):
            services.attendance_record(session=five_day, user=user, marks=marks)
        with pytest.raises(PermissionDenied):
            services.session_complete(session=five_day, user=user)


def test_it_refuses_cells_outside_the_roster(world, five_day):
    other_session = make_session(world, days=past_weekdays(1, back=60), facilitator=world.users.facilitator)
    services.enrolments_invite(session=other_session, employees=[world.chief], user=world.users.admin)
    foreign = other_session.enrolments.get()
    with pytest.raises(ValidationError):
        services.attendance_record(session=five_day, user=world.users.facilitator,
                                   marks={(foreign.pk, five_day.days.first().pk): "present"})
    with pytest.raises(ValidationError):
        services.attendance_record(session=five_day, user=world.users.facilitator,
                                   marks={(five_day.enrolments.first().pk, five_day.days.first().pk): "bogus"})


def test_the_grid_page_saves_and_closes(world, five_day, login):
    client = login(world.users.facilitator)
    response = client.get(f"/pelaksanaan/sesi/{five_day.pk}/presensi/")
    assert response.status_code == 200 and "semua hadir" in response.content.decode()
    data = {f"a-{e}-{d}": s for (e, d), s in _grid(five_day, world.staff, 5).items()}
    data["close"] = "1"
    response = client.post(f"/pelaksanaan/sesi/{five_day.pk}/presensi/", data)
    assert response.status_code == 302
    assert five_day.enrolments.get(employee=world.staff).completed
    bad = {f"a-{e}-{d}": "zzz" for (e, d) in _grid(five_day, world.other, 5)}
    response = client.post(f"/pelaksanaan/sesi/{five_day.pk}/presensi/", bad)
    assert response.status_code == 200 and "tidak dikenal" in response.content.decode()
    assert login(world.users.supervisor).get(f"/pelaksanaan/sesi/{five_day.pk}/presensi/").status_code == 403


def test_self_checkin_needs_the_sessions_code_on_a_session_day(world, login):
    today = timezone.localdate()
    session = make_session(world, days=[today], facilitator=world.users.facilitator)
    services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)
    with pytest.raises(ValidationError):
        services.self_checkin(user=world.users.employee, code="ZZZZZZ")
    with pytest.raises(ValidationError):  # another employee, not enrolled
        services.self_checkin(user=world.users.supervisor, code=session.checkin_code)
    row = services.self_checkin(user=world.users.employee, code=session.checkin_code.lower())
    assert row.status == Attendance.Status.PRESENT and row.method == Attendance.Method.SELF
    services.settings_update(agency=world.agency, data={"self_checkin": False})
    with pytest.raises(ValidationError):
        services.self_checkin(user=world.users.employee, code=session.checkin_code)
    response = login(world.users.employee).post("/pelaksanaan/presensi/", {"code": "SALAH1"})
    assert response.status_code == 200 and "SALAH1" in response.content.decode()


def test_the_certificate_pdf_and_the_public_verification(world, login, client):
    d = delivery_world(world)
    response = login(world.users.employee).get(f"/pelaksanaan/sertifikat/{d.certificate.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.logout()
    page = client.get(f"/pelaksanaan/verifikasi/{d.certificate.code}/")
    text = page.content.decode()
    assert page.status_code == 200 and world.staff.name in text and d.programme.title in text
    assert world.staff.nip not in text  # only name, programme, date and JP
    assert client.get("/pelaksanaan/verifikasi/ABCDEFGHJKMN/").status_code == 404
    assert client.get("/pelaksanaan/verifikasi/%3Cscript%3E/").status_code == 404
    Certificate.objects.filter(pk=d.certificate.pk).update(revoked=True)
    assert client.get(f"/pelaksanaan/verifikasi/{d.certificate.code}/").status_code == 404


def test_the_verification_page_slows_down_guessing(world, client, settings):
    from renbang.delivery.views import public

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "verify-test"}}
    for _ in range(public.VERIFY_MISSES_PER_HOUR):
        assert client.get("/pelaksanaan/verifikasi/ABCDEFGHJKMN/").status_code == 404
    assert client.get("/pelaksanaan/verifikasi/ABCDEFGHJKMN/").status_code == 429


def test_certificate_codes_are_random_and_unique(world):
    d = delivery_world(world)
    codes = {Certificate(enrolment=d.enrolment).code for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == 12 for c in codes)


def test_a_cancelled_session_notifies_and_refuses_attendance(world, five_day):
    with pytest.raises(ValidationError):
        services.session_cancel(session=five_day, user=world.users.admin, reason="")
    services.session_cancel(session=five_day, user=world.users.admin, reason="Gedung direnovasi")
    with pytest.raises(ValidationError):
        services.attendance_record(session=five_day, user=world.users.facilitator,
                                   marks=_grid(five_day, world.staff, 1))
    assert five_day.enrolments.filter(status=Enrolment.Status.INVITED).count() == 2
