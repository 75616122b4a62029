"""Excel/CSV exports shared by every app. Cells never start a formula (see tabular.safe_cell)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from .tabular import safe_cell

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet_title: str = "Data") -> bytes:
    return xlsx_sheets_bytes([(sheet_title, headers, rows)])


def xlsx_sheets_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook of several (title, headers, rows) sheets, bold headers, write-only (constant memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for sheet_title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title[:31])
        header_cells = []
        for h in headers:
            cell = WriteOnlyCell(sheet, value=h)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                  sheet_title: str = "Data") -> HttpResponse:
    response = HttpResponse(xlsx_bytes(headers, rows, sheet_title), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
