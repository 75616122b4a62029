import datetime as dt

import holidays
import pytest

from renbang.catalog.models import PlannedSession, RecurrenceRule
from renbang.catalog.recurrence import occurrences, pattern_date
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
