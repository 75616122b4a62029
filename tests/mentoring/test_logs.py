import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from renbang.catalog.services import method_update
from renbang.mentoring.models import Pair
from renbang.mentoring.services import feedback_submit, log_create, pair_add


@pytest.fixture
def pair(mentoring):
    return pair_add(programme=mentoring.programme, mentor=mentoring.chief, mentee=mentoring.staff)


def test_it_turns_minutes_into_jp_by_the_methods_conversion(mentoring, pair):
    log = log_create(pair=pair, user=mentoring.users.employee, data={
        "date": dt.date(2026, 3, 10), "topic": "Menyusun rencana kerja tim", "duration_minutes": 90})
    assert log.jp == Decimal("2.00")
    method_update(method=mentoring.programme.method, agency=mentoring.agency, data={"minutes_per_jp": 60})
    pair = Pair.objects.select_related("programme__method").get(pk=pair.pk)
    assert log_create(pair=pair, user=mentoring.users.supervisor, data={
        "date": dt.date(2026, 3, 17), "topic": "Umpan balik", "duration_minutes": 90}).jp == Decimal("1.50")


def test_it_refuses_logs_from_outsiders_and_outside_the_period(mentoring, pair):
    with pytest.raises(PermissionError):
        log_create(pair=pair, user=mentoring.users.officer_b, data={})
    with pytest.raises(ValidationError, match="periode"):
        log_create(pair=pair, user=mentoring.users.employee, data={
            "date": dt.date(2027, 1, 5), "topic": "x", "duration_minutes": 30})
    with pytest.raises(ValidationError):
        log_create(pair=pair, user=mentoring.users.employee, data={
            "date": dt.date(2026, 1, 5), "topic": "", "duration_minutes": 0})


def test_it_keeps_one_feedback_per_side(mentoring, pair):
    feedback_submit(pair=pair, user=mentoring.users.employee, rating=4, comment="Sangat membantu")
    feedback_submit(pair=pair, user=mentoring.users.employee, rating=5)
    feedback_submit(pair=pair, user=mentoring.users.supervisor, rating=4)
    assert sorted(pair.feedback.values_list("side", "rating")) == [("mentee", 5), ("mentor", 4)]
    with pytest.raises(PermissionError):
        feedback_submit(pair=pair, user=mentoring.users.admin, rating=3)
    with pytest.raises(ValidationError):
        feedback_submit(pair=pair, user=mentoring.users.employee, rating=9)
