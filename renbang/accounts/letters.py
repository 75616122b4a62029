"""The activation letters PDF: one A4 page per employee, drawn directly with ReportLab.

Why not WeasyPrint (renbang.core.pdf) like the other documents: laying out HTML costs ~50 ms of CPU per letter,
so an OPD of 2,000 employees took ~100 s; drawn directly the same letters take a few seconds (benchmarks/
bench_accounts.py). The letterhead follows the shared one (templates/pdf/base.html): the agency's name, its
BKPSDM, the address and a double rule, with the agency's logo when it has one. Standard PDF fonts (Helvetica,
Courier): nothing to embed, small files.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import segno
from django.utils import formats
from django.utils.translation import gettext as _
from PIL import Image
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 16 * mm, WIDTH - 16 * mm, HEIGHT - 18 * mm, 18 * mm
GREY = Color(0.33, 0.33, 0.33)
QR_SIZE = 42 * mm
QR_MASK = 2


@dataclass
class Letter:
    nip: str
    name: str
    unit: str
    opd: str
    url: str
    code: str  # as shown: ABCD-EFGH


def render_letters(*, agency, letters: list[Letter], short_url: str, expires: dt.date) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Surat aktivasi akun Renbang ASN"))
    canvas.setAuthor(agency.name)
    logo = _logo_path(agency)
    for number, letter in enumerate(letters, start=1):
        _page(canvas, agency, logo, letter, short_url, expires)
        _footer(canvas, number, len(letters))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _logo_path(agency) -> str | None:
    """The agency's logo file when the Agency model has one (an image field named `logo`)."""
    logo = getattr(agency, "logo", None)
    try:
        path = logo.path if logo else None
    except (ValueError, NotImplementedError):
        return None
    return path if path and Path(path).is_file() else None


def _centered(canvas: Canvas, y: float, text: str, font: str, size: float) -> None:
    canvas.setFont(font, size)
    canvas.drawCentredString(WIDTH / 2, y, text)


def _paragraph(canvas: Canvas, x: float, y: float, text: str, width: float, *, font: str = "Helvetica",
               size: float = 9.5, leading: float = 12.5, color=black) -> float:
    """Draw wrapped text from its first baseline `y`; return the baseline after it."""
    canvas.setFont(font, size)
    canvas.setFillColor(color)
    for line in simpleSplit(text, font, size, width):
        canvas.drawString(x, y, line)
        y -= leading
    canvas.setFillColor(black)
    return y


def _letterhead(canvas: Canvas, agency, logo: str | None) -> float:
    y = TOP - 12
    if logo:
        canvas.drawImage(logo, LEFT, y - 30, width=22 * mm, height=22 * mm, preserveAspectRatio=True, mask="auto")
    _centered(canvas, y, agency.name.upper(), "Helvetica-Bold", 13)
    y -= 15
    if agency.hr_agency_name:
        _centered(canvas, y, agency.hr_agency_name.upper(), "Helvetica-Bold", 12)
        y -= 12
    if agency.address:
        for line in simpleSplit(agency.address, "Helvetica", 8.5, RIGHT - LEFT - 60 * mm):
            _centered(canvas, y, line, "Helvetica", 8.5)
            y -= 10.5
    y = min(y, TOP - 12 - 30) - 4
    canvas.setLineWidth(1.6)
    canvas.line(LEFT, y, RIGHT, y)
    canvas.setLineWidth(0.6)
    canvas.line(LEFT, y - 2.6, RIGHT, y - 2.6)
    return y - 2.6


