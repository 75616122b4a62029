"""Writes of mentoring. Keyword-only, atomic, full_clean() before every save."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.engine.matching import MatchingInput, solve_matching
from renbang.people.models import Employee

from . import matching
from .models import Feedback, Log, MentoringProgramme, Pair, Participant


@transaction.atomic
def programme_save(*, agency, data: Mapping[str, Any], competencies: Iterable | None = None,
                   programme: MentoringProgramme | None = None) -> MentoringProgramme:
    programme = programme or MentoringProgramme(agency=agency)
    for key, value in data.items():
        if key != "competencies":
            setattr(programme, key, value)
    programme.agency = agency
    programme.full_clean()
    programme.save()
    if competencies is not None:
        competencies = list(competencies)
        if any(c.agency_id not in (None, agency.pk) for c in competencies):
            raise ValidationError({"competencies": _("Kompetensi tidak ditemukan di instansi ini.")})
        programme.competencies.set(competencies)
    return programme


@transaction.atomic
def participants_add(*, programme: MentoringProgramme, role: str, nips: Iterable[str],
                     capacity: int | None = None) -> tuple[list[Participant], list[str]]:
    """Add employees by NIP; returns the added participants and one Indonesian message per refused NIP."""
    wanted = [n.strip() for n in nips if n and n.strip()]
    found = {e.nip: e for e in Employee.objects.filter(agency=programme.agency, nip__in=wanted, active=True)}
    existing = dict(programme.participants.values_list("employee_id", "role"))
    added, problems = [], []
    for nip in dict.fromkeys(wanted):
        employee = found.get(nip)
        if employee is None:
            problems.append(_("NIP %(nip)s tidak ditemukan di antara pegawai aktif instansi.") % {"nip": nip[:30]})
            continue
        if employee.pk in existing:
            problems.append(_("%(name)s sudah terdaftar sebagai %(role)s.") % {
                "name": employee.name, "role": Participant.Role(existing[employee.pk]).label})
            continue
        participant = Participant(programme=programme, employee=employee, role=role,
                                  capacity=capacity if role == Participant.Role.MENTOR else None)
        participant.full_clean()
        participant.save()
        existing[employee.pk] = role
        added.append(participant)
    return added, problems


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    programme = participant.programme
    Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED).filter(
        **{participant.role: participant.employee}).delete()
    participant.delete()


@transaction.atomic
def programme_match(*, programme: MentoringProgramme) -> list[Pair]:
    """(Re-)run the optimal matching: keeps locked pairs, never re-proposes removed pairs, replaces proposals."""
    MentoringProgramme.objects.select_for_update().filter(pk=programme.pk).first()
    problem = matching.build_problem(programme)
    mentor_index = {e.pk: i for i, e in enumerate(problem.mentors)}
    mentee_index = {e.pk: i for i, e in enumerate(problem.mentees)}
    # A proposal that already has meetings or feedback is in use: keep it (lock it) rather than lose its logs.
    in_use = programme.pairs.filter(status=Pair.Status.PROPOSED).filter(
        Q(logs__isnull=False) | Q(feedback__isnull=False)).values_list("pk", flat=True)
    Pair.objects.filter(pk__in=list(in_use)).update(status=Pair.Status.LOCKED)
    programme.pairs.filter(status=Pair.Status.PROPOSED).delete()
    locked = [p for p in programme.pairs.filter(status=Pair.Status.LOCKED)
              if p.mentor_id in mentor_index and p.mentee_id in mentee_index]
    removed = set(programme.pairs.filter(status=Pair.Status.REMOVED).values_list("mentor_id", "mentee_id"))
    cand = matching.candidates(problem)
    pm, pe, score = cand.mentor, cand.mentee, cand.score
    keep = np.array([(problem.mentors[m].pk, problem.mentees[e].pk) not in removed for m, e in zip(pm, pe,
                                                                                                   strict=True)],
                    dtype=bool) if pm.size else np.zeros(0, dtype=bool)
    pm, pe, score = pm[keep], pe[keep], score[keep]
    lock_m = np.array([mentor_index[p.mentor_id] for p in locked], dtype=np.int64)
    lock_e = np.array([mentee_index[p.mentee_id] for p in locked], dtype=np.int64)
    # Locked pairs go in as their own arcs (even if a manual pair would not be proposed by the optimiser).
    pm = np.concatenate([lock_m, pm])
    pe = np.concatenate([lock_e, pe])
    score = np.concatenate([np.array([max(p.score, 1) for p in locked], dtype=np.int64), score])
    is_locked = np.zeros(pm.shape[0], dtype=bool)
    is_locked[: len(locked)] = True
    capacities = problem.capacities.copy()
    load = np.bincount(lock_m, minlength=capacities.shape[0]) if lock_m.size else np.zeros_like(capacities)
    capacities = np.maximum(capacities, load)  # a locked pair is never dropped for lack of capacity
    result = solve_matching(MatchingInput(capacities, len(problem.mentees), pm, pe, score, locked=is_locked))
    created = []
    for k in result.chosen:
        if is_locked[k]:
            continue
        i_m, i_e = int(pm[k]), int(pe[k])
        pair_score, covered, text, _eligible = matching.reason(problem, i_m, i_e)
        pair = Pair(programme=programme, mentor=problem.mentors[i_m], mentee=problem.mentees[i_e],
                    status=Pair.Status.PROPOSED, source=Pair.Source.OPTIMISER, score=pair_score,
                    gap_covered=covered, reason=text)
        pair.full_clean(validate_constraints=False)
        created.append(pair)
    Pair.objects.bulk_create(created)
    programme.status = MentoringProgramme.Status.MATCHED
    programme.matched_at = timezone.now()
    programme.full_clean()
    programme.save(update_fields=["status", "matched_at"])
    return created


@transaction.atomic
def pair_lock(*, pair: Pair) -> Pair:
    if pair.status == Pair.Status.REMOVED:
        raise ValidationError(_("Pasangan yang dihapus tidak dapat dikunci; tambahkan kembali secara manual."))
    pair.status = Pair.Status.LOCKED
    pair.save(update_fields=["status"])
    return pair


@transaction.atomic
def pair_unlock(*, pair: Pair) -> Pair:
    if pair.status == Pair.Status.LOCKED:
        pair.status = Pair.Status.PROPOSED
        pair.save(update_fields=["status"])
    return pair


@transaction.atomic
def pair_remove(*, pair: Pair) -> Pair:
    """Remove a pair: it is kept as 'removed' so that re-running the optimiser never proposes it again."""
    if pair.logs.exists():
        raise ValidationError(_("Pasangan ini sudah memiliki catatan mentoring; tidak dapat dihapus."))
    pair.status = Pair.Status.REMOVED
    pair.save(update_fields=["status"])
    return pair


@transaction.atomic
def pair_add(*, programme: MentoringProgramme, mentor: Employee, mentee: Employee) -> Pair:
    """Add a pair by hand (locked). It must meet the same eligibility rules and the mentor's capacity."""
    roles = dict(programme.participants.filter(employee__in=[mentor, mentee]).values_list("employee_id", "role"))
    if roles.get(mentor.pk) != Participant.Role.MENTOR:
        raise ValidationError({"mentor": _("%(name)s bukan mentor program ini.") % {"name": mentor.name}})
    if roles.get(mentee.pk) != Participant.Role.MENTEE:
        raise ValidationError({"mentee": _("%(name)s bukan mentee program ini.") % {"name": mentee.name}})
    active = programme.pairs.exclude(status=Pair.Status.REMOVED)
    if active.filter(mentee=mentee).exists():
        raise ValidationError({"mentee": _("Mentee ini sudah punya mentor; hapus pasangan lamanya dahulu.")})
    participant = programme.participants.get(employee=mentor)
    if active.filter(mentor=mentor).count() >= participant.effective_capacity:
        raise ValidationError({"mentor": _("Kapasitas mentor (%(n)s mentee) sudah penuh.") % {
            "n": participant.effective_capacity}})
    problem = matching.build_problem(programme)
    i_m = next(i for i, e in enumerate(problem.mentors) if e.pk == mentor.pk)
    i_e = next(i for i, e in enumerate(problem.mentees) if e.pk == mentee.pk)
    score, covered, text, eligible = matching.reason(problem, i_m, i_e)
    if not eligible:
        raise ValidationError(_("Pasangan tidak memenuhi syarat: %(why)s") % {"why": text})
    pair = programme.pairs.filter(mentor=mentor, mentee=mentee).first() or Pair(
        programme=programme, mentor=mentor, mentee=mentee)
    pair.status, pair.source, pair.score, pair.gap_covered = Pair.Status.LOCKED, Pair.Source.MANUAL, score, covered
    pair.reason = _("Ditambahkan manual oleh BKPSDM. ") + text
    pair.full_clean()
    pair.save()
    return pair


