"""Key positions and their successors (PermenPANRB 3/2020: succession for key positions; PP 11/2017 Pasal 134(2)).

- Default key positions: every active JPT and administrator position, and every position whose only holder
  leaves within `key_horizon_years` (TalentSettings).
- Candidates of a key position: active PNS in the positions the career path leads from (org.Position.next_positions
  pointing at the target), eligible by golongan (at least the target's minimum in `min_rank_table`, less
  `max_rank_steps_below` steps), service (CPNS appointment in the NIP, at least `min_service_years`) and not
  leaving within the horizon; ranked by a readiness score = weighted competency match to the target's standard
  (latest closed campaign's current levels; not assessed counts 0), performance and talent box.
- Readiness label from the editable rules: siap sekarang / siap 1–2 tahun / belum siap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet

from renbang.competencies.models import PositionStandard
from renbang.needs.models import CurrentLevel
from renbang.org.models import Position, PositionType
from renbang.people.models import Employee, EmployeeStatus, Predicate
from renbang.people.ranks import PNS_ORDER

from . import box as talent_box
from .models import KeyPosition, Readiness, SuccessionGroup, SuccessionMember, TalentSettings
from .outlook import add_years, retirements, settings_for

LEADING_TYPES = (PositionType.JPT, PositionType.ADMINISTRATOR)
PREDICATE_LABELS = dict(Predicate.choices)


@dataclass
class Candidate:
    employee: Employee
    eligible: bool
    score: float
    match: float | None
    performance: float | None
    box: int
    readiness: str
    leaves_on: dt.date | None
    service_years: int | None
    reasons: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def readiness_label(self) -> str:
        return str(Readiness(self.readiness).label)


def service_years(nip: str, on: dt.date) -> int | None:
    """Years since the CPNS appointment written in a PNS NIP (digits 9–14, YYYYMM)."""
    try:
        year, month = int(nip[8:12]), int(nip[12:14])
    except (TypeError, ValueError):
        return None
    if not 1 <= month <= 12:
        return None
    return on.year - year - (on.month < month)


def min_rank_for(position: Position, conf: TalentSettings) -> str | None:
    table = conf.min_rank_table or {}
    key = f"{position.position_type}:{position.level}" if position.level else position.position_type
    return table.get(key) or table.get(position.position_type)


def holders(position_ids) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for pid, eid in Employee.objects.filter(position_id__in=list(position_ids), active=True) \
            .values_list("position_id", "pk"):
        out.setdefault(pid, []).append(eid)
    return out


def default_key_positions(agency_id: int, *, today: dt.date | None = None,
                          conf: TalentSettings | None = None) -> dict[int, str]:
    """{position id: reason} of the positions the defaults make key."""
    conf = conf or settings_for(agency_id)
    today = today or dt.date.today()
    leaders = Position.objects.filter(agency_id=agency_id, active=True, position_type__in=LEADING_TYPES)
    out: dict[int, str] = dict.fromkeys(leaders.values_list("pk", flat=True), KeyPosition.Reason.LEADERSHIP)
    held = holders(Position.objects.filter(agency_id=agency_id, active=True).values_list("pk", flat=True))
    single = {eids[0]: pid for pid, eids in held.items() if len(eids) == 1 and pid not in out}
    if single:
        ret = retirements(agency_id, Employee.objects.filter(pk__in=list(single)), conf)
        leaving = ret.employee_ids[ret.leaving_between(dt.date.min, add_years(today, int(conf.key_horizon_years)))]
        for eid in leaving.tolist():
            out[single[eid]] = KeyPosition.Reason.RETIREMENT
    return out


def match_to_standard(employee_ids: list[int], standard: dict[int, int], campaign) -> dict[int, float]:
    """{employee: % of the target standard's levels their current levels cover}; not assessed counts 0."""
    total = sum(standard.values())
    if not total or campaign is None:
        return {}
    got = dict.fromkeys(employee_ids, 0.0)
    for eid, cid, level in CurrentLevel.objects.filter(campaign=campaign, employee_id__in=employee_ids,
                                                       competency_id__in=list(standard)) \
            .values_list("employee_id", "competency_id", "level"):
        got[eid] += min(level, standard[cid])
    return {e: 100.0 * v / total for e, v in got.items()}


def readiness_of(match: float | None, box: int, conf: TalentSettings) -> str:
    m = match if match is not None else 0.0
    if m >= float(conf.ready_now_match) and box >= int(conf.ready_now_box):
        return Readiness.NOW
    if m >= float(conf.ready_soon_match) and box >= int(conf.ready_soon_box):
        return Readiness.SOON
    return Readiness.NOT_YET


def candidates(key: KeyPosition, *, today: dt.date | None = None, conf: TalentSettings | None = None,
               pool: QuerySet[Employee] | None = None) -> list[Candidate]:
    """Every candidate of `key` (eligible first, by readiness score), with the reasons shown on the page."""
    today = today or dt.date.today()
    agency_id = key.agency_id
    conf = conf or settings_for(agency_id)
    target = key.position
    sources = list(target.previous_positions.filter(active=True).values_list("pk", flat=True))
    qs = pool if pool is not None else Employee.objects.filter(agency_id=agency_id, active=True)
    qs = (qs.filter(position_id__in=sources, status=EmployeeStatus.PNS).exclude(position_id=target.pk)
          .select_related("position", "unit"))
    people = list(qs.order_by("pk"))
    if not people:
        return []
    ids = [e.pk for e in people]
    standard = dict(PositionStandard.objects.filter(position=target).values_list("competency_id", "required_level"))
    scope = Employee.objects.filter(pk__in=ids)
    placed = talent_box.compute(agency_id, scope, conf=conf)
    where = placed.index()
    match = match_to_standard(ids, standard, placed.campaign)
    ret = retirements(agency_id, scope, conf).as_dict()
    horizon = add_years(today, int(conf.key_horizon_years))
    min_rank = min_rank_for(target, conf)
    min_index = PNS_ORDER.get(min_rank, 0) - int(conf.max_rank_steps_below) if min_rank else None
    weights = {"match": 0.6, "performance": 0.2, "box": 0.2, **(conf.readiness_weights or {})}
    out = []
    for e in people:
        i = where[e.pk]
        perf = None if np.isnan(placed.performance[i]) else float(placed.performance[i])
        number = int(placed.box[i])
        m = match.get(e.pk)
        reasons, problems = [], []
        reasons.append(f"Kecocokan dengan standar {target.name}: {m:.0f} %" if m is not None
                       else "Kompetensi belum terukur terhadap standar jabatan ini")
        reasons.append(f"Kinerja (rata-rata SKP {', '.join(map(str, placed.years))}): {perf:.2f}" if perf is not None
                       else "Belum ada SKP pada tahun yang dihitung")
        reasons.append(f"Kotak talenta {number}" if number else "Belum masuk kotak talenta")
        if min_index is not None:
            have = PNS_ORDER.get(e.rank)
            if have is None or have < min_index:
                problems.append(f"Golongan {e.rank or '-'} di bawah syarat ({min_rank}, "
                                f"boleh {conf.max_rank_steps_below} tingkat di bawahnya)")
            else:
                reasons.append(f"Golongan {e.rank} memenuhi syarat {min_rank}")
        years = service_years(e.nip, today)
        if years is None or years < int(conf.min_service_years):
            problems.append(f"Masa kerja {years if years is not None else '?'} tahun, minimal {conf.min_service_years}")
        else:
            reasons.append(f"Masa kerja {years} tahun")
        leaves = ret.get(e.pk, (0, None, 0))[1]
        if leaves is not None and leaves < horizon:
            problems.append(f"Pensiun {leaves:%d-%m-%Y}, sebelum {horizon:%d-%m-%Y}")
        score = (weights["match"] * (m or 0.0) + weights["performance"] * 100.0 * (perf or 0.0) / 3.0
                 + weights["box"] * 100.0 * number / 9.0)
        out.append(Candidate(employee=e, eligible=not problems, score=round(score, 2), match=m, performance=perf,
                             box=number, readiness=readiness_of(m, number, conf), leaves_on=leaves,
                             service_years=years, reasons=reasons, problems=problems))
    out.sort(key=lambda c: (not c.eligible, -c.score, c.employee.name, c.employee.pk))
    return out


def current_group(key: KeyPosition) -> SuccessionGroup | None:
    return key.groups.order_by("-version").prefetch_related("members__employee").first()


def successor_targets(agency_id: int) -> dict[int, int]:
    """{employee id: target position id} from the latest saved group of every active key position."""
    latest: dict[int, int] = {}
    for gid, kid in SuccessionGroup.objects.filter(key_position__agency_id=agency_id, key_position__active=True) \
            .order_by("key_position_id", "-version").values_list("pk", "key_position_id"):
        latest.setdefault(kid, gid)
    out: dict[int, int] = {}
    for eid, pid in SuccessionMember.objects.filter(group_id__in=list(latest.values())).order_by("order") \
            .values_list("employee_id", "group__key_position__position_id"):
        out.setdefault(eid, pid)
    return out


def knowledge_transfer_pairs(agency_id: int, holder_ids: list[int], successor_ids: list[int],
                             today: dt.date | None = None) -> list[tuple[int, int]]:
    """(holder, successor) pairs for mentoring: a holder of a key position who leaves within the key horizon and
    a member of that position's latest succession group (issue 21: knowledge transfer before retirement)."""
    conf = settings_for(agency_id)
    today = today or dt.date.today()
    targets = {e: p for e, p in successor_targets(agency_id).items() if e in set(successor_ids)}
    if not targets:
        return []
    held = Employee.objects.filter(pk__in=holder_ids, position_id__in=set(targets.values()), active=True)
    ret = retirements(agency_id, held, conf)
    leaving = set(ret.employee_ids[ret.leaving_between(dt.date.min, add_years(today, int(conf.key_horizon_years)))]
                  .tolist())
    position_of = dict(held.values_list("pk", "position_id"))
    return sorted((h, e) for h in leaving for e, p in targets.items() if position_of.get(h) == p and h != e)
