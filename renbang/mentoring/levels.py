"""Where mentoring gets competency levels from: a pluggable provider.

Until the needs app provides assessed current levels, the default provider uses the job competency standard
(SKJ, PositionStandard; else the agency's StandardDefault for the position type and jenjang) as a PROXY:
- a mentor's current level = the level their own position requires;
- a mentee's required level = the level their position requires, and their current level is assumed one level
  below it (a one-level gap on each programme competency).
The needs app replaces this by setting `settings.RENBANG_MENTORING_LEVELS` to the dotted path of a function
with the same signature that returns assessed levels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

from renbang.competencies.models import Competency, PositionStandard, StandardDefault

Key = tuple[int, int]  # (employee id, competency id)


@dataclass
class Levels:
    mentor_level: dict[Key, int] = field(default_factory=dict)
    mentee_required: dict[Key, int] = field(default_factory=dict)
    mentee_current: dict[Key, int] = field(default_factory=dict)
    source: str = ""


LevelProvider = Callable[..., Levels]
DEFAULT_PROVIDER = "renbang.mentoring.levels.standard_proxy_levels"


def get_provider() -> LevelProvider:
    return import_string(getattr(settings, "RENBANG_MENTORING_LEVELS", DEFAULT_PROVIDER))


def required_levels(agency_id: int, employees: Sequence, competencies: Sequence[Competency]) -> dict[Key, int]:
    """The level each employee's position requires for each competency (SKJ, else the agency default)."""
    positions = {e.position_id for e in employees}
    comp_ids = [c.pk for c in competencies]
    by_position = {(p, c): lvl for p, c, lvl in PositionStandard.objects.filter(
        position_id__in=positions, competency_id__in=comp_ids).values_list("position_id", "competency_id",
                                                                           "required_level")}
    defaults = {(t, lv, ct): req for t, lv, ct, req in StandardDefault.objects.filter(agency_id=agency_id)
                .values_list("position_type", "level", "competency_type", "required_level")}
    result = {}
    for e in employees:
        for c in competencies:
            level = by_position.get((e.position_id, c.pk))
            if level is None:
                level = defaults.get((e.position.position_type, e.position.level, c.competency_type))
            if level is None:
                level = defaults.get((e.position.position_type, "", c.competency_type))
            if level is not None:
                result[(e.pk, c.pk)] = level
    return result


def standard_proxy_levels(*, agency_id: int, mentors: Sequence, mentees: Sequence,
                          competencies: Sequence[Competency]) -> Levels:
    mentor_req = required_levels(agency_id, mentors, competencies)
    mentee_req = required_levels(agency_id, mentees, competencies)
    return Levels(
        mentor_level=mentor_req,
        mentee_required=mentee_req,
        mentee_current={k: max(v - 1, 0) for k, v in mentee_req.items()},
        source="Perkiraan dari standar kompetensi jabatan (belum hasil asesmen): level mentor = standar jabatannya; "
               "mentee dianggap satu level di bawah standar jabatannya.",
    )
