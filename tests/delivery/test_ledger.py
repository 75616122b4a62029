"""The JP ledger: sums from sessions, verified claims and mentoring; 20 JP compliance; PPPK over 24 JP; at risk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renbang.delivery import ledger, services
from renbang.delivery.models import Attendance, ExternalClaim
from renbang.people.models import Employee

from .helpers import future_weekdays, make_programme, make_session, past_weekdays, pdf_upload


def _complete(world, session, employees, present=True):
    services.enrolments_invite(session=session, employees=employees, user=world.users.admin)
    rows = [Attendance(enrolment=e, day=d, status="present" if present else "absent")
            for e in session.enrolments.all() for d in session.days.all()]
    Attendance.objects.bulk_create(rows)
    services.session_complete(session=session, user=world.users.admin)


def _mentoring_log(world, mentee, jp, date):
    from renbang.catalog.models import Method
    from renbang.mentoring.models import Log, MentoringProgramme, Pair

    programme = MentoringProgramme.objects.create(
        agency=world.agency, title=f"Mentoring {jp}", method=Method.objects.get(agency=None, code="NK-MEN"),
        start_date=dt.date(date.year, 1, 1), end_date=dt.date(date.year, 12, 31))
    pair = Pair.objects.create(programme=programme, mentor=world.boss, mentee=mentee)
    Log.objects.create(pair=pair, date=date, topic="Bimbingan", duration_minutes=90, jp=jp)


def test_it_sums_sessions_verified_claims_and_mentoring(world):
    day = past_weekdays(1)[0]
    year = day.year
    _complete(world, make_session(world, days=[day], jp=8), [world.staff])
    _complete(world, make_session(world, days=past_weekdays(1, back=40), jp=5), [world.staff], present=False)
    claim = services.claim_submit(user=world.users.employee, upload=pdf_upload(), data={
        "title": "Seminar", "provider_name": "LAN", "start_date": day, "end_date": day, "jp": Decimal("6")})
    pending = services.claim_submit(user=world.users.employee, upload=pdf_upload(), data={
        "title": "Kursus", "provider_name": "LAN", "start_date": day, "end_date": day, "jp": Decimal("9")})
    services.claim_decide(claim=claim, user=world.users.admin, approve=True)
    _mentoring_log(world, world.staff, Decimal("2.5"), day)
    row = ledger.employee_jp(world.staff, year)
    assert (row["sessions"], row["claims"], row["mentoring"], row["total"]) == (8, 6, 2.5, 16.5)
    assert pending.status == ExternalClaim.Status.PENDING
    assert not row["compliant"] and row["shortfall"] == 3.5
    assert ledger.employee_jp(world.staff, year + 1)["total"] == 0


def test_it_gives_the_same_figures_when_summing_only_the_given_employees(world):
    day = past_weekdays(1)[0]
    _complete(world, make_session(world, days=[day], jp=8), [world.staff, world.chief, world.other])
    upcoming = make_session(world, days=future_weekdays(1), jp=4)
    services.enrolments_invite(session=upcoming, employees=[world.staff, world.other], user=world.users.admin)
    _mentoring_log(world, world.staff, Decimal("2.5"), day)
    _mentoring_log(world, world.other, Decimal("1.5"), day)
    chosen = [world.staff.pk, world.chief.pk]
    whole = ledger.jp_ledger(world.agency, day.year, Employee.objects.filter(pk__in=chosen))
    narrowed = ledger.jp_ledger(world.agency, day.year, Employee.objects.filter(pk__in=chosen), only=chosen)
    for pk in chosen:
        assert narrowed.row(pk) == whole.row(pk)
    assert narrowed.row(world.staff.pk)["total"] == 10.5 and narrowed.row(world.staff.pk)["upcoming"] == 4


def test_compliance_flags_pppk_over_the_cap_and_at_risk(world):
    day = past_weekdays(1)[0]
    world.other.status = "pppk"
    world.other.save()
    session = make_session(world, days=[day], jp=25)
    _complete(world, session, [world.staff, world.other])
    led = ledger.jp_ledger(world.agency, day.year)
    i_staff, i_other, i_chief = (led.index_of(e.pk) for e in (world.staff, world.other, world.chief))
    assert led.compliant[i_staff] and not led.at_risk[i_staff]
    assert led.pppk_over[i_other] and not led.subject[i_other]  # PP 49/2018: flagged, not part of the target
    assert led.at_risk[i_chief] and not led.compliant[i_chief]
    units = {u["name"]: u for u in ledger.compliance_by_opd(led, world.agency.pk)}
    assert units["Dinas Pendidikan dan Kebudayaan"]["subject"] == 3
    assert units["Dinas Pendidikan dan Kebudayaan"]["compliant"] == 1
    assert units["Dinas Kesehatan"]["pppk_over"] == 1


def test_upcoming_sessions_take_an_employee_off_the_at_risk_list(world):
    days = future_weekdays(1)
    if days[0].year != dt.date.today().year:  # December: nothing can be scheduled this year any more
        days = [dt.date.today()]
    upcoming = make_session(world, days=days, jp=20)
    services.enrolments_invite(session=upcoming, employees=[world.chief], user=world.users.admin)
    led = ledger.jp_ledger(world.agency, days[0].year, today=dt.date.today())
    assert not led.at_risk[led.index_of(world.chief.pk)]
    assert led.at_risk[led.index_of(world.boss.pk)]


def test_the_agency_may_include_pppk_in_the_target(world):
    world.other.status = "pppk"
    world.other.save()
    led = ledger.jp_ledger(world.agency, 2026)
    assert not led.subject[led.index_of(world.other.pk)]
    services.settings_update(agency=world.agency, data={"include_pppk_in_target": True})
    led = ledger.jp_ledger(world.agency, 2026)
    assert led.subject[led.index_of(world.other.pk)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 40), st.lists(st.booleans(), min_size=3, max_size=3),
                          st.integers(1, 3)), min_size=1, max_size=5))
def test_the_ledger_never_counts_a_session_twice(world, plan):
    """Whatever the sessions, attendance, re-invitations and re-closings: each employee's session JP equals the
    sum of the JP of the distinct sessions they completed."""
    employees = [world.staff, world.other, world.chief]
    with transaction.atomic():
        expected: dict[tuple[int, int], int] = {}  # (year, employee) -> JP
        programme = make_programme(world, code="HYP")
        for n, (jp, attended, closings) in enumerate(plan):
            day = past_weekdays(1, back=20 + n)[0]
            session = make_session(world, programme, days=[day], jp=jp)
            for _ in range(2):  # inviting twice must not enrol twice
                services.enrolments_invite(session=session, employees=employees, user=world.users.admin)
            Attendance.objects.bulk_create([
                Attendance(enrolment=e, day=session.days.get(), status="present" if attended[i] else "absent")
                for i, e in enumerate(session.enrolments.order_by("pk"))])
            for _ in range(closings):  # closing again must not count again
                services.session_complete(session=session, user=world.users.admin)
            for i, e in enumerate(session.enrolments.order_by("pk")):
                if attended[i]:
                    expected[(day.year, e.employee_id)] = expected.get((day.year, e.employee_id), 0) + jp
        for year in {y for y, _e in expected} | {past_weekdays(1, back=20)[0].year}:
            led = ledger.jp_ledger(world.agency, year, Employee.objects.filter(pk__in=[e.pk for e in employees]))
            for e in employees:
                assert led.sessions[led.index_of(e.pk)] == expected.get((year, e.pk), 0)
        transaction.set_rollback(True)


def test_a_units_typical_jp_is_the_median_not_a_mean_lifted_by_one_leadership_course(world, login):
    """Three PNS of Dinas Pendidikan: staff took a 390 JP leadership course (PKA), the chief 10 JP, the boss none.
    Their mean (133.3 JP) says nothing about the 20 JP right; the median (10 JP) and 1 of 3 compliant do."""
    day = past_weekdays(1)[0]
    _complete(world, make_session(world, days=[day], jp=390), [world.staff])
    _complete(world, make_session(world, days=[day], jp=10), [world.chief])
    led = ledger.jp_ledger(world.agency, day.year)
    unit = {u["name"]: u for u in ledger.compliance_by_opd(led, world.agency.pk)}["Dinas Pendidikan dan Kebudayaan"]
    assert (unit["subject"], unit["compliant"], unit["median_jp"]) == (3, 1, 10.0)
    response = login(world.users.admin).get(f"/pelaksanaan/kepatuhan-jp/?tahun={day.year}")
    assert response.context["summary"]["median"] == 5.0  # 390, 10, 0 and 0 (Siti, Dinas Kesehatan)
    text = response.content.decode()
    assert "Rata-rata JP" not in text and 'id="median-note"' in text
