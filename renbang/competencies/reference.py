"""The national dictionary of managerial and socio-cultural competencies, as reference data.

Source: Peraturan Menteri PANRB Nomor 38 Tahun 2017 tentang Standar Kompetensi Jabatan Aparatur Sipil Negara,
Lampiran (Kamus Kompetensi Manajerial dan Sosial Kultural): M.1–M.8 and SK.1, five levels each with behavioural
indicators. The text ships in `data/kamus-kompetensi-permenpanrb-38-2017.json`; its `source` is kept in
`Competency.source` so every screen can cite where the words come from.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "kamus-kompetensi-permenpanrb-38-2017.json"
NATIONAL_CODES = ("M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1")
_TYPES = {"manajerial": "manajerial", "sosial kultural": "sosial_kultural", "sosial_kultural": "sosial_kultural"}


@cache
def national_dictionary() -> dict:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_national_dictionary(competency_model, level_model, indicator_model) -> int:
    """Create whatever of the national dictionary is missing; never overwrite text BKPSDM has edited.

    Takes the model classes so that the data migration can pass its historical models. Idempotent: a second
    run creates nothing. Returns the number of rows created.
    """
    data = national_dictionary()
    created = 0
    for entry in data["competencies"]:
        competency, made = competency_model.objects.get_or_create(
            agency=None, code=entry["code"],
            defaults={"name": entry["name"], "competency_type": _TYPES[entry["type"]],
                      "definition": entry["definition"], "source": data["source"][:300], "active": True},
        )
        created += made
        for level_entry in entry["levels"]:
            level, made = level_model.objects.get_or_create(
                competency=competency, level=level_entry["level"],
                defaults={"title": level_entry.get("title", ""), "description": level_entry["description"]},
            )
            created += made
            if made or not indicator_model.objects.filter(level=level).exists():
                indicator_model.objects.bulk_create([
                    indicator_model(level=level, order=i, text=text)
                    for i, text in enumerate(level_entry["indicators"], start=1)
                ])
                created += len(level_entry["indicators"])
    return created
