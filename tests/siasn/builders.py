"""A year of completed development for the world's employees, and SIASN knowing them (fake + links)."""

import datetime as dt
from decimal import Decimal

from renbang.delivery import services
from renbang.delivery.models import Attendance
from renbang.siasn import sample
from renbang.siasn.models import EmployeeLink
from tests.delivery.helpers import make_programme, make_session, past_weekdays, pdf_upload


def _complete(world, session, employees):
    services.enrolments_invite(session=session, employees=employees, user=world.users.admin)
    Attendance.objects.bulk_create([Attendance(enrolment=e, day=d, status="present")
                                    for e in session.enrolments.all() for d in session.days.all()])
    services.session_complete(session=session, user=world.users.admin)


def known_to_siasn(fake, world):
    for e in (world.boss, world.chief, world.staff, world.other):
        fake.add_pns(sample.data_utama_of(e))
        EmployeeLink.objects.get_or_create(employee=e, defaults={"pns_id": sample.pns_id(e.nip),
                                                                 "instansi_id": "a" * 32})


def completed_year(world):
    """Two employees in a technical session (kursus), one in a structural one (diklat), a verified PDF claim,
    a mentoring pair with logged JP. Returns the year."""
    from renbang.catalog.models import Method
    from renbang.mentoring.models import Log, MentoringProgramme, Pair

    day = past_weekdays(1)[0]
    _complete(world, make_session(world, days=[day], jp=8), [world.staff, world.chief])
    structural = make_programme(world, code="PKP-1", jp=40, title="Pelatihan Kepemimpinan Pengawas")
    structural.method = Method.objects.get(agency=None, code="KL-STR")
    structural.save()
    _complete(world, make_session(world, structural, days=past_weekdays(2, back=60), jp=40), [world.chief])
    claim = services.claim_submit(user=world.users.employee, upload=pdf_upload(), data={
        "title": "Seminar Nasional Kearsipan", "provider_name": "ANRI", "start_date": day, "end_date": day,
        "jp": Decimal("6")})
    services.claim_decide(claim=claim, user=world.users.admin, approve=True)
    programme = MentoringProgramme.objects.create(
        agency=world.agency, title="Mentoring Analis Kebijakan", method=Method.objects.get(agency=None, code="NK-MEN"),
        start_date=dt.date(day.year, 1, 1), end_date=dt.date(day.year, 12, 31))
    pair = Pair.objects.create(programme=programme, mentor=world.boss, mentee=world.other)
    Log.objects.create(pair=pair, date=day, topic="Bimbingan", duration_minutes=90, jp=Decimal("2"))
    Log.objects.create(pair=pair, date=day - dt.timedelta(days=7), topic="Bimbingan", duration_minutes=90,
                       jp=Decimal("2"))
    return day.year
