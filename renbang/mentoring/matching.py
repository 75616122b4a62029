"""Adapter between the ORM and the pure matching engine (renbang.engine.matching)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from renbang.engine.matching import CandidatePairs, Profiles, Weights, candidate_pairs
from renbang.people.models import EmployeeStatus
from renbang.people.ranks import PNS_ORDER
from renbang.talent.succession import knowledge_transfer_pairs

from .levels import Levels, get_provider
from .models import MentoringProgramme, Participant

#: Above this many mentor × mentee combinations, each mentee keeps its best 50 candidates (documented limit).
EXACT_LIMIT = 4_000_000
PRUNE_TO = 50


@dataclass
class Problem:
    programme: MentoringProgramme
    mentors: list  # Employee
    mentees: list
    capacities: np.ndarray
    competencies: list
    levels: Levels
    profiles: Profiles
    weights: Weights
    transfer: set[tuple[int, int]] = field(default_factory=set)  # (mentor index, mentee index): holder → successor


def _rank(employee) -> int:
    # PNS golongan are comparable; PPPK golongan are a different scale: only position seniority counts for them.
    if employee.status in (EmployeeStatus.PNS, EmployeeStatus.CPNS) and employee.rank in PNS_ORDER:
        return PNS_ORDER[employee.rank]
    return -1


def build_problem(programme: MentoringProgramme) -> Problem:
    participants = list(programme.participants.select_related("employee__position", "employee__unit"))
    mentor_rows = [p for p in participants if p.role == Participant.Role.MENTOR and p.employee.active]
    mentee_rows = [p for p in participants if p.role == Participant.Role.MENTEE and p.employee.active]
    mentors = [p.employee for p in mentor_rows]
    mentees = [p.employee for p in mentee_rows]
    competencies = list(programme.competencies.order_by("code"))
    levels = get_provider()(agency_id=programme.agency_id, mentors=mentors, mentees=mentees,
                            competencies=competencies)

    def matrix(people, table):
        out = np.zeros((len(people), len(competencies)), dtype=np.int16)
        for i, e in enumerate(people):
            for j, c in enumerate(competencies):
                out[i, j] = table.get((e.pk, c.pk), 0)
        return out

    def vec(people, fn):
        return np.array([fn(e) for e in people], dtype=np.int64)

    profiles = Profiles(
        mentor_level=matrix(mentors, levels.mentor_level),
        mentee_required=matrix(mentees, levels.mentee_required),
        mentee_current=matrix(mentees, levels.mentee_current),
        mentor_seniority=vec(mentors, lambda e: e.position.seniority),
        mentee_seniority=vec(mentees, lambda e: e.position.seniority),
        mentor_rank=vec(mentors, _rank), mentee_rank=vec(mentees, _rank),
        mentor_unit=vec(mentors, lambda e: e.unit_id), mentee_unit=vec(mentees, lambda e: e.unit_id),
        mentor_family=vec(mentors, lambda e: e.position.job_family_id or -1),
        mentee_family=vec(mentees, lambda e: e.position.job_family_id or -1),
        mentor_person=vec(mentors, lambda e: e.pk), mentee_person=vec(mentees, lambda e: e.pk),
    )
    weights = Weights(gap=programme.gap_weight, same_unit=programme.same_unit_bonus,
                      same_family=programme.same_family_bonus, succession=programme.succession_bonus)
    capacities = np.array([p.effective_capacity for p in mentor_rows], dtype=np.int64)
    transfer: set[tuple[int, int]] = set()
    if programme.succession_bonus:
        m_index, e_index = {e.pk: i for i, e in enumerate(mentors)}, {e.pk: i for i, e in enumerate(mentees)}
        transfer = {(m_index[m], e_index[e]) for m, e in knowledge_transfer_pairs(
            programme.agency_id, list(m_index), list(e_index)) if m in m_index and e in e_index}
    return Problem(programme, mentors, mentees, capacities, competencies, levels, profiles, weights, transfer)


def candidates(problem: Problem) -> CandidatePairs:
    n = len(problem.mentors) * len(problem.mentees)
    transfer = None
    if problem.transfer:
        pairs = sorted(problem.transfer)
        transfer = (np.array([m for m, _e in pairs], dtype=np.int64), np.array([e for _m, e in pairs], dtype=np.int64))
    return candidate_pairs(problem.profiles, problem.weights,
                           max_per_mentee=PRUNE_TO if n > EXACT_LIMIT else None, transfer=transfer)


def reason(problem: Problem, i_mentor: int, i_mentee: int) -> tuple[int, int, str, bool]:
    """(score, gap covered, reason in Indonesian, eligible) for one pair, from the same rules as the engine."""
    mentor, mentee = problem.mentors[i_mentor], problem.mentees[i_mentee]
    p, w = problem.profiles, problem.weights
    parts, covered = [], 0
    for j, c in enumerate(problem.competencies):
        req, cur, lvl = int(p.mentee_required[i_mentee, j]), int(p.mentee_current[i_mentee, j]), int(
            p.mentor_level[i_mentor, j])
        gap = max(req - cur, 0) if req else 0
        if gap and lvl >= req + 1:
            covered += gap
            parts.append(f"{c.code} {c.name} (kesenjangan {gap}; perlu {req}, mentor {lvl})")
    same_unit = mentor.unit_id == mentee.unit_id
    same_family = bool(mentor.position.job_family_id) and mentor.position.job_family_id == mentee.position.job_family_id
    senior = []
    if mentor.position.seniority > mentee.position.seniority:
        senior.append(f"jabatan {mentor.position.type_label} di atas {mentee.position.type_label}")
    r_m, r_e = _rank(mentor), _rank(mentee)
    if r_m >= 0 and r_e >= 0 and r_m > r_e:
        senior.append(f"golongan {mentor.rank} di atas {mentee.rank}")
    transfer = (i_mentor, i_mentee) in problem.transfer and w.succession > 0
    eligible = ((covered > 0 and bool(senior)) or transfer) and mentor.pk != mentee.pk
    text = []
    if transfer:
        text.append("alih pengetahuan: pemangku jabatan kunci yang akan pensiun → calon penggantinya")
    if parts:
        text.append(f"Menutup kesenjangan {covered} level: " + "; ".join(parts))
    else:
        text.append("Tidak ada kompetensi program yang level mentornya ≥ level yang dipersyaratkan mentee + 1")
    text.append("mentor lebih senior: " + ", ".join(senior) if senior else "mentor tidak lebih senior")
    if same_unit:
        text.append("satu unit kerja")
    if same_family:
        text.append("satu rumpun jabatan")
    score = covered * w.gap + (w.same_unit if same_unit else 0) + (w.same_family if same_family else 0) + (
        w.succession if transfer else 0)
    return score, covered, "; ".join(text) + ".", eligible
