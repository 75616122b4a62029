"""Mentoring: with the succession bonus, a key position's retiring holder is matched with their successor."""

from __future__ import annotations

import datetime as dt

from renbang.mentoring.models import Pair
from renbang.mentoring.services import programme_match
from renbang.people.models import Employee
from renbang.talent import services


def _pairs(programme):
    return {(p.mentor.name, p.mentee.name): p for p in programme.pairs.exclude(status=Pair.Status.REMOVED)}


def test_it_pairs_the_retiring_holder_with_the_successor_only_when_asked(mentoring):
    w = mentoring
    w.positions.staff.next_positions.add(w.positions.administrator)
    Employee.objects.filter(pk=w.boss.pk).update(birth_date=dt.date(1969, 1, 1))  # leaves 1 Feb 2027
    Employee.objects.filter(pk=w.staff.pk).update(rank="III/d")
    key = services.key_position_mark(agency=w.agency, position=w.positions.administrator)
    services.succession_group_save(key=key, employee_ids=[w.staff.pk])
    programme_match(programme=w.programme)
    assert ("Rahmat Hasibuan", "Ahmad Lubis") not in _pairs(w.programme)  # the gap-only optimum
    w.programme.succession_bonus = 500
    w.programme.save()
    programme_match(programme=w.programme)
    pairs = _pairs(w.programme)
    assert set(pairs) == {("Rahmat Hasibuan", "Ahmad Lubis"), ("Butet Siregar", "Siti Nasution")}
    assert "alih pengetahuan" in pairs[("Rahmat Hasibuan", "Ahmad Lubis")].reason


def test_a_holder_who_does_not_retire_soon_gets_no_bonus(mentoring):
    w = mentoring
    w.positions.staff.next_positions.add(w.positions.administrator)
    Employee.objects.filter(pk=w.boss.pk).update(birth_date=dt.date(1985, 1, 1))
    Employee.objects.filter(pk=w.staff.pk).update(rank="III/d")
    key = services.key_position_mark(agency=w.agency, position=w.positions.administrator)
    services.succession_group_save(key=key, employee_ids=[w.staff.pk])
    w.programme.succession_bonus = 500
    w.programme.save()
    programme_match(programme=w.programme)
    assert ("Rahmat Hasibuan", "Ahmad Lubis") not in _pairs(w.programme)
