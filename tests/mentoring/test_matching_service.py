import pytest
from django.core.exceptions import ValidationError

from renbang.mentoring.models import Pair, Participant
from renbang.mentoring.services import pair_add, pair_lock, pair_remove, participants_add, programme_match


def _pairs(programme):
    return {(p.mentor.name, p.mentee.name): p for p in programme.pairs.exclude(status=Pair.Status.REMOVED)}


def test_it_matches_optimally_within_capacity_with_reasons(mentoring):
    created = programme_match(programme=mentoring.programme)
    pairs = _pairs(mentoring.programme)
    # Capacity 1 each: the optimum gives chief → staff (same seksi) and boss → other; total gap 4.
    assert set(pairs) == {("Butet Siregar", "Ahmad Lubis"), ("Rahmat Hasibuan", "Siti Nasution")}
    assert len(created) == 2 and sum(p.gap_covered for p in created) == 4
    reason = pairs[("Butet Siregar", "Ahmad Lubis")].reason
    assert "M.2" in reason and "satu unit kerja" in reason and "lebih senior" in reason
    mentoring.programme.refresh_from_db()
    assert mentoring.programme.status == "matched"


def test_it_respects_the_one_level_above_rule(mentoring):
    Participant.objects.filter(programme=mentoring.programme, employee=mentoring.boss).delete()
    programme_match(programme=mentoring.programme)
    # chief (level 2) may mentor staff (needs 1) and other (needs 1): capacity 1 → one pair only.
    assert len(_pairs(mentoring.programme)) == 1


def test_it_requires_a_more_senior_mentor(mentoring):
    from renbang.competencies.models import PositionStandard
    from tests.factories import EmployeeFactory, PositionFactory

    analyst = PositionFactory(agency=mentoring.agency, name="Analis Kebijakan", position_type="pelaksana")
    for competency in (mentoring.m2, mentoring.m6):
        PositionStandard.objects.create(position=analyst, competency=competency, required_level=3)
    dedi = EmployeeFactory(agency=mentoring.agency, unit=mentoring.unit_b, position=analyst, name="Dedi Ginting",
                           rank="II/c")
    Participant.objects.filter(programme=mentoring.programme, role="mentor").delete()
    Participant.objects.create(programme=mentoring.programme, employee=dedi, role="mentor")
    programme_match(programme=mentoring.programme)
    assert _pairs(mentoring.programme) == {}  # level is enough, but same jenjang and a lower golongan
    dedi.rank = "IV/a"
    dedi.save()
    programme_match(programme=mentoring.programme)
    assert ("Dedi Ginting", "Siti Nasution") in _pairs(mentoring.programme)  # senior in golongan, same unit


def test_it_keeps_locked_pairs_and_never_reproposes_removed_ones(mentoring):
    programme_match(programme=mentoring.programme)
    pairs = _pairs(mentoring.programme)
    removed = pair_remove(pair=pairs[("Butet Siregar", "Ahmad Lubis")])
    pair_lock(pair=pairs[("Rahmat Hasibuan", "Siti Nasution")])
    programme_match(programme=mentoring.programme)
    after = _pairs(mentoring.programme)
    assert ("Butet Siregar", "Ahmad Lubis") not in after
    assert after[("Rahmat Hasibuan", "Siti Nasution")].status == Pair.Status.LOCKED
    assert Pair.objects.get(pk=removed.pk).status == Pair.Status.REMOVED
    assert len(after) == 1  # staff's only other mentor (boss) is full with the locked pair


def test_it_adds_a_manual_pair_only_when_eligible_and_within_capacity(mentoring):
    pair = pair_add(programme=mentoring.programme, mentor=mentoring.boss, mentee=mentoring.staff)
    assert pair.status == Pair.Status.LOCKED and pair.source == Pair.Source.MANUAL and "manual" in pair.reason
    with pytest.raises(ValidationError, match="Kapasitas"):
        pair_add(programme=mentoring.programme, mentor=mentoring.boss, mentee=mentoring.other)
    with pytest.raises(ValidationError, match="sudah punya mentor"):
        pair_add(programme=mentoring.programme, mentor=mentoring.chief, mentee=mentoring.staff)
    with pytest.raises(ValidationError, match="bukan mentor"):
        pair_add(programme=mentoring.programme, mentor=mentoring.staff, mentee=mentoring.other)
    # re-running keeps the manual pair
    programme_match(programme=mentoring.programme)
    assert _pairs(mentoring.programme)[("Rahmat Hasibuan", "Ahmad Lubis")].status == Pair.Status.LOCKED


def test_it_refuses_an_ineligible_manual_pair(mentoring):
    from renbang.competencies.models import PositionStandard

    PositionStandard.objects.filter(position=mentoring.positions.pengawas).update(required_level=1)
    with pytest.raises(ValidationError, match="tidak memenuhi syarat"):
        pair_add(programme=mentoring.programme, mentor=mentoring.chief, mentee=mentoring.staff)


def test_it_adds_participants_by_nip_and_explains_refusals(mentoring):
    from tests.factories import EmployeeFactory

    newcomer = EmployeeFactory(agency=mentoring.agency, name="Rina Tarigan")
    added, problems = participants_add(programme=mentoring.programme, role="mentee",
                                       nips=[newcomer.nip, mentoring.staff.nip, "123"])
    assert [p.employee for p in added] == [newcomer]
    assert len(problems) == 2 and any("sudah terdaftar" in p for p in problems)


def test_it_keeps_a_proposed_pair_that_already_has_logs_when_re_matching(mentoring):
    import datetime as dt

    from renbang.mentoring.models import Log

    programme_match(programme=mentoring.programme)
    pair = _pairs(mentoring.programme)[("Butet Siregar", "Ahmad Lubis")]
    Log.objects.create(pair=pair, date=dt.date(2026, 2, 3), topic="Pertemuan awal", duration_minutes=60, jp=1)
    programme_match(programme=mentoring.programme)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.LOCKED and pair.logs.count() == 1
