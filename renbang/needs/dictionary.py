"""The competency dictionary as the questionnaires show it (levels with their behavioural indicators)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from renbang.competencies.models import Competency, Level


def competencies_with_levels(ids: Iterable[int]) -> list[Competency]:
    """Competencies in dictionary order with `levels` and their `indicators` prefetched (3 queries)."""
    levels = Level.objects.order_by("level").prefetch_related("indicators")
    return list(Competency.objects.filter(pk__in=list(ids)).order_by("competency_type", "code")
                .prefetch_related(Prefetch("levels", queryset=levels)))


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