def _page(canvas: Canvas, agency, logo: str | None, letter: Letter, short_url: str, expires: dt.date) -> None:
    y = _letterhead(canvas, agency, logo) - 14
    canvas.setFont("Helvetica", 8.5)
    canvas.setFillColor(GREY)
    canvas.drawRightString(RIGHT, y, letter.opd)
    canvas.setFillColor(black)
    y -= 26
    _centered(canvas, y, _("Aktivasi akun Renbang ASN").upper(), "Helvetica-Bold", 12)
    y -= 14
    _centered(canvas, y, _("Sistem perencanaan dan pengembangan kompetensi ASN"), "Helvetica", 9.5)
    y -= 26
    rows = ((_("Nama"), letter.name, "Helvetica-Bold"), (_("NIP / NI PPPK"), letter.nip, "Helvetica"),
            (_("Unit kerja"), letter.unit, "Helvetica"))
    for label, value, font in rows:
        canvas.setFont("Helvetica", 9.5)
        canvas.drawString(LEFT, y, label)
        y = _paragraph(canvas, LEFT + 38 * mm, y, value, RIGHT - LEFT - 38 * mm, font=font) - 2
    y -= 10
    qr_bottom = y - QR_SIZE - 22
    _qr(canvas, letter.url, RIGHT - QR_SIZE, y - QR_SIZE)
    _paragraph(canvas, RIGHT - QR_SIZE, y - QR_SIZE - 10, _("Pindai untuk membuka tautan aktivasi"), QR_SIZE,
               size=7.5, leading=9)
    text_width = RIGHT - LEFT - QR_SIZE - 8 * mm
    y = _paragraph(canvas, LEFT, y - 10, _("Akun Anda di Renbang ASN sudah dibuat. Untuk mulai memakainya, buat kata "
                                           "sandi Anda sendiri:"), text_width) - 4
    steps = [_("Pindai kode QR di samping, atau buka alamat berikut:"),
             _("Masukkan NIP Anda dan kode aktivasi di bawah ini."),
             _("Buat kata sandi (paling sedikit 10 karakter, jangan mudah ditebak). Setelah itu Anda masuk dengan "
               "NIP dan kata sandi tersebut.")]
    for number, step in enumerate(steps, start=1):
        canvas.setFont("Helvetica", 9.5)
        canvas.drawString(LEFT + 4 * mm, y, f"{number}.")
        y = _paragraph(canvas, LEFT + 10 * mm, y, step, text_width - 10 * mm)
        if number == 1:
            y = _paragraph(canvas, LEFT + 10 * mm, y, short_url, text_width - 10 * mm, font="Courier", size=9.5)
        y -= 3
    y = min(y, qr_bottom) - 10
    canvas.setFont("Helvetica", 9.5)
    canvas.drawString(LEFT, y, _("Kode aktivasi:"))
    y -= 34
    canvas.setLineWidth(1)
    canvas.rect(LEFT, y - 8, 70 * mm, 30, stroke=1, fill=0)
    canvas.setFont("Courier-Bold", 22)
    canvas.drawString(LEFT + 5 * mm, y + 1, letter.code)
    y -= 34
    day = formats.date_format(expires, "j F Y")
    note = _("Kode ini hanya dapat dipakai satu kali dan berlaku sampai %(day)s. Jangan berikan kode ini kepada "
             "siapa pun, termasuk petugas. Jika surat ini hilang atau kode tidak berlaku lagi, minta surat baru kepada "
             "pengelola kepegawaian OPD Anda: surat baru membatalkan kode di surat ini.") % {"day": day}
    y = _paragraph(canvas, LEFT, y, note, RIGHT - LEFT, color=GREY) - 16
    canvas.setDash(3, 2)
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.6)
    canvas.line(LEFT, y, RIGHT, y)
    canvas.setDash()
    canvas.setStrokeColor(black)
    y -= 12
    y = _paragraph(canvas, LEFT, y, _("Tautan lengkap (sama dengan kode QR):"), RIGHT - LEFT, size=8, color=GREY)
    _paragraph(canvas, LEFT, y, letter.url, RIGHT - LEFT, font="Courier", size=8)


def _qr(canvas: Canvas, url: str, x: float, y: float) -> None:
    """The QR code as a 1-bit image of its modules, scaled without smoothing (crisp when printed).

    The mask is fixed instead of searched: any of the eight masks gives a valid code, and the search (scoring
    all eight) cost more than the rest of a letter; the code stays at error correction level M.
    """
    matrix = segno.make(url, error="m", mask=QR_MASK, boost_error=False).matrix
    size = len(matrix) + 4  # a quiet zone of two modules on each side
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if (2 <= r < size - 2 and 2 <= c < size - 2 and matrix[r - 2][c - 2]) else 1
                   for r in range(size) for c in range(size)])
    canvas.drawImage(ImageReader(image), x, y, width=QR_SIZE, height=QR_SIZE)


def _footer(canvas: Canvas, number: int, total: int) -> None:
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(GREY)
    canvas.drawString(LEFT, BOTTOM - 8, _("Surat aktivasi akun — RAHASIA, untuk pegawai yang bersangkutan"))
    canvas.drawRightString(RIGHT, BOTTOM - 8, _("Halaman %(page)s / %(pages)s") % {"page": number, "pages": total})
    canvas.setFillColor(black)
