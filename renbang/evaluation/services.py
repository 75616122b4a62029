"""Writes of evaluation. Keyword-only, atomic, full_clean() before every save."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .evidence import attended_q, eligible_enrolments, programme_evidence, settings_for
from .models import Decision, EvaluationSettings, Feedback, FollowUp, ProgrammeReview, ReminderLog, TestScore

REMIND_EVERY_DAYS = 7


NOT_PARTICIPANT, NOT_CLOSED, ABSENT, DONE, EXPIRED = "not_participant", "not_closed", "absent", "done", "expired"


def feedback_problem(enrolment, user, *, today: dt.date | None = None) -> tuple[str, str] | None:
    """Why `user` may not give feedback on `enrolment`, as (code, Indonesian sentence), or None when they may."""
    from renbang.delivery.models import Session

    if not user.employee_id or enrolment.employee_id != user.employee_id:
        return NOT_PARTICIPANT, _("Hanya peserta sesi ini yang dapat memberi umpan balik.")
    session = enrolment.session
    if session.status != Session.Status.COMPLETED:
        return NOT_CLOSED, _("Umpan balik dibuka setelah sesi ditutup.")
    if not type(enrolment).objects.filter(pk=enrolment.pk).filter(attended_q()).exists():
        return ABSENT, _("Umpan balik hanya untuk peserta yang hadir.")
    if Feedback.objects.filter(enrolment=enrolment).exists():
        return DONE, _("Anda sudah memberi umpan balik untuk sesi ini. Terima kasih.")
    s = settings_for(session.agency_id)
    today = today or timezone.localdate()
    if today > session.end_date + dt.timedelta(days=s.feedback_days):
        return EXPIRED, _("Masa pengisian umpan balik sesi ini sudah berakhir (%(n)s hari setelah selesai).") % {
            "n": s.feedback_days}
    return None


@transaction.atomic
def feedback_submit(*, enrolment, user, data: Mapping[str, Any]) -> Feedback:
    """The participant's own L1 feedback, once. PermissionError for anyone but the participant; ValidationError
    when the session is not closed, they did not attend, the window has passed or they already answered."""
    if not user.employee_id or enrolment.employee_id != user.employee_id:
        raise PermissionError
    problem = feedback_problem(enrolment, user)
    if problem:
        raise ValidationError(problem[1])
    feedback = Feedback(enrolment=enrolment, comment=(data.get("comment") or "").strip())
    for name in Feedback.SCORE_FIELDS:
        setattr(feedback, name, data.get(name))
    feedback.full_clean()
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:  # a double click: the first one counted
        raise ValidationError(_("Anda sudah memberi umpan balik untuk sesi ini. Terima kasih.")) from None
    return feedback


def scored_enrolments(session):
    """The enrolments a test score may belong to: the session's participants, invited or confirmed (the attendance
    roster, delivery.services.attendance.ROSTER). Declined, cancelled, waitlisted and released people sat no test;
    the score page and its export leave them out, and an import or a save naming them is refused."""
    from renbang.delivery.models import Enrolment

    return Enrolment.objects.filter(session=session, status__in=Enrolment.ACTIVE)


def session_not_scored_reason(session) -> str | None:
    """Why no score may be recorded for `session` at all (Indonesian), or None."""
    from renbang.delivery.models import Session

    if session.status == Session.Status.CANCELLED:
        return _("Sesi ini dibatalkan: tidak ada nilai pre/post-test yang dicatat.")
    return None


def not_scored_reason(enrolment) -> str | None:
    """Why `enrolment` may hold no test score (Indonesian), or None when it may."""
    from renbang.delivery.models import Enrolment

    if enrolment.status in Enrolment.ACTIVE:
        return None
    return _("Berstatus “%(status)s” di sesi ini: nilai hanya dicatat untuk peserta yang diundang atau "
             "dikonfirmasi.") % {"status": enrolment.get_status_display()}


@transaction.atomic
def test_scores_save(*, session, rows: list[dict[str, Any]], problems: list[str] | None = None) -> tuple[int, int]:
    """Save pre/post scores of enrolments of `session` (all-or-nothing). Each row: enrolment, pre, post, maximum.
    Rows with neither score delete an existing entry. Returns (saved, deleted). `problems` found by the caller
    (e.g. unreadable numbers) are reported together with these rows' errors, and nothing is saved."""
    if reason := session_not_scored_reason(session):
        raise ValidationError(reason)
    errors: dict[str, list[str]] = {}
    to_save: list[TestScore] = []
    to_delete: list[int] = []
    existing = {t.enrolment_id: t for t in TestScore.objects.filter(enrolment__session=session)}
    for row in rows:
        enrolment = row["enrolment"]
        if enrolment.session_id != session.pk:
            raise ValidationError(_("Peserta tidak terdaftar di sesi ini."))
        if (reason := not_scored_reason(enrolment)) and (row.get("pre") is not None or row.get("post") is not None):
            errors.setdefault(enrolment.employee.name, []).append(reason)
            continue
        if row.get("pre") is None and row.get("post") is None:
            if enrolment.pk in existing:
                to_delete.append(existing[enrolment.pk].pk)
            continue
        score = existing.get(enrolment.pk) or TestScore(enrolment=enrolment)
        score.pre, score.post = row.get("pre"), row.get("post")
        if row.get("maximum") is not None:
            score.maximum = row["maximum"]
        try:
            score.full_clean(exclude=["enrolment"])
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                errors.setdefault(enrolment.employee.name, []).extend(messages)
            continue
        to_save.append(score)
    if errors or problems:
        raise ValidationError([*(problems or []), *(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items())])
    for score in to_save:
        score.save()
    TestScore.objects.filter(pk__in=to_delete).delete()
    return len(to_save), len(to_delete)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_due(session, months: int) -> dt.date:
    return add_months(session.end_date, months)


