"""Spreadsheet layouts of the dictionary and the standards: the export writes what the import reads (round trip)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch

from .models import Competency, CompetencyType, Indicator, Level, PositionStandard

TECHNICAL_HEADERS = ["Kode", "Nama kompetensi", "Rumpun jabatan", "Definisi", "Aktif", "Level", "Judul level",
                     "Deskripsi level", "Indikator perilaku"]
TECHNICAL_ALIASES = {
    "code": ["Kode", "Kode kompetensi"],
    "name": ["Nama kompetensi", "Nama", "Kompetensi"],
    "job_family": ["Rumpun jabatan", "Rumpun", "Kode rumpun"],
    "definition": ["Definisi", "Deskripsi kompetensi"],
    "active": ["Aktif", "Status"],
    "level": ["Level", "Tingkat"],
    "title": ["Judul level", "Judul"],
    "description": ["Deskripsi level", "Uraian level", "Deskripsi"],
    "indicators": ["Indikator perilaku", "Indikator"],
}
STANDARD_HEADERS = ["Jabatan", "Jenis jabatan", "Jenjang", "Rumpun jabatan", "Kode kompetensi", "Nama kompetensi",
                    "Jenis kompetensi", "Level", "Asal"]
STANDARD_ALIASES = {
    "position": ["Jabatan", "Nama jabatan", "jabatanNama"],
    "code": ["Kode kompetensi", "Kode"],
    "level": ["Level", "Level dipersyaratkan", "Level yang dipersyaratkan"],
    "origin": ["Asal"],
}


def technical_rows(agency_id: int) -> Iterator[list]:
    """One row per level of each technical competency of the agency; indicators one per line in one cell."""
    competencies = (
        Competency.objects.filter(agency_id=agency_id, competency_type=CompetencyType.TECHNICAL)
        .select_related("job_family")
        .prefetch_related(Prefetch("levels", queryset=Level.objects.order_by("level").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")))))
        .order_by("code")
    )
    for c in competencies:
        family = c.job_family.code if c.job_family else ""
        for level in c.levels.all():
            yield [c.code, c.name, family, c.definition, "Ya" if c.active else "Tidak", level.level, level.title,
                   level.description, "\n".join(i.text for i in level.indicators.all())]


def standard_rows(agency_id: int) -> Iterator[list]:
    """The whole standard of the agency: one row per position × competency."""
    rows = (
        PositionStandard.objects.filter(position__agency_id=agency_id)
        .select_related("position", "position__job_family", "competency")
        .order_by("position__name", "competency__competency_type", "competency__code")
    )
    for s in rows.iterator(chunk_size=2000):
        p = s.position
        yield [p.name, p.get_position_type_display(), p.get_level_display() if p.level else "",
               p.job_family.name if p.job_family else "", s.competency.code, s.competency.name,
               s.competency.get_competency_type_display(), s.required_level, s.get_origin_display()]
