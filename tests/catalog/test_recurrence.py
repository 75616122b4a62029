import datetime as dt

import holidays
import pytest

from renbang.catalog.models import PlannedSession, RecurrenceRule
from renbang.catalog.recurrence import latest_start, occurrences, pattern_date
from renbang.catalog.services import planned_sessions_generate, recurrence_rule_save

from .factories import ProgrammeFactory


def test_it_knows_the_2026_indonesian_holidays_it_avoids():
    off = holidays.Indonesia(years=2026)
    assert dt.date(2026, 2, 17) in off  # Tahun Baru Imlek, a Tuesday
    assert dt.date(2026, 8, 17) in off  # Hari Kemerdekaan, a Monday


def test_it_finds_the_second_tuesday_of_each_month():
    dates = [o.date for o in occurrences(2026, mode="nth_weekday", weekday=1, nth=2, off={})]
    assert len(dates) == 12
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)


def test_it_moves_a_session_off_a_public_holiday_to_the_next_working_day():
    third_tuesday = {o.month: o for o in occurrences(2026, mode="nth_weekday", weekday=1, nth=3)}
    feb = third_tuesday[2]
    assert feb.shifted_from == dt.date(2026, 2, 17) and feb.date == dt.date(2026, 2, 18)
    assert "Imlek" in feb.reason
    third_monday = {o.month: o for o in occurrences(2026, mode="nth_weekday", weekday=0, nth=3)}
    assert third_monday[8].date == dt.date(2026, 8, 18)


def test_it_skips_weekends_and_chains_of_holidays():
    # 21 March 2026 (Idul Fitri) is a Saturday, 22 a Sunday; the day of month 21 moves to Monday the 23rd.
    occ = occurrences(2026, mode="day_of_month", day_of_month=21, months=[3])[0]
    assert occ.date == dt.date(2026, 3, 23)


def test_it_clips_the_day_of_month_and_finds_the_last_weekday():
    assert pattern_date(2026, 2, mode="day_of_month", day_of_month=31) == dt.date(2026, 2, 28)
    assert pattern_date(2026, 7, mode="nth_weekday", weekday=4, nth=-1) == dt.date(2026, 7, 31)


def test_it_stores_planned_sessions_once_per_month_and_regenerates_in_place(world):
    programme = ProgrammeFactory(agency=world.agency, capacity_per_session=40)
    rule = recurrence_rule_save(programme=programme, data={"mode": "nth_weekday", "weekday": 1, "nth": 3})
    first = planned_sessions_generate(rule=rule, year=2026)
    assert len(first) == 12 and all(s.capacity == 40 for s in first)
    feb = PlannedSession.objects.get(rule=rule, month=2)
    assert feb.date == dt.date(2026, 2, 18) and feb.shifted_from == dt.date(2026, 2, 17) and "Imlek" in feb.note
    rule.months = [1, 2, 3]
    rule.save()
    again = planned_sessions_generate(rule=rule, year=2026)
    assert len(again) == 3 and PlannedSession.objects.filter(rule=rule).count() == 3
    assert PlannedSession.objects.get(rule=rule, month=2).pk == feb.pk


def test_it_refuses_an_incomplete_pattern(world):
    from django.core.exceptions import ValidationError

    programme = ProgrammeFactory(agency=world.agency)
    with pytest.raises(ValidationError):
        recurrence_rule_save(programme=programme, data={"mode": RecurrenceRule.Mode.NTH_WEEKDAY, "weekday": 1})
    with pytest.raises(ValidationError):
        recurrence_rule_save(programme=programme, data={"mode": "day_of_month", "day_of_month": 10,
                                                        "months": [13]})


def test_a_december_session_of_several_days_starts_early_enough_to_end_within_the_year():
    """Last Friday of December 2026 is Christmas (25th); shifted to Monday 28 a 5-day session would run into
    January 2027. It starts on Thursday 24 instead (24, 28, 29, 30, 31: the 25th is a holiday)."""
    december = occurrences(2026, mode="nth_weekday", weekday=4, nth=-1, months=[11, 12], n_days=5)
    assert [(o.month, o.date, o.shifted_from, o.fitted) for o in december] == [
        (11, dt.date(2026, 11, 27), None, False), (12, dt.date(2026, 12, 24), dt.date(2026, 12, 25), True)]
    # a one-day session keeps the holiday shift; the last working day of the year is the latest any can start
    one_day = occurrences(2026, mode="day_of_month", day_of_month=31, months=[12], off={dt.date(2026, 12, 31): "x"})
    assert one_day[0].date == dt.date(2026, 12, 30) and one_day[0].fitted
    assert latest_start(dt.date(2026, 12, 31), 3, {dt.date(2026, 12, 30): "x"}) == dt.date(2026, 12, 28)


def test_planned_december_sessions_of_a_long_routine_end_within_the_year(world):
    """A monthly routine of 120 JP (15 training days at 8 JP a day) on the second Tuesday: December's would run
    from the 8th to 29 December, which fits; on the last Friday it starts on 10 December to end on the 31st."""
    from renbang.delivery.services import training_schedule

    programme = ProgrammeFactory(agency=world.agency, jp=120)
    second_tuesday = recurrence_rule_save(programme=programme, data={"mode": "nth_weekday", "weekday": 1, "nth": 2})
    last_friday = recurrence_rule_save(programme=programme, data={"mode": "nth_weekday", "weekday": 4, "nth": -1})
    for rule in (second_tuesday, last_friday):
        sessions = planned_sessions_generate(rule=rule, year=2026)
        assert len(sessions) == 12
        assert all(training_schedule(s.date, programme.jp)[-1].year == 2026 for s in sessions)
    assert PlannedSession.objects.get(rule=second_tuesday, month=12).date == dt.date(2026, 12, 8)
    december = PlannedSession.objects.get(rule=last_friday, month=12)
    assert december.date == dt.date(2026, 12, 10) and december.shifted_from == dt.date(2026, 12, 25)
    assert december.note == "Dimajukan dari 25-12-2026 agar 15 hari pelatihan (120 JP) selesai dalam tahun 2026."
    assert training_schedule(december.date, programme.jp)[-1] == dt.date(2026, 12, 31)
    assert PlannedSession.objects.get(rule=last_friday, month=11).date == dt.date(2026, 11, 27)  # untouched


def test_a_month_whose_session_would_have_to_start_in_an_earlier_month_gets_none():
    """52 training days end by 31 December only if they start in October: November and December would both land
    on that October day (two sessions on one date); days longer than the year fit nowhere and give no date
    before the year."""
    off = holidays.country_holidays("ID", years=[2026, 2027])
    latest = latest_start(dt.date(2026, 12, 31), 52, off)
    assert latest is not None and latest.month == 10
    found = occurrences(2026, mode="nth_weekday", weekday=1, nth=2, months=[9, 10, 11, 12], off=off, n_days=52)
    assert [o.month for o in found] == [9, 10] and found[1].date <= latest
    assert len({o.date for o in found}) == len(found)
    assert latest_start(dt.date(2026, 12, 31), 300, off) is None
    assert occurrences(2026, mode="nth_weekday", weekday=1, nth=2, off=off, n_days=300) == []
