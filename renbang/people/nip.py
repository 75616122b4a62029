"""NIP (PNS) and NI PPPK: parsing and validation, with Indonesian messages that say which part is wrong.

Structure (BKN; DOMAIN.md "Master data"): 18 digits —
  1–8   birth date YYYYMMDD
  9–14  PNS: CPNS appointment YYYYMM;  PPPK: year of appointment + a field whose meaning is disputed
  15    sex: 1 male, 2 female
  16–18 sequence number
For NI PPPK only the length, the birth date and the sex digit are validated (the middle field is disputed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MALE, FEMALE = "L", "P"
CPNS_MINIMUM_AGE = 18  # UU 20/2023 and PP 11/2017 Pasal 23: an applicant is at least 18 years old


class NipError(ValueError):
    """A NIP that breaks a rule; the message is shown to the user as it is."""


@dataclass(frozen=True)
class NipInfo:
    birth_date: dt.date
    sex: str
    appointment: tuple[int, int] | None  # (year, month) of the CPNS appointment, for PNS only
    sequence: int


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def normalise_nip(raw: object) -> str:
    """Spreadsheets hand NIPs over with spaces, dots, a leading apostrophe or as floats: keep the digits."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # 1.98e17 as float loses digits: the importer warns about numeric cells separately
    text = str(raw).strip().lstrip("'")
    return "".join(ch for ch in text if not ch.isspace() and ch not in ".-")


def parse_nip(nip: str, *, pppk: bool = False, today: dt.date | None = None) -> NipInfo:
    """Parse and validate a NIP; raise NipError with an Indonesian message naming the faulty part."""
    today = today or dt.date.today()
    label = "NI PPPK" if pppk else "NIP"
    if not nip.isdigit() or not nip.isascii():
        raise NipError(f"{label} hanya boleh berisi angka.")
    if len(nip) != 18:
        raise NipError(f"{label} harus 18 digit (sekarang {len(nip)} digit).")
    birth = _date(nip[0:8])
    if birth is None:
        raise NipError(f"{label} digit 1–8 ({nip[0:8]}) bukan tanggal lahir yang sah (format TTTTBBHH).")
    if birth > today or birth.year < 1900:
        raise NipError(f"{label} digit 1–8: tanggal lahir {birth:%d-%m-%Y} tidak mungkin.")
    sex_digit = nip[14]
    if sex_digit not in "12":
        raise NipError(f"{label} digit 15 harus 1 (laki-laki) atau 2 (perempuan), bukan {sex_digit}.")
    appointment = None
    if not pppk:
        year, month = int(nip[8:12]), int(nip[12:14])
        if not 1 <= month <= 12:
            raise NipError(f"NIP digit 9–14 ({nip[8:14]}): bulan pengangkatan CPNS {month:02d} tidak sah.")
        if (year, month) > (today.year, today.month):
            raise NipError(f"NIP digit 9–14: pengangkatan CPNS {month:02d}/{year} ada di masa depan.")
        if (year, month) < (birth.year + CPNS_MINIMUM_AGE, birth.month):
            raise NipError(
                f"NIP digit 9–14: pengangkatan CPNS {month:02d}/{year} sebelum usia {CPNS_MINIMUM_AGE} tahun "
                f"(lahir {birth:%d-%m-%Y})."
            )
        appointment = (year, month)
    return NipInfo(
        birth_date=birth, sex=MALE if sex_digit == "1" else FEMALE, appointment=appointment,
        sequence=int(nip[15:18]),
    )


def check_consistency(info: NipInfo, *, birth_date: dt.date | None, sex: str | None) -> list[tuple[str, str]]:
    """Compare a parsed NIP with the birth date and sex given separately; return (field, message) pairs."""
    problems = []
    if birth_date and birth_date != info.birth_date:
        problems.append(("birth_date", f"Tanggal lahir {birth_date:%d-%m-%Y} tidak sama dengan NIP "
                                       f"({info.birth_date:%d-%m-%Y})."))
    if sex and sex != info.sex:
        expected = "laki-laki" if info.sex == MALE else "perempuan"
        problems.append(("sex", f"Jenis kelamin tidak sesuai digit 15 NIP ({expected})."))
    return problems


def make_nip(birth: dt.date, appointment: tuple[int, int] | None, sex: str, sequence: int) -> str:
    """Build a NIP from its parts (demo data and tests); `appointment` None gives a zero middle field."""
    middle = f"{appointment[0]:04d}{appointment[1]:02d}" if appointment else "000000"
    return f"{birth:%Y%m%d}{middle}{'1' if sex == MALE else '2'}{sequence % 1000:03d}"
