"""The competency dictionary as the questionnaires show it (levels with their behavioural indicators)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from renbang.competencies.models import Competency, Level


@dataclass(frozen=True)
class LevelText:
    """One level of a competency as a questionnaire shows it: its title, description and behavioural indicators."""

    level: int
    title: str
    description: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One competency of a questionnaire with the five levels to choose from."""

    pk: int
    code: str
    name: str
    definition: str
    levels: tuple[LevelText, ...]

    @cached_property
    def digest(self) -> str:
        """A fingerprint of everything shown of the question: the key of its cached markup, which therefore changes
        the moment the dictionary does (the markup holds reference data only, never a person's)."""
        return hashlib.blake2b(repr(self).encode(), digest_size=16).hexdigest()


def questions_for(ids: Iterable[int], *, with_levels: Iterable[int] | None = None) -> list[Question]:
    """The questionnaire's competencies in dictionary order, read as plain values in two queries (the forms are the
    busiest pages of a campaign's last days: no model instance per level and indicator, no prefetch per level).

    `with_levels` limits the levels read to those competencies (the supervisor's grid shows one at a time).
    """
    ids = list(ids)
    if not ids:
        return []
    levels: dict[int, list[LevelText]] = {}
    last: tuple[int, int] | None = None
    # One row per indicator (a level without one gives one row with None): LEFT JOIN, in the dictionary's order.
    rows = (Level.objects.filter(competency_id__in=ids if with_levels is None else list(with_levels))
            .order_by("competency_id", "level", "indicators__order", "indicators__pk")
            .values_list("competency_id", "level", "title", "description", "indicators__text"))
    for competency_id, level, title, description, indicator in rows:
        items = levels.setdefault(competency_id, [])
        if last != (competency_id, level):
            items.append(LevelText(level, title, description, ()))
            last = (competency_id, level)
        if indicator is not None:
            items[-1] = LevelText(level, title, description, (*items[-1].indicators, indicator))
    return [Question(pk, code, name, definition, tuple(levels.get(pk, ())))
            for pk, code, name, definition in Competency.objects.filter(pk__in=ids)
            .order_by("competency_type", "code").values_list("pk", "code", "name", "definition")]


def parse_levels(data, prefix: str, keys: Iterable[int]) -> tuple[dict[int, int | None], list[str]]:
    """Read `<prefix><key>` fields as levels 1–5 (blank clears); the list holds the keys with a bad value."""
    result: dict[int, int | None] = {}
    bad: list[str] = []
    for key in keys:
        raw = data.get(f"{prefix}{key}")
        if raw is None:
            continue
        raw = raw.strip()
        if raw == "":
            result[key] = None
        elif raw.isdigit() and 1 <= int(raw) <= 5:
            result[key] = int(raw)
        else:
            bad.append(str(key))
    return result, bad
