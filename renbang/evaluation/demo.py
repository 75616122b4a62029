"""Demo data of evaluation: feedback on the sessions delivery's demo completed, in which two programmes clearly
disappoint (so the flag and the alternatives show), pre/post tests for some sessions, and supervisors' follow-ups
for sessions that ended long enough ago (most answered, some still pending).

Everything is bulk-created from one random stream (`ctx.rng("evaluation")`); about a second on SQLite. Idempotent:
a second run finds feedback and changes nothing. `seed_late` gives the demo employee a recent session still open
for feedback, so the form can be tried.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from django.db import transaction
from django.db.models import Count

from renbang.catalog.models import Programme, ProgrammeCompetency

from .evidence import eligible_enrolments, programme_evidence, settings_for
from .models import Feedback, FollowUp, TestScore
from .services import follow_ups_generate

LOW = [0.30, 0.34, 0.20, 0.12, 0.04]  # benefit 1..5 of a disappointing programme
HIGH = [0.02, 0.05, 0.18, 0.45, 0.30]
GOOD_COMMENTS = ["Materi langsung bisa dipakai di pekerjaan.", "Fasilitator menguasai materi dan sabar menjawab.",
                 "Studi kasusnya relevan dengan tugas di OPD.", "Perlu lanjutan tingkat berikutnya.",
                 "Waktu praktik sebaiknya ditambah."]
BAD_COMMENTS = ["Materi terlalu umum, tidak sesuai tugas saya.", "Lebih banyak ceramah daripada praktik.",
                "Isinya sudah pernah saya dapat sebelumnya.", "Contoh kasus tidak relevan dengan pemerintahan daerah.",
                "Lebih cocok dibuat e-learning singkat."]


def _agency(ctx):
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.org.models import Agency

    return ctx.agency or Agency.objects.filter(code=DEMO_AGENCY_CODE).first()


def _draw(rng, weights) -> int:
    return rng.choices(range(1, 6), weights=weights)[0]


def _near(rng, centre: int) -> int:
    return max(1, min(5, centre + rng.choice([-1, 0, 0, 0, 1])))


def _disappointing(rng, counts: dict[int, int]) -> set[int]:
    """Two programmes with enough attendees whose competencies another active programme also addresses (not the
    mandatory ones, e.g. Latsar CPNS, which cannot be replaced)."""
    shared = set(ProgrammeCompetency.objects.filter(programme__active=True).values("competency").annotate(
        n=Count("programme", distinct=True)).filter(n__gt=1).values_list("competency", flat=True))
    optional = set(Programme.objects.filter(pk__in=list(counts), mandatory=False).values_list("pk", flat=True))
    candidates = sorted(pid for pid, n in counts.items() if n >= 18 and pid in optional and
                        ProgrammeCompetency.objects.filter(programme_id=pid, competency_id__in=shared).exists())
    return set(rng.sample(candidates, min(2, len(candidates))))


def seed(ctx) -> None:
    agency = _agency(ctx)
    if agency is None:
        ctx.log("  evaluasi: instansi demo belum ada; dilewati")
        return
    if Feedback.objects.filter(enrolment__session__agency=agency).exists():
        ctx.log("  evaluasi: umpan balik demo sudah ada; dilewati")
        return
    started = time.perf_counter()
    rng = ctx.rng("evaluation")
    attended = list(eligible_enrolments(agency.pk).select_related("session").order_by("session_id", "pk"))
    if not attended:
        ctx.log("  evaluasi: belum ada sesi selesai; dilewati")
        return
    counts: dict[int, int] = {}
    for e in attended:
        counts[e.session.programme_id] = counts.get(e.session.programme_id, 0) + 1
    bad = _disappointing(rng, counts)
    feedback, scores = [], []
    tested_sessions = {e.session_id for e in attended if rng.random() < 0.35}
    for e in attended:
        poor = e.session.programme_id in bad
        if rng.random() < 0.78:
            benefit = _draw(rng, LOW if poor else HIGH)
            comment = rng.choice(BAD_COMMENTS if benefit <= 2 else GOOD_COMMENTS) if rng.random() < 0.3 else ""
            feedback.append(Feedback(enrolment=e, benefit=benefit, relevance=_near(rng, benefit),
                                     material=_near(rng, benefit), facilitator=_near(rng, 4 if not poor else 3),
                                     organisation=_near(rng, 4), comment=comment))
        if e.session_id in tested_sessions:
            pre = rng.randint(30, 75)
            gain = rng.uniform(0.0, 0.25) if poor else rng.uniform(0.25, 0.7)
            post = min(100, round(pre + gain * (100 - pre)))
            scores.append(TestScore(enrolment=e, pre=Decimal(pre), post=Decimal(post)))
    with transaction.atomic():
        Feedback.objects.bulk_create(feedback, batch_size=2000)
        TestScore.objects.bulk_create(scores, batch_size=2000)
        follow_ups_generate(agency=agency, today=ctx.today)
        _answer_follow_ups(rng, agency, bad)
    flagged = [e.title for e in programme_evidence(agency.pk).values() if e.flagged]
    ctx.log(f"  evaluasi: {len(feedback)} umpan balik, {len(scores)} nilai tes, "
            f"{FollowUp.objects.filter(enrolment__session__agency=agency).count()} tindak lanjut; ditandai: "
            f"{', '.join(flagged) or '—'} ({time.perf_counter() - started:.1f} s)")


def _answer_follow_ups(rng, agency, bad: set[int]) -> None:
    rows = list(FollowUp.objects.filter(enrolment__session__agency=agency, applied="").select_related(
        "enrolment__session"))
    answered = []
    for f in rows:
        if rng.random() < 0.2:
            continue  # still pending: the supervisor's list shows some
        poor = f.enrolment.session.programme_id in bad
        roll = rng.random()
        f.applied = (FollowUp.Applied.YES if roll < (0.2 if poor else 0.6) else FollowUp.Applied.PARTLY
                     if roll < (0.5 if poor else 0.9) else FollowUp.Applied.NO)
        f.answered_at = dt.datetime.combine(f.due_on, dt.time(10), tzinfo=dt.UTC)
        answered.append(f)
    FollowUp.objects.bulk_update(answered, ["applied", "answered_at"], batch_size=2000)


def seed_late(ctx) -> None:
    """The demo employee ('pegawai') attended a recent session and has not given feedback yet."""
    from renbang.accounts.models import User
    from renbang.delivery.models import Attendance, Enrolment, Session

    agency = _agency(ctx)
    user = User.objects.filter(username="pegawai", agency=agency, employee__isnull=False).first() if agency else None
    if user is None:
        return
    window = settings_for(agency.pk).feedback_days
    session = Session.objects.filter(agency=agency, status=Session.Status.COMPLETED,
                                     end_date__gte=ctx.today - dt.timedelta(days=window),
                                     end_date__lte=ctx.today).order_by("-end_date", "-pk").first()
    if session is None or Enrolment.objects.filter(session=session, employee_id=user.employee_id).exists():
        return
    enrolment = Enrolment.objects.create(session=session, employee_id=user.employee_id,
                                         status=Enrolment.Status.CONFIRMED, source=Enrolment.Source.PLAN,
                                         attendance_percent=100, completed=True, jp=session.jp)
    Attendance.objects.bulk_create([Attendance(enrolment=enrolment, day=d) for d in session.days.all()])
