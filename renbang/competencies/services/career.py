"""The career path (PP 11/2017 Pasal 206: the gap is also measured against the NEXT position).

Default next positions follow the type ladders:
- administrasi/JPT: pelaksana → pengawas → administrator → JPT pratama (→ madya → utama where they exist);
- fungsional keahlian: pertama → muda → madya → utama;
- fungsional keterampilan: pemula → terampil → mahir → penyelia.
A proposal is only a proposal: BKPSDM edits `Position.next_positions` on the standard page.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.org.models import Position, PositionLevel, PositionType

LADDERS: tuple[tuple[tuple[str, str], ...], ...] = (
    ((PositionType.EXECUTIVE, ""), (PositionType.SUPERVISORY, ""), (PositionType.ADMINISTRATOR, ""),
     (PositionType.JPT, PositionLevel.PRATAMA), (PositionType.JPT, PositionLevel.MADYA),
     (PositionType.JPT, PositionLevel.UTAMA)),
    ((PositionType.FUNCTIONAL_EXPERT, PositionLevel.PERTAMA), (PositionType.FUNCTIONAL_EXPERT, PositionLevel.MUDA),
     (PositionType.FUNCTIONAL_EXPERT, PositionLevel.MADYA), (PositionType.FUNCTIONAL_EXPERT, PositionLevel.UTAMA)),
    ((PositionType.FUNCTIONAL_SKILLED, PositionLevel.PEMULA), (PositionType.FUNCTIONAL_SKILLED, PositionLevel.TERAMPIL),
     (PositionType.FUNCTIONAL_SKILLED, PositionLevel.MAHIR), (PositionType.FUNCTIONAL_SKILLED, PositionLevel.PENYELIA)),
)
#: How many positions a proposal names at most (administrative ladders can have hundreds at the next rung).
PROPOSAL_LIMIT = 3


def next_rung(position_type: str, level: str) -> tuple[str, str] | None:
    for ladder in LADDERS:
        if (position_type, level) in ladder:
            index = ladder.index((position_type, level))
            return ladder[index + 1] if index + 1 < len(ladder) else None
    return None


def _renamed(name: str, level: str, next_level: str) -> str | None:
    """'Guru Ahli Pertama' → 'guru ahli muda': functional positions differ only by their jenjang word."""
    if not level or not next_level:
        return None
    pattern = re.compile(rf"\b{re.escape(str(PositionLevel(level).label))}\b", re.IGNORECASE)
    if not pattern.search(name):
        return None
    return pattern.sub(str(PositionLevel(next_level).label), name).lower()


def _propose(position, candidates: list) -> list:
    rung = next_rung(position.position_type, position.level)
    if rung is None:
        return []
    at_rung = [c for c in candidates if (c.position_type, c.level) == rung and c.pk != position.pk]
    renamed = _renamed(position.name, position.level, rung[1])
    if renamed:
        same_name = [c for c in at_rung if c.name.lower() == renamed]
        if same_name:
            return same_name[:1]
    same_family = [c for c in at_rung if c.job_family_id == position.job_family_id]
    if position.position_type in (PositionType.FUNCTIONAL_EXPERT, PositionType.FUNCTIONAL_SKILLED):
        # A functional career stays in its own function: no family match, no proposal.
        same_family = [c for c in same_family if position.job_family_id]
    elif not same_family:
        # Structural leadership posts (e.g. JPT pratama) often have no job family: they are open to every family.
        same_family = [c for c in at_rung if c.job_family_id is None]
    return sorted(same_family, key=lambda c: c.name)[:PROPOSAL_LIMIT]


def _candidates(agency_id: int) -> list:
    return list(Position.objects.filter(agency_id=agency_id, active=True).only(
        "pk", "name", "position_type", "level", "job_family_id"))


def career_default_next(*, position: Position, candidates: list | None = None) -> list[Position]:
    """Propose the next position(s) on the type ladder (writes nothing).

    Preference: the same functional position one jenjang up (by name); otherwise positions of the next rung in the
    same job family (both without family counts as the same); for structural positions without such a match, the
    next rung's positions without a family (leadership posts open to all). At most PROPOSAL_LIMIT, by name. The top of a
    ladder (JPT utama, ahli utama, penyelia) has no default next position.
    """
    return _propose(position, candidates if candidates is not None else _candidates(position.agency_id))


@transaction.atomic
def career_set_next(*, position: Position, next_positions) -> list[Position]:
    """Replace the position's next positions (same agency, never itself). Recorded in the audit trail."""
    next_positions = list(next_positions)
    for other in next_positions:
        if other.pk == position.pk:
            raise ValidationError(_("Jabatan tidak dapat menjadi jabatan berikutnya bagi dirinya sendiri."))
        if other.agency_id != position.agency_id:
            raise ValidationError(_("Jabatan berikutnya harus dari instansi yang sama."))
    position.next_positions.set(next_positions)
    return next_positions


@transaction.atomic
def career_apply_defaults(*, agency, only_empty: bool = True) -> int:
    """Fill the career path of every active position from the ladders; by default only where none is set.

    Returns the number of positions given next positions. Bulk: three queries plus one bulk insert.
    """
    candidates = _candidates(agency.pk)
    through = Position.next_positions.through
    has_next = set(through.objects.filter(from_position__agency=agency).values_list("from_position_id", flat=True))
    links, touched = [], []
    for position in candidates:
        if only_empty and position.pk in has_next:
            continue
        proposal = _propose(position, candidates)
        if proposal:
            touched.append(position.pk)
            links += [through(from_position_id=position.pk, to_position_id=p.pk) for p in proposal]
    if not only_empty:
        through.objects.filter(from_position_id__in=touched).delete()
    through.objects.bulk_create(links, ignore_conflicts=True)
    return len(touched)
