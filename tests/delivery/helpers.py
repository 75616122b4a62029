"""Delivery data on top of the `world` fixture, shared by the delivery tests and the permission matrix.

`delivery_world(w)` (made once per world): a programme; a past session facilitated by the facilitator user that
the staff member (employee user) completed, with a certificate; an upcoming session with the staff member
invited and Siti (Dinas Kesehatan) confirmed; a pending external claim of the staff member.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name="sertifikat.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def past_weekdays(n: int, *, back: int = 30) -> list[dt.date]:
    """n consecutive working days ending at least `back` days ago (inside the current year when possible)."""
    day = timezone.localdate() - dt.timedelta(days=back)
    days = []
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day -= dt.timedelta(days=1)
    return sorted(days)


def future_weekdays(n: int, *, ahead: int = 10) -> list[dt.date]:
    day = timezone.localdate() + dt.timedelta(days=ahead)
    days = []
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def make_programme(w, code="PRG-1", jp=8, title="Pelatihan Rutin Pelayanan Publik"):
    from renbang.catalog.models import Method, Programme, Provider

    provider, _ = Provider.objects.get_or_create(agency=w.agency, name="BKPSDM Kota Medan",
                                                 defaults={"kind": "internal"})
    programme, _ = Programme.objects.get_or_create(
        agency=w.agency, code=code, defaults={"title": title, "method": Method.objects.get(agency=None, code="KL-TEK"),
                                              "provider": provider, "jp": jp})
    return programme


def make_session(w, programme=None, *, days=None, facilitator=None, capacity=30, jp=None, **extra):
    from renbang.delivery import services

    programme = programme or make_programme(w)
    days = days or past_weekdays(1)
    data = {"programme": programme, "start_date": days[0], "end_date": days[-1], "capacity": capacity,
            "jp": jp if jp is not None else programme.jp, "facilitator": facilitator, "venue": "Aula BKPSDM"}
    data.update(extra)
    return services.session_save(agency=w.agency, data=data, days=days)


def delivery_world(w):
    if hasattr(w, "delivery"):
        return w.delivery
    from renbang.delivery import services
    from renbang.delivery.models import Attendance

    programme = make_programme(w)
    past = make_session(w, programme, days=past_weekdays(2), facilitator=w.users.facilitator)
    services.enrolments_invite(session=past, employees=[w.staff], user=w.users.admin)
    enrolment = past.enrolments.get(employee=w.staff)
    Attendance.objects.bulk_create([Attendance(enrolment=enrolment, day=d, status="present") for d in past.days.all()])
    services.session_complete(session=past, user=w.users.admin)
    enrolment.refresh_from_db()
    upcoming = make_session(w, programme, days=future_weekdays(1), facilitator=w.users.facilitator)
    services.enrolments_invite(session=upcoming, employees=[w.staff, w.other], user=w.users.admin)
    other = upcoming.enrolments.get(employee=w.other)
    other.status = "confirmed"
    other.save()
    claim = services.claim_submit(user=w.users.employee, upload=pdf_upload(), data={
        "title": "Webinar Literasi Digital", "provider_name": "Kominfo", "start_date": past.start_date,
        "end_date": past.start_date, "jp": 2})
    w.delivery = SimpleNamespace(programme=programme, past=past, upcoming=upcoming, enrolment=enrolment,
                                 certificate=enrolment.certificate, claim=claim,
                                 invitation=upcoming.enrolments.get(employee=w.staff))
    return w.delivery
