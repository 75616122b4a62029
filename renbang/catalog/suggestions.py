"""Strategy suggestions: for a competency gap, the methods and programmes that suit it, ranked, with reasons.

The rules are data (SuggestionRule) that BKPSDM edits; this module only applies them. Scoring:
- every active rule that matches (competency type, gap range, position type, code prefix) proposes its methods
  in order; the method ranked i-th of n in a rule gets weight × (n − i) / n;
- a method proposed by several rules keeps its best score and that rule's reason;
- a method with at least one suitable programme in the catalogue gets +0.1 (something can be booked now), and
  +0.05 more if a programme has planned sessions (a routine, e.g. the monthly ICT training).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch

from .models import Method, PlannedSession, Programme, ProgrammeCompetency
from .selectors import eligible_for, methods_for_agency, suggestion_rules_for_agency

PROGRAMME_BONUS = Decimal("0.10")
ROUTINE_BONUS = Decimal("0.05")


@dataclass
class ProgrammeOption:
    programme: Programme
    uplift: int
    expected_uplift: Decimal
    has_sessions: bool


@dataclass
class Suggestion:
    method: Method
    reason: str
    score: Decimal
    rule_name: str = ""
    programmes: list[ProgrammeOption] = field(default_factory=list)


def suggest(*, competency, gap: int, position_type: str = "", agency=None,
            current_level: int | None = None) -> list[Suggestion]:
    """Ranked methods (best first) and the agency's programmes for each, for one need."""
    agency_id = getattr(agency, "pk", agency) if agency is not None else competency.agency_id
    gap = int(gap)
    if gap < 1:
        return []
    best: dict[str, tuple[Decimal, str, str]] = {}
    for rule in suggestion_rules_for_agency(agency_id):
        if not rule.matches(competency_type=competency.competency_type, competency_code=competency.code, gap=gap,
                            position_type=position_type):
            continue
        n = len(rule.method_codes)
        for i, code in enumerate(rule.method_codes):
            score = (Decimal(rule.weight) * Decimal(n - i) / Decimal(n)).quantize(Decimal("0.001"))
            if code not in best or score > best[code][0]:
                best[code] = (score, rule.reason, rule.name)
    if not best:
        return []
    methods = {m.code: m for m in methods_for_agency(agency_id, active_only=True).filter(code__in=list(best))}
    options = _programme_options(agency_id, competency, gap, position_type, current_level, list(methods.values()))
    result = []
    for code, (score, reason, rule_name) in best.items():
        method = methods.get(code)
        if method is None:
            continue
        progs = options.get(method.pk, [])
        if progs:
            score += PROGRAMME_BONUS + (ROUTINE_BONUS if any(p.has_sessions for p in progs) else 0)
        result.append(Suggestion(method=method, reason=reason, score=score, rule_name=rule_name, programmes=progs))
    result.sort(key=lambda s: (-s.score, s.method.code))
    return result


def _programme_options(agency_id, competency, gap, position_type, current_level, methods) -> dict[int, list]:
    if agency_id is None or not methods:
        return {}
    qs = Programme.objects.filter(agency_id=agency_id, active=True, method__in=methods,
                                  targets__competency=competency)
    if position_type:
        qs = qs.filter(eligible_for(position_type))
    if current_level:
        qs = qs.filter(min_level__lte=current_level, max_level__gte=current_level)
    qs = qs.select_related("method", "provider").annotate(
        has_sessions=Exists(PlannedSession.objects.filter(programme=OuterRef("pk")))
    ).prefetch_related(Prefetch("targets", queryset=ProgrammeCompetency.objects.filter(competency=competency),
                                to_attr="this_target")).distinct()
    grouped: dict[int, list[ProgrammeOption]] = {}
    for p in qs:
        uplift = p.this_target[0].uplift if p.this_target else 1
        expected = (Decimal(min(uplift, gap)) * p.effectiveness).quantize(Decimal("0.01"))
        grouped.setdefault(p.method_id, []).append(ProgrammeOption(p, uplift, expected, bool(p.has_sessions)))
    for items in grouped.values():
        # most expected uplift first; then cheaper per expected level
        items.sort(key=lambda o: (-o.expected_uplift, o.programme.cost_per_participant, o.programme.title))
    return grouped