@transaction.atomic
def follow_ups_generate(*, agency, today: dt.date | None = None) -> int:
    """Create the L3 follow-up of every participant who completed a session ended `followup_months` ago or more,
    addressed to their supervisor at that time. Idempotent (one per enrolment)."""
    from renbang.delivery.models import Enrolment, Session

    s = settings_for(agency.pk)
    today = today or timezone.localdate()
    cutoff = add_months(today, -s.followup_months)
    pending = Enrolment.objects.filter(
        session__agency=agency, session__status=Session.Status.COMPLETED, session__end_date__lte=cutoff,
        completed=True, follow_up__isnull=True).select_related("session", "employee")
    rows = [FollowUp(enrolment=e, supervisor_id=e.employee.supervisor_id,
                     due_on=follow_up_due(e.session, s.followup_months)) for e in pending.iterator()]
    FollowUp.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def follow_up_answer(*, follow_up: FollowUp, user, applied: str, example: str = "") -> FollowUp:
    """The supervisor's (or BKPSDM's) answer to an L3 follow-up; answering again corrects it."""
    if not (user.is_bkpsdm_admin or (user.employee_id and user.employee_id == follow_up.supervisor_id)):
        raise PermissionError
    if follow_up.due_on > timezone.localdate() and not user.is_bkpsdm_admin:
        raise ValidationError(_("Tindak lanjut ini baru dapat diisi mulai %(d)s.") % {
            "d": follow_up.due_on.strftime("%d-%m-%Y")})
    follow_up.applied, follow_up.example = applied, (example or "").strip()
    follow_up.answered_by, follow_up.answered_at = user, timezone.now()
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def review_record(*, programme, user, decision: str, note: str, replacement=None,
                  replacement_method=None) -> ProgrammeReview:
    """Record BKPSDM's decision on a programme with the evidence at this moment. Retiring deactivates the
    programme in the catalogue (it leaves the next plans; its history stays)."""
    evidence = programme_evidence(programme.agency_id, [programme.pk]).get(programme.pk)
    review = ProgrammeReview(programme=programme, decision=decision, note=(note or "").strip(),
                             replacement=replacement, replacement_method=replacement_method, decided_by=user)
    if evidence is not None:
        review.flagged, review.responses = evidence.flagged, evidence.responses
        review.low_share = None if evidence.responses == 0 else Decimal(f"{evidence.low_share:.3f}")
        review.effectiveness = Decimal(f"{evidence.value:.3f}")
    review.full_clean()
    review.save()
    if decision == Decision.RETIRE and programme.active:
        from renbang.catalog.models import Programme

        Programme.objects.filter(pk=programme.pk).update(active=False)
    return review


