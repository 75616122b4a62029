"""Pangkat/golongan ruang of PNS and golongan of PPPK (DOMAIN.md "Master data")."""

from __future__ import annotations

#: PNS golongan ruang → pangkat, in ascending order (PP 99/2000 jo. PP 12/2002).
PNS_RANKS: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}
#: PPPK golongan I–XVII (Perpres 98/2020).
PPPK_RANKS: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)
PNS_ORDER = {code: i for i, code in enumerate(PNS_RANKS)}
PPPK_ORDER = {code: i for i, code in enumerate(PPPK_RANKS)}

RANK_CHOICES = [(code, f"{code} — {title}") for code, title in PNS_RANKS.items()] + [
    (code, f"PPPK {code}") for code in PPPK_RANKS
]

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def normalise_rank(raw: object) -> str:
    """Accept 'III/a', 'iii/A', 'III-a', 'III a', '3a', '3/a', 'Penata Muda (III/a)', PPPK 'IX' / 'gol. IX'."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if not text:
        return ""
    if "(" in text and ")" in text:
        text = text[text.index("(") + 1:text.index(")")]
    text = text.upper().replace("GOL.", "").replace("GOLONGAN", "").replace("PPPK", "").strip()
    for sep in ("-", " ", "."):
        text = text.replace(sep, "/")
    while "//" in text:
        text = text.replace("//", "/")
    text = text.strip("/")
    if len(text) >= 2 and text[0] in _ROMAN and text[-1].isalpha() and "/" not in text:
        text = f"{_ROMAN[text[0]]}/{text[-1]}"
    elif "/" in text and text.split("/")[0] in _ROMAN:
        head, tail = text.split("/", 1)
        text = f"{_ROMAN[head]}/{tail}"
    if "/" in text:
        head, tail = text.split("/", 1)
        text = f"{head}/{tail.lower()}"
    return text


def rank_title(code: str) -> str:
    return PNS_RANKS.get(code, f"PPPK golongan {code}" if code in PPPK_ORDER else "")
