"""Columns of a roster file: accepted headers (Indonesian and SIASN) and how each cell is read.

Every reader returns the model value or raises `CellError` with an Indonesian message that names the rule.
Header matching ignores case, spaces and punctuation (`tabular.header_key`): "Tgl. Lahir", "tgl_lahir" and
"TGL LAHIR" are one header.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from renbang.core.tabular import cell_text, parse_date

from ..models import Education, EmployeeStatus, Predicate, Sex
from ..nip import normalise_nip

#: field → accepted headers; the first header is the canonical (Indonesian) name shown in messages and docs.
ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("NIP", "nipBaru", "NIP Baru", "NI PPPK", "NIP/NI PPPK", "NIP / NI PPPK", "NIPPPK", "nip18"),
    "name": ("Nama", "nama", "Nama Pegawai", "Nama Lengkap", "namaPegawai"),
    "front_title": ("Gelar Depan", "gelarDepan", "glrDepan"),
    "back_title": ("Gelar Belakang", "gelarBelakang", "glrBelakang"),
    "sex": ("Jenis Kelamin", "jenisKelamin", "JK", "Kelamin", "L/P"),
    "birth_date": ("Tanggal Lahir", "tglLahir", "Tgl Lahir", "tanggalLahir"),
    "status": ("Status", "statusPegawai", "Status Pegawai", "Status Kepegawaian", "jenisPegawai", "Jenis Pegawai"),
    "rank": ("Golongan", "golRuangAkhir", "Gol", "Golongan Ruang", "Gol. Ruang", "golRuang", "Pangkat/Golongan",
             "Golongan Akhir", "golongan"),
    "position": ("Jabatan", "jabatanNama", "Nama Jabatan", "namaJabatan"),
    "position_type": ("Jenis Jabatan", "jenisJabatan", "jenisJabatanNama"),
    "unit": ("Unit Kerja", "unorNama", "Unit Organisasi", "Unor", "namaUnor"),
    "parent_unit": ("Unit Induk", "unorIndukNama", "Unor Induk", "Perangkat Daerah", "OPD", "Instansi Induk"),
    "supervisor": ("Atasan", "NIP Atasan", "nipAtasan", "atasanNip", "NIP Atasan Langsung", "Atasan Langsung",
                   "atasanLangsungNip"),
    "education": ("Pendidikan", "pendidikanTerakhir", "Pendidikan Terakhir", "tingkatPendidikan",
                  "tingkatPendidikanNama"),
    "education_major": ("Jurusan", "pendidikanNama", "Program Studi", "Prodi", "jurusanNama"),
    "position_since": ("TMT Jabatan", "tmtJabatan"),
    "email": ("Email", "E-mail", "Surel", "emailGov", "Alamat Email"),
    "active": ("Aktif", "Status Aktif", "kedudukanHukum", "kedudukanHukumNama", "Kedudukan Hukum"),
    "bup_age": ("BUP", "bupPensiun", "Batas Usia Pensiun", "Usia Pensiun", "bup"),
    "retirement_date": ("TMT Pensiun", "tmtPensiun", "Tanggal Pensiun"),
    "contract_end": ("Akhir Perjanjian Kerja", "tmtAkhirKontrak", "Akhir Kontrak", "Tanggal Akhir Kontrak",
                     "masaKerjaKontrakAkhir", "tglAkhirPerjanjian"),
    "skp_year": ("Tahun SKP", "tahunSkp", "Tahun Penilaian"),
    "skp_predicate": ("Predikat Kinerja", "predikatKinerja", "Predikat SKP", "Predikat"),
}

CANONICAL = {field: names[0] for field, names in ALIASES.items()}


class CellError(ValueError):
    """One cell breaks a rule; the message is shown to the user with the row and the column."""


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def read_nip(raw: Any, label: str = "NIP") -> str:
    if isinstance(raw, float) and raw >= 1e15:
        raise CellError(f"{label} tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom "
                        f"{label} sebagai Teks di Excel lalu ketik ulang.")
    text = cell_text(raw)
    if re.fullmatch(r"\d[.,]\d+[eE]\+?\d+", text):
        raise CellError(f"{label} tertulis dalam notasi ilmiah ({text}); digitnya sudah hilang. Format kolom "
                        f"{label} sebagai Teks di Excel lalu ketik ulang.")
    return normalise_nip(raw if not isinstance(raw, str) else text)


_SEX = {
    "l": Sex.MALE, "lakilaki": Sex.MALE, "laki": Sex.MALE, "pria": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE,
    "1": Sex.MALE, "p": Sex.FEMALE, "perempuan": Sex.FEMALE, "wanita": Sex.FEMALE, "f": Sex.FEMALE,
    "female": Sex.FEMALE, "w": Sex.FEMALE, "2": Sex.FEMALE,
}


def read_sex(raw: Any) -> str:
    text = cell_text(raw)
    if not text:
        return ""
    try:
        return _SEX[_key(text)]
    except KeyError:
        raise CellError("Jenis kelamin harus L/Laki-laki atau P/Perempuan.") from None


_STATUS = {
    "pns": EmployeeStatus.PNS, "cpns": EmployeeStatus.CPNS, "pppk": EmployeeStatus.PPPK,
    "p3k": EmployeeStatus.PPPK, "pppkpenuhwaktu": EmployeeStatus.PPPK,
    "pppkparuhwaktu": EmployeeStatus.PPPK_PART_TIME, "pppkpw": EmployeeStatus.PPPK_PART_TIME,
    "paruhwaktu": EmployeeStatus.PPPK_PART_TIME, "p3kparuhwaktu": EmployeeStatus.PPPK_PART_TIME,
    "pegawainegerisipil": EmployeeStatus.PNS, "calonpegawainegerisipil": EmployeeStatus.CPNS,
    "pegawaipemerintahdenganperjanjiankerja": EmployeeStatus.PPPK,
}


def read_status(raw: Any) -> str:
    text = cell_text(raw)
    if not text:
        return ""
    try:
        return _STATUS[_key(text)]
    except KeyError:
        raise CellError("Status harus PNS, CPNS, PPPK atau PPPK Paruh Waktu.") from None


# Leading token of the education text → level; longest keys first so "s1" never eats "sma".
_EDUCATION = [
    ("sekolahdasar", Education.SD), ("sd", Education.SD), ("sltp", Education.SMP), ("smp", Education.SMP),
    ("mts", Education.SMP), ("slta", Education.SMA), ("sma", Education.SMA), ("smk", Education.SMA),
    ("smu", Education.SMA), ("stm", Education.SMA), ("ma", Education.SMA), ("diplomaiv", Education.D4),
    ("diplomaiii", Education.D3), ("diplomaii", Education.D2), ("diplomai", Education.D1), ("div", Education.D4),
    ("diii", Education.D3), ("dii", Education.D2), ("di", Education.D1), ("d4", Education.D4), ("d3", Education.D3),
    ("d2", Education.D2), ("d1", Education.D1), ("s3", Education.S3), ("doktor", Education.S3),
    ("s2", Education.S2), ("magister", Education.S2), ("s1", Education.S1), ("sarjana", Education.S1),
    ("profesi", Education.PROFESSION), ("spesialis", Education.PROFESSION),
]


def read_education(raw: Any) -> str:
    """'S-1', 'S1/Sarjana', 'S1 Teknik Sipil', 'D-III', 'SMA/SMK', 'SLTA' … → the level."""
    text = cell_text(raw)
    if not text:
        return ""
    first = re.split(r"[\s/(]+", text.strip(), maxsplit=1)[0]
    for candidate in (_key(first), _key(text)):
        for prefix, level in _EDUCATION:
            if candidate == prefix:
                return level
    for prefix, level in _EDUCATION:
        if len(prefix) > 2 and _key(text).startswith(prefix):
            return level
    raise CellError("Pendidikan tidak dikenal; gunakan SD, SMP, SMA/SMK, D-I, D-II, D-III, D-IV, S-1, Profesi, "
                    "S-2 atau S-3.")


_TRUE = {"ya", "y", "1", "true", "aktif", "benar", "yes", "aktifbekerja", "tugasbelajar", "cltn",
         "masapersiapanpensiun", "mpp"}
_FALSE = {"tidak", "t", "n", "0", "false", "no", "nonaktif", "tidakaktif", "pensiun", "meninggal",
          "meninggaldunia", "berhenti", "diberhentikan", "pemberhentian", "pindahkeluar", "mutasikeluar",
          "keluar", "pemberhentiansementara", "bebastugas"}


def read_active(raw: Any) -> bool | None:
    """Ya/Tidak, Aktif/Tidak aktif, 1/0, or SIASN kedudukan hukum (Aktif, Tugas Belajar … aktif; Pensiun,
    Meninggal, Diberhentikan … nonaktif). Empty → None (keep / default active)."""
    if isinstance(raw, bool):
        return raw
    text = cell_text(raw)
    if not text:
        return None
    key = _key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError("Kolom aktif harus Ya/Tidak (atau kedudukan hukum SIASN: Aktif, Pensiun, Meninggal …).")


def read_date(raw: Any, label: str) -> dt.date | None:
    try:
        value = parse_date(raw if not isinstance(raw, str) else raw.strip())
    except (ValueError, OverflowError) as exc:
        raise CellError(f"{label}: {exc}.") from None
    if value is not None and not dt.date(1900, 1, 1) <= value <= dt.date(2100, 12, 31):
        raise CellError(f"{label}: tahun {value.year} tidak masuk akal.")
    return value


def read_email(raw: Any) -> str:
    text = cell_text(raw)
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise CellError("Alamat surel tidak sah (contoh yang benar: nama@pemkomedan.go.id).") from None
    return text.lower()


_PREDICATE = {
    "sangatbaik": Predicate.VERY_GOOD, "baik": Predicate.GOOD, "butuhperbaikan": Predicate.NEEDS_IMPROVEMENT,
    "kurang": Predicate.POOR, "kurangmisconduct": Predicate.POOR, "misconduct": Predicate.POOR,
    "sangatkurang": Predicate.VERY_POOR,
}


def read_predicate(raw: Any) -> str:
    text = cell_text(raw)
    if not text:
        return ""
    try:
        return _PREDICATE[_key(text)]
    except KeyError:
        raise CellError("Predikat kinerja harus Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct atau "
                        "Sangat Kurang.") from None


def read_bup(raw: Any) -> int | None:
    """The retirement age (BUP) in years, e.g. 58, 60, 65 (SIASN bupPensiun); empty: computed from the position."""
    text = cell_text(raw).removesuffix(".0")
    if not text:
        return None
    if not text.isdigit() or not 40 <= int(text) <= 75:
        raise CellError("BUP harus usia dalam tahun antara 40 dan 75 (mis. 58, 60 atau 65).")
    return int(text)


def read_year(raw: Any) -> int | None:
    text = cell_text(raw)
    if not text:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= dt.date.today().year:
        raise CellError("Tahun SKP harus tahun 2000 sampai tahun ini.")
    return int(text)