@transaction.atomic
def settings_save(*, agency, data: Mapping[str, Any]) -> EvaluationSettings:
    s = EvaluationSettings.objects.filter(agency=agency).first() or EvaluationSettings(agency=agency)
    for key, value in data.items():
        setattr(s, key, value)
    s.full_clean()
    s.save()
    return s


@transaction.atomic
def reminders_send(*, agency, today: dt.date | None = None) -> dict[str, int]:
    """Remind participants with feedback still to give (window open) and supervisors with follow-ups due, by an
    in-app notice and an e-mail where an address is known; nobody twice within a week."""
    from renbang.accounts.models import User
    from renbang.core.notices import notify_each

    today = today or timezone.localdate()
    now = timezone.now()
    s = settings_for(agency.pk)
    follow_ups_generate(agency=agency, today=today)
    recent = ReminderLog.objects.filter(sent_at__gte=now - dt.timedelta(days=REMIND_EVERY_DAYS))
    feedback_due = list(eligible_enrolments(agency.pk).filter(
        feedback__isnull=True, session__end_date__gte=today - dt.timedelta(days=s.feedback_days)).exclude(
        pk__in=recent.filter(kind=ReminderLog.Kind.FEEDBACK).values("enrolment_id")).values_list(
        "pk", "employee_id", "employee__email", "session__programme__title"))
    follow_due = list(FollowUp.objects.filter(
        enrolment__session__agency=agency, applied="", due_on__lte=today, supervisor__isnull=False).exclude(
        enrolment_id__in=recent.filter(kind=ReminderLog.Kind.FOLLOW_UP).values("enrolment_id")).values_list(
        "enrolment_id", "supervisor_id", "supervisor__email", "enrolment__employee__name"))
    users = dict(User.objects.filter(employee_id__in={r[1] for r in feedback_due + follow_due},
                                     is_active=True).values_list("employee_id", "pk"))
    messages, logs = [], []
    feedback_url = reverse("evaluation:my_evaluations")
    for enrolment_id, employee_id, email, title in feedback_due:
        text = _("Mohon isi umpan balik untuk \"%(t)s\": jawaban Anda dirahasiakan dan membantu memperbaiki "
                 "program.") % {"t": title}
        messages.append((users.get(employee_id), email, _("Umpan balik pelatihan"), text, feedback_url))
        logs.append(ReminderLog(enrolment_id=enrolment_id, kind=ReminderLog.Kind.FEEDBACK))
    follow_url = reverse("evaluation:follow_up_list")
    for enrolment_id, supervisor_id, email, name in follow_due:
        text = _("Mohon isi tindak lanjut pascapelatihan untuk %(n)s: apakah kompetensinya sudah diterapkan?") % {
            "n": name}
        messages.append((users.get(supervisor_id), email, _("Tindak lanjut pascapelatihan"), text, follow_url))
        logs.append(ReminderLog(enrolment_id=enrolment_id, kind=ReminderLog.Kind.FOLLOW_UP))
    notices = notify_each(messages, kind="evaluasi")
    ReminderLog.objects.bulk_create(logs, batch_size=2000)
    return {"feedback": len(feedback_due), "follow_up": len(follow_due), "notices": notices,
            "emails": sum(1 for m in messages if m[1])}


def enrolment_for_feedback(user, session_id: int):
    """The user's own enrolment in a session, or None (the feedback page 404s for everyone else)."""
    from renbang.delivery.models import Enrolment

    if not user.employee_id:
        return None
    return Enrolment.objects.filter(session_id=session_id, employee_id=user.employee_id).select_related(
        "session__programme", "session__agency").first()