def can_write_log(user, pair: Pair) -> bool:
    return user.is_bkpsdm_admin or (user.employee_id is not None
                                    and user.employee_id in (pair.mentor_id, pair.mentee_id))


@transaction.atomic
def log_create(*, pair: Pair, user, data: Mapping[str, Any]) -> Log:
    """Record a meeting; its JP follow the conversion of the programme's method (Peraturan LAN 10/2018 form)."""
    if not can_write_log(user, pair):
        raise PermissionError
    if pair.status == Pair.Status.REMOVED:
        raise ValidationError(_("Pasangan ini sudah dihapus."))
    log = Log(pair=pair, author=user if getattr(user, "pk", None) else None)
    for key in ("date", "topic", "duration_minutes", "notes"):
        if key in data:
            setattr(log, key, data[key])
    programme = pair.programme
    if log.date and not programme.start_date <= log.date <= programme.end_date:
        raise ValidationError({"date": _("Tanggal harus dalam periode program (%(a)s s.d. %(b)s).") % {
            "a": programme.start_date.strftime("%d-%m-%Y"), "b": programme.end_date.strftime("%d-%m-%Y")}})
    log.jp = programme.method.jp_for_minutes(log.duration_minutes or 0)
    log.full_clean()
    log.save()
    return log


@transaction.atomic
def log_delete(*, log: Log, user) -> None:
    if not (user.is_bkpsdm_admin or (log.author_id == user.pk)):
        raise PermissionError
    log.delete()


@transaction.atomic
def feedback_submit(*, pair: Pair, user, rating: int, comment: str = "") -> Feedback:
    """The mentor's or the mentee's short feedback on their pair (one each; submitting again updates it)."""
    if user.employee_id == pair.mentor_id:
        side = Participant.Role.MENTOR
    elif user.employee_id == pair.mentee_id:
        side = Participant.Role.MENTEE
    else:
        raise PermissionError
    feedback = Feedback.objects.filter(pair=pair, side=side).first() or Feedback(pair=pair, side=side)
    feedback.rating, feedback.comment = rating, comment or ""
    feedback.full_clean()
    feedback.save()
    return feedback
