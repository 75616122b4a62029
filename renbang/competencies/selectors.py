"""Reads of the dictionary and the standards.

The national dictionary (agency NULL) cannot go through scoping.for_user, which filters by agency
(conventions: "National reference rows"); `competencies_for_user` is its one selector: national rows plus the
user's own agency's. Standards and defaults are agency reference data and do go through for_user.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet

from renbang.accounts.scoping import for_user
from renbang.org.models import Position

from .models import Competency, CompetencyType, Indicator, Level, PositionStandard, StandardDefault


def competencies_for_user(user, *, action: str = "view") -> QuerySet[Competency]:
    """National competencies plus the user's agency's; nothing for anonymous users or users without agency.

    For action="change" only the user's own agency rows and the national ones, and only for BKPSDM admins.
    """
    if user is None or not user.is_authenticated or not user.is_active or user.agency_id is None:
        return Competency.objects.none()
    if action != "view" and not user.is_bkpsdm_admin:
        return Competency.objects.none()
    return Competency.objects.filter(Q(agency__isnull=True) | Q(agency_id=user.agency_id))


def competency_list_for_user(user, *, q: str = "", competency_type: str = "", job_family: int | None = None,
                             active: bool | None = True) -> QuerySet[Competency]:
    qs = competencies_for_user(user).select_related("job_family").annotate(n_levels=Count("levels"))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(definition__icontains=q))
    if competency_type:
        qs = qs.filter(competency_type=competency_type)
    if job_family:
        qs = qs.filter(job_family_id=job_family)
    if active is not None:
        qs = qs.filter(active=active)
    return qs.order_by("competency_type", "job_family__name", "code")


def competency_detail_for_user(user, pk: int) -> Competency | None:
    """One competency with its levels and indicators (three queries), or None when hidden or missing."""
    return (
        competencies_for_user(user)
        .select_related("job_family", "agency")
        .prefetch_related(Prefetch("levels", queryset=Level.objects.order_by("level").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")))))
        .filter(pk=pk)
        .first()
    )


def applicable_competencies(*, agency_id: int, job_family_ids: Iterable[int | None]) -> dict:
    """Active national managerial/socio-cultural competencies and the active technical ones of each family.

    Returns {"general": [Competency…], "by_family": {family_id: [Competency…]}} in one query.
    """
    family_ids = {f for f in job_family_ids if f}
    rows = Competency.objects.filter(active=True).filter(
        Q(agency__isnull=True, competency_type__in=[CompetencyType.MANAGERIAL, CompetencyType.SOCIOCULTURAL])
        | Q(agency_id=agency_id, competency_type__in=[CompetencyType.MANAGERIAL, CompetencyType.SOCIOCULTURAL])
        | Q(agency_id=agency_id, competency_type=CompetencyType.TECHNICAL, job_family_id__in=family_ids)
    ).order_by("competency_type", "code")
    general, by_family = [], defaultdict(list)
    for competency in rows:
        if competency.competency_type == CompetencyType.TECHNICAL:
            by_family[competency.job_family_id].append(competency)
        else:
            general.append(competency)
    return {"general": general, "by_family": dict(by_family)}


def default_levels_for_agency(agency_id: int) -> dict[tuple[str, str, str], int]:
    """{(position_type, level, competency_type): required_level} of the agency's editable default table."""
    return {
        (d.position_type, d.level, d.competency_type): d.required_level
        for d in StandardDefault.objects.filter(agency_id=agency_id)
    }


def defaults_for_user(user) -> QuerySet[StandardDefault]:
    return for_user(StandardDefault.objects.all(), user)


def position_standard_list_for_user(user, *, q: str = "", position_type: str = "",
                                    job_family: int | None = None) -> QuerySet[Position]:
    """Positions with the size of their standard, for the standards overview (one query per page)."""
    qs = for_user(Position.objects.filter(active=True), user).select_related("job_family")
    if q:
        qs = qs.filter(name__icontains=q)
    if position_type:
        qs = qs.filter(position_type=position_type)
    if job_family:
        qs = qs.filter(job_family_id=job_family)
    return qs.annotate(
        n_standards=Count("standards", distinct=True),
        n_manual=Count("standards", filter=Q(standards__origin=PositionStandard.Origin.MANUAL), distinct=True),
        n_next=Count("next_positions", distinct=True),
    ).order_by("name")


def position_for_user(user, pk: int) -> Position | None:
    return for_user(Position.objects.all(), user).select_related("job_family", "agency").filter(pk=pk).first()


def standards_of_position(position: Position) -> list[PositionStandard]:
    return list(
        PositionStandard.objects.filter(position=position).select_related("competency", "competency__job_family")
        .order_by("competency__competency_type", "competency__code")
    )


def _ids(positions: Iterable[Position | int]) -> list[int]:
    return [p if isinstance(p, int) else p.pk for p in positions]


def required_levels_for(positions: Iterable[Position | int]) -> dict[int, dict[int, int]]:
    """{position_id: {competency_id: required_level}} for many positions in ONE query (the needs analysis).

    Positions without any standard map to {}. Inactive competencies are left out: they are no longer required.
    """
    ids = _ids(positions)
    result: dict[int, dict[int, int]] = {pid: {} for pid in ids}
    rows = PositionStandard.objects.filter(position_id__in=ids, competency__active=True).values_list(
        "position_id", "competency_id", "required_level")
    for position_id, competency_id, level in rows:
        result[position_id][competency_id] = level
    return result


def next_positions_for(positions: Iterable[Position | int]) -> dict[int, list[int]]:
    """{position_id: [next position ids]} from the career path, in one query."""
    ids = _ids(positions)
    result: dict[int, list[int]] = {pid: [] for pid in ids}
    through = Position.next_positions.through
    for from_id, to_id in through.objects.filter(from_position_id__in=ids).values_list(
            "from_position_id", "to_position_id").order_by("from_position_id", "to_position_id"):
        result[from_id].append(to_id)
    return result


def next_required_levels_for(positions: Iterable[Position | int]) -> dict[int, dict[int, int]]:
    """{position_id: {competency_id: level}} required by the NEXT position(s) on the career path (PP 11/2017
    Pasal 206), in two queries.

    Rule when a position has several next positions: the MAXIMUM required level per competency over all of them
    (an employee ready for the most demanding option is ready for every option). Positions without a next
    position map to {} (no career gap is computed for them).
    """
    nexts = next_positions_for(positions)
    all_next = {n for ids in nexts.values() for n in ids}
    levels = required_levels_for(all_next)
    result: dict[int, dict[int, int]] = {}
    for position_id, next_ids in nexts.items():
        merged: dict[int, int] = {}
        for next_id in next_ids:
            for competency_id, level in levels.get(next_id, {}).items():
                merged[competency_id] = max(level, merged.get(competency_id, 0))
        result[position_id] = merged
    return result
