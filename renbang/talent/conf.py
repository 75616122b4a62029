"""The keys of TalentSettings' tables, as the settings page and the API edit them (one input per key, never raw JSON).

Each table has a fixed set of keys: the position types and levels of PP 11/2017 Pasal 239 for the BUP, the
position types[:levels] of `default_min_rank` for the lowest golongan, the PermenPANRB 6/2022 predicates, the nine
cells of the talent box and the three parts of the readiness score. A key the stored table lacks reads as the value
the rule in use gives it (the BUP falls back to its type, then to 58; no golongan means no requirement); keys the
stored table has beyond these (set in the Django admin) are kept on save, untouched.
"""

from __future__ import annotations

from renbang.org.models import PositionLevel, PositionType
from renbang.people.models import Predicate
from renbang.people.ranks import PNS_RANKS

from . import retirement
from .models import TalentSettings, default_min_rank, default_predicate_scores, default_readiness_weights

BUP_KEYS: tuple[str, ...] = tuple(retirement.DEFAULT_BUP)
MIN_RANK_KEYS: tuple[str, ...] = tuple(default_min_rank())
PREDICATE_KEYS: tuple[str, ...] = tuple(default_predicate_scores())
#: The box cells, performance high → low (rows), potential low → high (columns), as the talent box page draws them.
BOX_ROWS: tuple[tuple[str, ...], ...] = tuple(tuple(f"{p}-{q}" for q in (1, 2, 3)) for p in (3, 2, 1))
BOX_KEYS: tuple[str, ...] = tuple(sorted(k for row in BOX_ROWS for k in row))
READINESS_KEYS: tuple[str, ...] = tuple(default_readiness_weights())
RANK_CHOICES: list[tuple[str, str]] = [(code, f"{code} — {title}") for code, title in PNS_RANKS.items()]

#: TalentSettings' single-valued fields, in the page's order (retirement, talent box, succession).
RETIREMENT_FIELDS = ("pension_rule",)
BOX_FIELDS = ("performance_years", "performance_high", "performance_mid", "weight_jpm", "weight_next", "weight_ac",
              "potential_high", "potential_mid")
SUCCESSION_FIELDS = ("key_horizon_years", "min_service_years", "max_rank_steps_below", "ready_now_match",
                     "ready_now_box", "ready_soon_match", "ready_soon_box")
SCALAR_FIELDS = RETIREMENT_FIELDS + BOX_FIELDS + SUCCESSION_FIELDS
TABLE_FIELDS = ("bup_table", "bup_special", "predicate_scores", "box_numbers", "min_rank_table", "readiness_weights")

_TYPES = dict(PositionType.choices)
_LEVELS = dict(PositionLevel.choices)
_PREDICATES = dict(Predicate.choices)
_READINESS = {"match": "kecocokan kompetensi", "performance": "kinerja", "box": "kotak talenta"}


def key_label(key: str) -> str:
    """"fungsional_keahlian:madya" → "Fungsional keahlian — Madya" (a predicate or a readiness part by its name)."""
    if key in _PREDICATES:
        return str(_PREDICATES[key])
    if key in _READINESS:
        return _READINESS[key]
    kind, _sep, level = key.partition(":")
    label = str(_TYPES.get(kind, kind))
    return f"{label} — {_LEVELS.get(level, level)}" if level else label


def box_label(key: str) -> str:
    perf, pot = (int(x) for x in key.split("-"))
    names = {1: "rendah", 2: "menengah", 3: "tinggi"}
    return f"kinerja {names[perf]}, potensial {names[pot]}"


def field_name(table: str, key: str) -> str:
    """The form input of one key ("bup_table" + "fungsional_keahlian:madya" → "bup_table__fungsional_keahlian__madya",
    "box_numbers" + "3-1" → "box_numbers__3_1")."""
    return f"{table}__{key.replace(':', '__').replace('-', '_')}"


def bup_of(table: dict, key: str) -> int:
    """The BUP a table gives a key, as retirement.bup_for reads it."""
    kind = key.partition(":")[0]
    return int(table.get(key, table.get(kind, retirement.FALLBACK_BUP)))


def tables_of(conf: TalentSettings) -> dict[str, dict]:
    """Every keyed table of `conf` with all its keys, each as the rules in use read it."""
    min_rank = conf.min_rank_table if isinstance(conf.min_rank_table, dict) else {}
    bup = conf.bup_table if isinstance(conf.bup_table, dict) else {}
    scores = conf.predicate_scores if isinstance(conf.predicate_scores, dict) else {}
    numbers = conf.box_numbers if isinstance(conf.box_numbers, dict) else {}
    weights = {**default_readiness_weights(), **(conf.readiness_weights or {})}  # as succession.candidates reads
    return {
        "bup_table": {k: bup_of(bup, k) for k in BUP_KEYS},
        "predicate_scores": {k: scores.get(k) for k in PREDICATE_KEYS},
        "box_numbers": {k: numbers.get(k) for k in BOX_KEYS},
        "min_rank_table": {k: min_rank.get(k) or None for k in MIN_RANK_KEYS},
        "readiness_weights": {k: weights.get(k) for k in READINESS_KEYS},
    }


def merged(conf: TalentSettings, table: str, given: dict) -> dict:
    """The table to store: what is stored, with the edited keys replaced (a golongan left empty: no requirement)."""
    stored = getattr(conf, table)
    out = {**(stored if isinstance(stored, dict) else {}), **given}
    if table == "min_rank_table":
        out = {k: v for k, v in out.items() if v}
    return out
