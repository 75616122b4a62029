"""Builders of roster files for the import tests: rows as dicts (header → value) → .xlsx / .csv bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from renbang.people.nip import make_nip

INDONESIAN = {
    "nip": "NIP", "name": "Nama", "front_title": "Gelar Depan", "back_title": "Gelar Belakang",
    "sex": "Jenis Kelamin", "birth_date": "Tanggal Lahir", "status": "Status", "rank": "Golongan",
    "position": "Jabatan", "position_type": "Jenis Jabatan", "unit": "Unit Kerja", "parent_unit": "Unit Induk",
    "supervisor": "Atasan", "education": "Pendidikan", "major": "Jurusan", "since": "TMT Jabatan",
    "email": "Email", "active": "Aktif",
}
SIASN = {
    "nip": "nipBaru", "name": "nama", "front_title": "gelarDepan", "back_title": "gelarBelakang",
    "sex": "jenisKelamin", "birth_date": "tglLahir", "status": "statusPegawai", "rank": "golRuangAkhir",
    "position": "jabatanNama", "position_type": "jenisJabatan", "unit": "unorNama", "parent_unit": "unorIndukNama",
    "supervisor": "nipAtasan", "education": "pendidikanTerakhir", "major": "pendidikanNama", "since": "tmtJabatan",
    "email": "email", "active": "kedudukanHukum",
}


def nip(n: int, *, sex: str = "L", birth: dt.date | None = None, appointment: tuple[int, int] | None = None) -> str:
    """A valid, distinct PNS NIP for each n."""
    birth = birth or dt.date(1970, 1, 1) + dt.timedelta(days=(n * 37) % 9000)
    appointment = appointment or (birth.year + 22 + n % 5, 1 + n % 12)
    return make_nip(birth, appointment, sex, n % 1000)


def person(n: int, **overrides: Any) -> dict[str, Any]:
    """One valid row (logical keys), a pelaksana in Dinas Uji Impor, PNS III/a."""
    sex = overrides.pop("sex_digit", "L" if n % 2 else "P")
    row = {
        "nip": nip(n, sex=sex), "name": f"Pegawai Impor {n}", "front_title": "", "back_title": "S.Kom.",
        "sex": "L" if sex == "L" else "P", "status": "PNS", "rank": "III/a", "position": "Pengolah Data",
        "unit": "Dinas Uji Impor", "education": "S-1", "major": "Teknik Informatika",
        "email": f"pegawai{n}@pemkomedan.go.id", "active": "Ya",
    }
    row.update(overrides)
    return row


def team(size: int, start: int = 1) -> list[dict[str, Any]]:
    """A head (Kepala Bidang) and staff reporting to them, in one file."""
    head = person(start, position="Kepala Bidang Uji", rank="IV/a")
    rows = [head]
    for n in range(start + 1, start + size):
        rows.append(person(n, supervisor=head["nip"]))
    return rows


def headed(rows: Sequence[dict[str, Any]], names: dict[str, str] | None = None) -> tuple[list[str], list[list]]:
    names = names or INDONESIAN
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    return [names.get(k, k) for k in keys], [[row.get(k, "") for k in keys] for row in rows]


def make_csv(rows: Sequence[dict[str, Any]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False,
             names: dict[str, str] | None = None) -> bytes:
    headers, body = headed(rows, names)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in r] for r in body])
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def make_xlsx(rows: Sequence[dict[str, Any]], *, names: dict[str, str] | None = None, raw: bool = False) -> bytes:
    """An .xlsx with the rows; text cells that start with '=' become formulas unless raw is False (default)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    headers, body = headed(rows, names)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Pegawai")
    sheet.append(headers)
    for values in body:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("=") and not raw:
                cell.data_type = "s"  # keep as text
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_table_xlsx(headers: Sequence[Any], body: Sequence[Sequence[Any]]) -> bytes:
    """An .xlsx from plain headers and rows (formulas stay formulas)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(list(headers))
    for row in body:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
