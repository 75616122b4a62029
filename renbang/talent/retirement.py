"""Retirement age (BUP) and retirement date (TMT pensiun) of every employee, vectorised (numpy, no per-row Python).

Rules and where they come from:
- PP 11/2017 Pasal 239(2) as amended by PP 17/2020: BUP 58 for pejabat administrasi (administrator, pengawas,
  pelaksana), fungsional ahli pertama, ahli muda and keterampilan; 60 for pejabat pimpinan tinggi and fungsional
  ahli madya; 65 for fungsional ahli utama. Read in the text of Pasal 239 published by BKPSDM Kab. Parigi Moutong
  (dirbkpsdm.parigimoutongkab.go.id, "Pemberhentian karena mencapai batas usia pensiun"). `DEFAULT_BUP`.
- Pasal 240: a functional position whose BUP is set by a law follows that law (e.g. guru, dosen). The values
  in `DEFAULT_SPECIAL` are UNVERIFIED defaults, editable per agency (TalentSettings.bup_special).
- TMT pensiun = the first day of the month after the month in which the BUP is reached: BKN practice as
  described in BKN's training module "Pensiun Pejabat Negara dan PNS" (2014); the primary text was not found:
  UNVERIFIED, so TalentSettings.pension_rule makes it editable ("next_month" or "birthday").
- SIASN's bupPensiun / tmtPensiun (Employee.bup_age / retirement_date, filled by the roster import or SIASN)
  win when present.
- PPPK: the day after the end of the work agreement (Employee.contract_end) where the roster has it; without
  it the BUP of the position is used (PP 49/2018: a PPPK's agreement ends at the position's BUP; UNVERIFIED).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

#: (position type[:level]) → BUP in years. PP 11/2017 Pasal 239(2) jo. PP 17/2020 (see the module docstring).
DEFAULT_BUP: dict[str, int] = {
    "jpt": 60,
    "administrator": 58,
    "pengawas": 58,
    "pelaksana": 58,
    "fungsional_keahlian:pertama": 58,
    "fungsional_keahlian:muda": 58,
    "fungsional_keahlian:madya": 60,
    "fungsional_keahlian:utama": 65,
    "fungsional_keterampilan": 58,
}
#: Fallback for a position type/level the table does not name (and for an employee without a position type).
FALLBACK_BUP = 58

#: Special cases by words in the position name (Pasal 240). UNVERIFIED defaults: BKPSDM edits them.
DEFAULT_SPECIAL: list[dict] = [
    {"contains": "guru", "age": 60, "note": "UU 14/2005 tentang Guru dan Dosen (UNVERIFIED)"},
    {"contains": "pengawas sekolah", "age": 60, "note": "UU 14/2005 (UNVERIFIED)"},
    {"contains": "dosen", "age": 65, "note": "UU 14/2005 (UNVERIFIED)"},
]

NEXT_MONTH, BIRTHDAY = "next_month", "birthday"
#: Where a date came from (codes in `Retirements.source`).
SOURCE_SIASN, SOURCE_BUP, SOURCE_CONTRACT, SOURCE_NONE = 0, 1, 2, 3
SOURCE_LABELS = {SOURCE_SIASN: "SIASN/roster", SOURCE_BUP: "BUP", SOURCE_CONTRACT: "perjanjian kerja",
                 SOURCE_NONE: "-"}

NAT = np.datetime64("NaT", "D")


def bup_for(position_type: str, level: str, name: str = "", *, table: dict[str, int] | None = None,
            special: list[dict] | None = None) -> int:
    """The BUP of one position (for a position type, level and name)."""
    lowered = (name or "").lower()
    for rule in special if special is not None else DEFAULT_SPECIAL:
        words = str(rule.get("contains", "")).strip().lower()
        if words and words in lowered:
            return int(rule["age"])
    table = table if table is not None else DEFAULT_BUP
    key = f"{position_type}:{level}" if level else position_type
    return int(table.get(key, table.get(position_type, FALLBACK_BUP)))


def _to_days(dates: list[dt.date | None]) -> np.ndarray:
    return np.array([d if d is not None else None for d in dates], dtype="datetime64[D]")


def retirement_dates(birth: np.ndarray, bup: np.ndarray, *, rule: str = NEXT_MONTH) -> np.ndarray:
    """datetime64[D] TMT pensiun for birth dates (datetime64[D]) and BUP ages (int), vectorised.

    next_month: the first day of the month after the month the BUP birthday falls in (born 29 Feb 1968, BUP 58:
    1 March 2026; born 1 March 1968: 1 April 2026). birthday: the day the BUP is reached (29 Feb → 1 March in a
    year without 29 February, as `Employee.age_on` counts age).
    """
    birth = np.asarray(birth, dtype="datetime64[D]")
    bup = np.asarray(bup, dtype=np.int64)
    months = birth.astype("datetime64[M]")  # month of birth
    if rule == NEXT_MONTH:
        return (months + (bup * 12 + 1)).astype("datetime64[D]")
    if rule != BIRTHDAY:
        raise ValueError(f"unknown pension rule {rule!r}")
    day_in_month = (birth - months.astype("datetime64[D]")).astype(np.int64)
    target_month = months + bup * 12
    out = target_month.astype("datetime64[D]") + day_in_month
    # 29 February in a year without it: the day after 28 February (1 March), never 2 March
    overflow = out.astype("datetime64[M]") != target_month
    return np.where(overflow, (target_month + 1).astype("datetime64[D]"), out)


@dataclass
class Retirements:
    """Aligned arrays for a list of employees."""

    employee_ids: np.ndarray  # int64
    bup_age: np.ndarray  # int16; 0 = not applicable (PPPK with a contract end)
    date: np.ndarray  # datetime64[D]; NaT = unknown
    source: np.ndarray  # int8, SOURCE_*

    def leaving_between(self, start: dt.date, end: dt.date) -> np.ndarray:
        """Boolean mask: the date falls in [start, end)."""
        d = self.date
        return ~np.isnat(d) & (d >= np.datetime64(start, "D")) & (d < np.datetime64(end, "D"))

    def as_dict(self) -> dict[int, tuple[int, dt.date | None, int]]:
        dates = self.date.astype(object)
        return {int(e): (int(b), d, int(s)) for e, b, d, s in zip(self.employee_ids.tolist(), self.bup_age.tolist(),
                                                                 dates.tolist(), self.source.tolist(), strict=True)}


def compute(rows: list[tuple], *, table: dict[str, int] | None = None, special: list[dict] | None = None,
            rule: str = NEXT_MONTH, pppk_statuses: frozenset[str] = frozenset({"pppk", "pppk_pw"})) -> Retirements:
    """Retirement of each row (id, birth_date, status, position_type, level, position_name, bup_age,
    retirement_date, contract_end): the BUP per distinct position is looked up once, the dates are numpy."""
    n = len(rows)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
    memo: dict[tuple[str, str, str], int] = {}
    bup = np.empty(n, dtype=np.int16)
    for i, r in enumerate(rows):
        key = (r[3] or "", r[4] or "", r[5] or "")
        value = memo.get(key)
        if value is None:
            value = memo[key] = bup_for(*key, table=table, special=special)
        bup[i] = r[6] if r[6] else value
    birth = _to_days([r[1] for r in rows])
    dates = retirement_dates(birth, bup, rule=rule) if n else np.array([], dtype="datetime64[D]")
    source = np.full(n, SOURCE_BUP, dtype=np.int8)
    given = _to_days([r[7] for r in rows])
    contract = _to_days([r[8] for r in rows])
    pppk = np.fromiter((r[2] in pppk_statuses for r in rows), dtype=bool, count=n)
    has_contract = pppk & ~np.isnat(contract)
    dates = np.where(has_contract, contract + 1, dates)  # the first day outside the agreement
    source[has_contract] = SOURCE_CONTRACT
    bup = np.where(has_contract, 0, bup).astype(np.int16)
    has_given = ~np.isnat(given)
    dates = np.where(has_given, given, dates)
    source[has_given] = SOURCE_SIASN
    no_birth = np.isnat(birth) & ~has_given & ~has_contract
    dates[no_birth] = NAT
    source[no_birth] = SOURCE_NONE
    return Retirements(employee_ids=ids, bup_age=bup, date=dates, source=source)
