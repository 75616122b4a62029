"""Dates of a recurring programme in a year, avoiding weekends and Indonesian public holidays.

Pure functions (no Django). Holidays come from the `holidays` package (`holidays.Indonesia`, the national public
holidays set by the government's SKB; it does not contain every cuti bersama). A date that falls on a weekend or a
holiday moves to the next working day; if that leaves the month it still counts as that month's session (the
session belongs to the month of the pattern, `month`), and `shifted_from` records the original date. A session of
several training days that would run past 31 December starts earlier instead, so that it ends within the year of its
plan (the budget year is the calendar year, UU 17/2003 Pasal 4); `fitted` says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import holidays


@dataclass(frozen=True)
class Occurrence:
    month: int
    date: dt.date
    shifted_from: dt.date | None = None
    reason: str = ""
    fitted: bool = False  # moved earlier so that its training days end by 31 December


def indonesian_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    return dict(holidays.Indonesia(years=list(years), language="id"))


def pattern_date(year: int, month: int, *, mode: str, weekday: int | None = None, nth: int | None = None,
                 day_of_month: int | None = None) -> dt.date:
    """The date the pattern gives in a month, before holiday shifting.

    nth_weekday: weekday 0=Monday…4=Friday, nth 1–4 or −1 for the last; day_of_month: clipped to the month's
    last day (31 in February → 28/29).
    """
    last = calendar.monthrange(year, month)[1]
    if mode == "day_of_month":
        return dt.date(year, month, min(int(day_of_month or 1), last))
    if weekday is None or not nth:
        raise ValueError("nth_weekday needs weekday and nth")
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        day = 1 + offset + 7 * (nth - 1)
        if day > last:
            raise ValueError("there is no such weekday in this month")
        return dt.date(year, month, day)
    end = dt.date(year, month, last)
    return end - dt.timedelta(days=(end.weekday() - weekday) % 7)


def next_working_day(day: dt.date, off: Mapping[dt.date, str]) -> tuple[dt.date, str]:
    """`day` itself if it is a working day, else the next one, with the name of the first reason to move."""
    reason = ""
    while day.weekday() >= 5 or day in off:
        if not reason:
            reason = off.get(day, "akhir pekan")
        day += dt.timedelta(days=1)
    return day, reason


def latest_start(last_day: dt.date, n_days: int, off: Mapping[dt.date, str]) -> dt.date | None:
    """The latest working day from which `n_days` working days (the first included) end on or before `last_day`;
    None when they do not fit between 1 January of `last_day`'s year and `last_day`."""
    day, counted = last_day, 0
    while day.year == last_day.year:
        if day.weekday() < 5 and day not in off:
            counted += 1
            if counted >= n_days:
                return day
        day -= dt.timedelta(days=1)
    return None


def occurrences(year: int, *, mode: str, weekday: int | None = None, nth: int | None = None,
                day_of_month: int | None = None, months: Iterable[int] | None = None,
                off: Mapping[dt.date, str] | None = None, n_days: int = 1) -> list[Occurrence]:
    """One occurrence per chosen month of `year` (all months when `months` is empty), each a working day from
    which a session of `n_days` working days ends within `year`. A month whose session could only end in time by
    starting in an earlier month has none (it would double that month's), nor has any month when the days do
    not fit in the year at all."""
    chosen = sorted(set(months or [])) or list(range(1, 13))
    off = indonesian_holidays([year, year + 1]) if off is None else off
    deadline = latest_start(dt.date(year, 12, 31), n_days, off)
    if deadline is None:
        return []
    result = []
    for month in chosen:
        try:
            planned = pattern_date(year, month, mode=mode, weekday=weekday, nth=nth, day_of_month=day_of_month)
        except ValueError:
            continue
        actual, reason = next_working_day(planned, off)
        fitted = actual > deadline
        if fitted and deadline < dt.date(year, month, 1):
            continue
        if fitted:
            actual, reason = deadline, ""
        result.append(Occurrence(month=month, date=actual, shifted_from=planned if actual != planned else None,
                                 reason=reason, fitted=fitted))
    return result
