"""The initial values of the editable default table (StandardDefault) for a new agency.

UNVERIFIED (DOMAIN.md): the required managerial and socio-cultural level by position level is common practice,
not found in a primary text: JPT Utama 5, JPT Madya 5, JPT Pratama 4, Administrator 3, Pengawas 2, Pelaksana 1.
Functional positions are "mapped alike", here by the seniority scale of `org.models.SENIORITY`:
keahlian utama 5, madya 4, muda 3, pertama 2; keterampilan penyelia 2, mahir 2, terampil 1, pemula 1.
The technical row gives the level at which a position needs its job family's technical competencies
(same scale). Every value is data that BKPSDM edits on the defaults page; nothing here is a rule.
"""

from __future__ import annotations

from renbang.org.models import SENIORITY, PositionLevel, PositionType

from .models import CompetencyType

#: (position_type, level) in the order the defaults page shows them (career ladders, top first).
POSITION_KINDS: tuple[tuple[str, str], ...] = (
    (PositionType.JPT, PositionLevel.UTAMA),
    (PositionType.JPT, PositionLevel.MADYA),
    (PositionType.JPT, PositionLevel.PRATAMA),
    (PositionType.ADMINISTRATOR, ""),
    (PositionType.SUPERVISORY, ""),
    (PositionType.EXECUTIVE, ""),
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.UTAMA),
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.MADYA),
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.MUDA),
    (PositionType.FUNCTIONAL_EXPERT, PositionLevel.PERTAMA),
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.PENYELIA),
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.MAHIR),
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.TERAMPIL),
    (PositionType.FUNCTIONAL_SKILLED, PositionLevel.PEMULA),
)

COMPETENCY_TYPES = (CompetencyType.MANAGERIAL, CompetencyType.SOCIOCULTURAL, CompetencyType.TECHNICAL)


def initial_level(position_type: str, level: str) -> int:
    """The seeded default for one kind of position: its seniority, capped at level 5 (JPT Utama → 5)."""
    return max(1, min(5, SENIORITY.get((position_type, level), 1)))


def kind_label(position_type: str, level: str) -> str:
    label = str(PositionType(position_type).label)
    return f"{label} {PositionLevel(level).label}" if level else label
