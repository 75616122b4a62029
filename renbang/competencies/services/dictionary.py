"""Editing the dictionary: an agency's technical competencies (per job family) and the text of national ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.competencies.models import Competency, CompetencyType, Indicator, Level


@dataclass
class LevelData:
    """What a form row or an import row says about one level."""

    level: int
    description: str
    title: str = ""
    indicators: list[str] = field(default_factory=list)


def split_indicators(text: str) -> list[str]:
    """One behavioural indicator per line; bullets and blank lines dropped."""
    lines = (line.strip().lstrip("•-*·").strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


@transaction.atomic
def competency_save(*, agency, competency: Competency | None = None, code: str = "", name: str,
                    definition: str = "", job_family=None, active: bool = True,
                    levels: list[LevelData]) -> Competency:
    """Create or update a competency with its five levels and their indicators.

    A new competency is always a technical one of `agency` (managerial and socio-cultural ones are the national
    dictionary). For a national competency only the text changes (name, definition, levels, indicators): its code
    and type follow PermenPANRB 38/2017. Raises ValidationError (Indonesian) and writes nothing when invalid.
    """
    numbers = sorted(item.level for item in levels)
    if numbers != [1, 2, 3, 4, 5]:
        raise ValidationError(_("Kompetensi harus memiliki tepat lima level (1–5)."))
    for item in levels:
        if not item.description.strip():
            raise ValidationError(_("Deskripsi level %(level)s wajib diisi.") % {"level": item.level})
    if competency is None:
        competency = Competency(agency=agency, competency_type=CompetencyType.TECHNICAL, source=_("Instansi"))
    elif competency.agency_id not in (None, agency.pk):
        raise ValidationError(_("Kompetensi ini milik instansi lain."))
    national = competency.pk is not None and competency.agency_id is None
    if not national:
        competency.code = code.strip()
        competency.job_family = job_family
        if job_family is not None and job_family.agency_id != agency.pk:
            raise ValidationError({"job_family": _("Rumpun jabatan harus dari instansi yang sama.")})
        if competency.competency_type == CompetencyType.TECHNICAL and job_family is None:
            raise ValidationError({"job_family": _("Kompetensi teknis wajib memiliki rumpun jabatan.")})
    competency.name = name.strip()
    competency.definition = definition.strip()
    competency.active = active
    competency.full_clean()
    competency.save()
    existing = {lvl.level: lvl for lvl in competency.levels.prefetch_related("indicators")}
    for item in levels:
        level = existing.get(item.level) or Level(competency=competency, level=item.level)
        changed = level.pk is None or level.title != item.title.strip() or level.description != item.description.strip()
        level.title = item.title.strip()
        level.description = item.description.strip()
        if changed:
            level.full_clean()
            level.save()
        current = [ind.text for ind in level.indicators.all()] if item.level in existing else []
        wanted = [text.strip() for text in item.indicators if text.strip()]
        if current != wanted:
            level.indicators.all().delete()
            for order, text in enumerate(wanted, start=1):
                indicator = Indicator(level=level, order=order, text=text)
                indicator.full_clean()
                indicator.save()
    return competency


@transaction.atomic
def competency_set_active(*, competency: Competency, active: bool) -> Competency:
    """Retire (or bring back) a competency; standards keep their history, new defaults leave it out."""
    competency.active = active
    competency.full_clean()
    competency.save(update_fields=["active"])
    return competency
