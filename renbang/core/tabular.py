"""Reading uploaded spreadsheets (.xlsx, .csv) safely, for every importer of the app.

Refuses clearly, with an Indonesian message and before anything is written: files that are not spreadsheets
(checked by content, not by name), empty files, oversized files, zip bombs, old binary .xls. CSV may be comma,
semicolon or tab separated, UTF-8 with or without BOM, or Windows-1252 (what Excel on Indonesian Windows
writes). Headers are matched case- and spacing-insensitively against each importer's aliases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls / .doc


class TabularError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    first_row_number: int = 2  # spreadsheet row number of rows[0], as the user sees it in Excel


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class ImportReport:
    """What an import did or would do: counts, notes (units created…) and per-row errors."""

    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    written: bool = False
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: What an import did to user accounts (the roster import: created, updated, disabled, enabled…), or empty.
    accounts: dict[str, Any] = field(default_factory=dict)
    #: A full-roster import: who is missing from the file and is (or would be) deactivated, or empty.
    full_roster: dict[str, Any] = field(default_factory=dict)

    @property
    def invalid_rows(self) -> int:
        return len({e.row for e in self.errors})

    def as_dict(self) -> dict[str, Any]:
        return {
            "total_rows": self.total_rows, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "skipped": self.skipped, "written": self.written,
            "dry_run": self.dry_run, "invalid_rows": self.invalid_rows,
            "errors": [e.as_dict() for e in self.errors], "notes": self.notes, "accounts": self.accounts,
            "full_roster": self.full_roster,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        report = cls(**{k: data[k] for k in ("total_rows", "created", "updated", "unchanged", "skipped",
                                             "written", "dry_run")})
        report.errors = [RowError(**e) for e in data.get("errors", [])]
        report.notes = list(data.get("notes", []))
        report.accounts = dict(data.get("accounts") or {})
        report.full_roster = dict(data.get("full_roster") or {})
        return report

    def write_csv(self, stream) -> None:
        writer = csv.writer(stream)
        writer.writerow(["baris", "kolom", "nilai", "pesan"])
        for e in self.errors:
            writer.writerow([e.row, safe_cell(e.column), safe_cell(e.value), safe_cell(e.message)])


def _limit(name: str) -> int:
    return int(settings.RENBANG[name])


def read_table(data: bytes, filename: str = "", *, sniff_rows: int | None = None) -> Table:
    """Read the first sheet of an .xlsx, or a CSV, into headers + rows of raw values.

    `sniff_rows` reads only the first rows (a quick check of a file at upload time, before a background job
    reads it whole): every refusal about the file itself still applies, the row-count limit does not.
    """
    if not data or not data.strip():
        raise TabularError(_("Berkas kosong: tidak ada baris untuk diimpor."))
    if len(data) > _limit("IMPORT_MAX_BYTES"):
        mb = _limit("IMPORT_MAX_BYTES") // (1024 * 1024)
        raise TabularError(
            _("Berkas terlalu besar (%(size).1f MB); batasnya %(limit)s MB.")
            % {"size": len(data) / 1048576, "limit": mb}
        )
    if data.startswith(OLE2_MAGIC):
        raise TabularError(_("Format .xls lama (atau .xlsx berkata sandi) tidak didukung: simpan ulang sebagai "
                             ".xlsx tanpa kata sandi atau .csv."))
    max_rows = _limit("IMPORT_MAX_ROWS") + 50 if sniff_rows is None else sniff_rows
    if data.startswith(XLSX_MAGIC):
        rows = _read_xlsx(data, max_rows)
    else:
        rows = _read_csv(data, max_rows)
    return _to_table(rows, check_row_limit=sniff_rows is None)


def _read_xlsx(data: bytes, max_rows: int) -> Iterable[Sequence[Any]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TabularError(_("Berkas rusak atau bukan spreadsheet Excel (.xlsx).")) from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise TabularError(_("Berkas ZIP ini bukan spreadsheet Excel (.xlsx)."))
    if unpacked > _limit("IMPORT_MAX_UNPACKED_BYTES") or unpacked > 200 * max(len(data), 1):
        # A zip bomb expands a few kB into gigabytes: refuse on the declared sizes before inflating anything.
        raise TabularError(_("Isi berkas .xlsx terlalu besar setelah diekstrak (kemungkinan zip bomb); ditolak."))
    import openpyxl  # late import: only importers need it

    rows = []
    try:
        # data_only: a formula cell gives the value Excel saved with it (what the user saw), never the formula
        # to evaluate; a formula without a saved value reads as empty.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise TabularError(_("Spreadsheet Excel ini tidak memiliki lembar kerja."))
        sheet = workbook.worksheets[0]
        # Read-only mode parses lazily: malformed XML (or a member lying about its size) fails while iterating.
        for count, row in enumerate(sheet.iter_rows(values_only=True)):
            if count > max_rows:
                break
            rows.append(row)
        workbook.close()
    except TabularError:
        raise
    except Exception:  # openpyxl, zipfile and the XML parser raise many kinds on malformed files
        raise TabularError(_("Spreadsheet Excel tidak dapat dibaca (berkas rusak atau terenkripsi).")) from None
    return rows


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise TabularError(_("Berkas bukan teks CSV maupun Excel .xlsx (mis. PDF, gambar, atau UTF-16)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(data: bytes, max_rows: int) -> Iterable[Sequence[Any]]:
    import filetype

    kind = filetype.guess(data[:8192])
    if kind is not None and kind.mime not in ("text/plain", "text/csv"):
        message = _("Berkas bertipe %(kind)s bukan spreadsheet: unggah .xlsx atau .csv.")
        raise TabularError(message % {"kind": kind.extension})
    text = _decode(data)
    sample = text[:20000]
    first_line = sample.splitlines()[0] if sample.splitlines() else ""
    delimiter = max((",", ";", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0 and len(sample.splitlines()) > 1 and "\n" not in first_line:
        delimiter = ","
    csv.field_size_limit(1_000_000)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for count, row in enumerate(reader):
            if count > max_rows:
                break
            rows.append(row)
    except csv.Error as exc:
        raise TabularError(_("CSV tidak dapat dibaca: %(error)s.") % {"error": exc}) from None
    return rows


def _is_blank(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _to_table(rows: Iterable[Sequence[Any]], *, check_row_limit: bool = True) -> Table:
    rows = list(rows)
    start = 0
    while start < len(rows) and _is_blank(rows[start]):
        start += 1
    if start >= len(rows):
        raise TabularError(_("Berkas kosong: tidak ada baris judul kolom."))
    headers = ["" if h is None else str(h).strip() for h in rows[start]]
    body = [list(r) for r in rows[start + 1:]]
    while body and _is_blank(body[-1]):
        body.pop()
    if not body:
        raise TabularError(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    if check_row_limit and len(body) > _limit("IMPORT_MAX_ROWS"):
        raise TabularError(
            _("Terlalu banyak baris (%(rows)s+); batasnya %(limit)s per berkas.")
            % {"rows": len(body), "limit": _limit("IMPORT_MAX_ROWS")}
        )
    max_chars = _limit("IMPORT_MAX_CELL_CHARS")
    for row in body:
        for i, value in enumerate(row):
            if isinstance(value, str) and len(value) > max_chars:
                row[i] = value[:max_chars]  # flagged by the field validators, never stored whole
    return Table(headers=headers, rows=body, first_row_number=start + 2)


_HEADER_JUNK = re.compile(r"[\s_.\-/()*:]+")


def header_key(header: str) -> str:
    """'Unit Kerja' → 'unitkerja', 'nipBaru' → 'nipbaru', 'Tgl. Lahir' → 'tgllahir'."""
    return _HEADER_JUNK.sub("", str(header)).lower()


def map_columns(headers: Sequence[str], aliases: dict[str, Sequence[str]]) -> dict[str, int]:
    """Map each field to the index of the first header matching one of its aliases."""
    keys = [header_key(h) for h in headers]
    found: dict[str, int] = {}
    for field_name, names in aliases.items():
        for name in names:
            key = header_key(name)
            if key in keys:
                found[field_name] = keys.index(key)
                break
    return found


def cell_text(value: Any) -> str:
    """A cell as trimmed text; Excel floats that are whole numbers lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%y", "%d/%m/%y")


def parse_date(value: Any) -> dt.date | None:
    """Dates as Excel gives them (date, datetime, serial number) or as text in Indonesian formats."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and 1 < value < 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("tanggal '%(text)s' tidak dikenali (gunakan HH-BB-TTTT atau TTTT-BB-HH)") % {"text": text[:40]})


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection in exported text (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
