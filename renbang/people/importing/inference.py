"""Documented keyword rules that guess the type of a new position and the kind of a new unit from their names.

Used only for positions and units that do not exist yet; existing ones are matched by name and kept as they
are (BKPSDM can correct a guess afterwards on the position/unit page, and the next import keeps the correction).

Positions (first rule that matches wins; names compared case-insensitively, whole words):
1. "… Ahli Pertama/Muda/Madya/Utama" → fungsional keahlian with that jenjang.
2. "… Pemula/Terampil/Mahir/Penyelia" → fungsional keterampilan with that jenjang.
3. Jenis jabatan column says "Pelaksana" or "Fungsional Umum" → pelaksana.
4. Jenis jabatan says "Fungsional" and the name ends in Pertama/Muda/Madya/Utama (old names such as
   "Guru Muda") → fungsional keahlian with that jenjang.
5. "Kepala Dinas/Badan/Satuan/Kantor", "Sekretaris Daerah/DPRD", "Inspektur" (not "Inspektur Pembantu"),
   "Asisten …", "Staf Ahli …", "Direktur …" (not "Wakil Direktur") → JPT pratama (madya/utama when the
   jenis jabatan column says so).
6. "Sekretaris Kelurahan", "Kepala Seksi/Subbagian/Subbidang/Sub Bagian/UPT/Unit/Tata Usaha", "Kasi",
   "Kasubbag", "Kasubbid", "Lurah" → pengawas.
7. "Sekretaris …", "Kepala Bidang/Bagian", "Kabid", "Kabag", "Camat", "Inspektur Pembantu", "Wakil Direktur"
   → administrator.
8. Otherwise, when the jenis jabatan column says "Fungsional" or "Struktural"/"JPT", the type cannot be
   guessed: the row is an error (create the position first, or fix its name). Otherwise → pelaksana.
"""

from __future__ import annotations

import re

from renbang.org.models import PositionLevel, PositionType, UnitKind


class PositionGuessError(ValueError):
    pass


_EXPERT = re.compile(r"\bahli\s+(pertama|muda|madya|utama)\b")
_SKILLED = re.compile(r"\b(pemula|terampil|mahir|penyelia)\b")
_OLD_FUNCTIONAL = re.compile(r"\b(pertama|muda|madya|utama)\s*$")
_JPT = re.compile(
    r"^(kepala\s+(dinas|badan|satuan|kantor)\b|sekretaris\s+(daerah|dprd)\b|inspektur\b(?!\s+pembantu)"
    r"|asisten\b|staf\s+ahli\b|direktur\b)"
)
_SUPERVISORY = re.compile(
    r"^(sekretaris\s+kelurahan\b|kepala\s+(seksi|subbagian|sub\s+bagian|subbidang|sub\s+bidang|upt|unit"
    r"|tata\s+usaha)\b|kasi\b|kasubbag\b|kasubag\b|kasubbid\b|kasubid\b|lurah\b|kepala\s+kelurahan\b)"
)
_ADMINISTRATOR = re.compile(
    r"^(sekretaris\b|kepala\s+(bidang|bagian)\b|kabid\b|kabag\b|camat\b|inspektur\s+pembantu\b"
    r"|wakil\s+direktur\b|kepala\s+kecamatan\b)"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace(".", " ")).strip()


def guess_position(name: str, jenis: str = "") -> tuple[str, str]:
    """(position_type, level) for a new position named `name`, with the SIASN/Indonesian jenis jabatan text."""
    text, kind = _norm(name), _norm(jenis)
    if match := _EXPERT.search(text):
        return PositionType.FUNCTIONAL_EXPERT, match.group(1)
    if match := _SKILLED.search(text):
        return PositionType.FUNCTIONAL_SKILLED, match.group(1)
    if "pelaksana" in kind or "fungsional umum" in kind:
        return PositionType.EXECUTIVE, PositionLevel.NONE
    if "fungsional" in kind and (match := _OLD_FUNCTIONAL.search(text)):
        return PositionType.FUNCTIONAL_EXPERT, match.group(1)
    if _JPT.search(text):
        level = PositionLevel.PRATAMA
        if "utama" in kind:
            level = PositionLevel.UTAMA
        elif "madya" in kind:
            level = PositionLevel.MADYA
        return PositionType.JPT, level
    if _SUPERVISORY.search(text):
        return PositionType.SUPERVISORY, PositionLevel.NONE
    if _ADMINISTRATOR.search(text):
        return PositionType.ADMINISTRATOR, PositionLevel.NONE
    if "fungsional" in kind:
        raise PositionGuessError(
            "Jenjang jabatan fungsional baru tidak dapat ditentukan dari namanya (harus memuat Ahli Pertama/Muda/"
            "Madya/Utama atau Pemula/Terampil/Mahir/Penyelia); buat jabatan ini lebih dulu di menu Jabatan.")
    if "struktural" in kind or "pimpinan" in kind or "jpt" in kind:
        raise PositionGuessError(
            "Jenis jabatan struktural baru tidak dapat ditentukan dari namanya (mis. Kepala Dinas, Kepala Bidang, "
            "Kepala Seksi); buat jabatan ini lebih dulu di menu Jabatan.")
    return PositionType.EXECUTIVE, PositionLevel.NONE


_UNIT_KINDS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^sekretariat\s+daerah\b"), UnitKind.SECRETARIAT),
    (re.compile(r"^sekretariat\s+dprd\b"), UnitKind.DPRD_SECRETARIAT),
    (re.compile(r"^sekretariat\b"), UnitKind.SECRETARIAT_UNIT),
    (re.compile(r"^inspektorat\b"), UnitKind.INSPECTORATE),
    (re.compile(r"^dinas\b"), UnitKind.OFFICE),
    (re.compile(r"^badan\b"), UnitKind.BOARD),
    (re.compile(r"^(satuan|kantor)\b"), UnitKind.AGENCY_UNIT),
    (re.compile(r"^(rsud|rumah\s+sakit)\b"), UnitKind.HOSPITAL),
    (re.compile(r"^kecamatan\b"), UnitKind.DISTRICT),
    (re.compile(r"^kelurahan\b"), UnitKind.VILLAGE),
    (re.compile(r"^puskesmas\b"), UnitKind.HEALTH_CENTRE),
    (re.compile(r"^(upt|uptd|unit\s+pelaksana\s+teknis)\b"), UnitKind.TECHNICAL_UNIT),
    (re.compile(r"^(sd|smp|sma|smk|tk|sekolah|sdn|smpn)\b"), UnitKind.SCHOOL),
    (re.compile(r"^(subbagian|sub\s+bagian)\b"), UnitKind.SUBDIVISION),
    (re.compile(r"^bagian\b"), UnitKind.DIVISION),
    (re.compile(r"^bidang\b"), UnitKind.FIELD),
    (re.compile(r"^(seksi|subbidang|sub\s+bidang)\b"), UnitKind.SECTION),
]


def guess_unit_kind(name: str) -> str:
    text = _norm(name)
    for pattern, kind in _UNIT_KINDS:
        if pattern.search(text):
            return kind
    return UnitKind.OTHER
