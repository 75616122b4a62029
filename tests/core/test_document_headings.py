"""Every heading of the PDFs and Excel files comes from the project's own catalogue.

Indonesian is the project's source language, so there is no Indonesian catalogue of our own: a msgid that Django's
Indonesian catalogue happens to define is translated by it ("No" became "Tidak" on the RPK). The first test refuses
any such msgid anywhere in the project; the others read the documents (pdftotext, openpyxl) in Indonesian and in
English and find each heading as the project's catalogue words it.
"""

from __future__ import annotations

import glob
import io
import os
import subprocess

import django
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

#: URL name → headings (msgids) the document shows (compared without regard to case: some are set in capitals).
PDF_HEADINGS = {
    "plans:plan_pdf": ["No.", "Jenis kompetensi", "Penyelenggara", "Jadwal", "Anggaran"],
    "plans:idp_pdf": ["Jabatan", "Unit kerja", "Status IDP", "Biaya"],
    "delivery:certificate_pdf": ["diberikan kepada", "ditandatangani secara elektronik", "Kode verifikasi"],
    "evaluation:programme_pdf": ["Laporan evaluasi program pengembangan kompetensi", "Efektivitas terukur",
                                 "Nilai bawaan katalog", "Tanggal", "Catatan"],
    "cycle:annual_pdf": ["Ukuran", "Realisasi rencana", "Di luar rencana", "Peserta rencana", "JP rencana"],
}
XLSX_FIRST_HEADINGS = {"plans:plan_xlsx": ["No.", "Jenis kompetensi", "Program"]}


def _django_indonesian() -> dict[str, str]:
    found = {}
    for path in glob.glob(os.path.join(os.path.dirname(django.__file__), "**/locale/id/LC_MESSAGES/django.po"),
                          recursive=True):
        found |= {e.msgid: e.msgstr for e in polib.pofile(path) if e.msgstr and e.msgstr != e.msgid and not e.msgctxt}
    return found


def test_no_msgid_of_ours_is_translated_by_djangos_indonesian_catalogue():
    ours = polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))
    theirs = _django_indonesian()
    clashes = {e.msgid: theirs[e.msgid] for e in ours if e.msgid in theirs and not e.msgctxt}
    assert clashes == {}, f"use another msgid (e.g. 'No.' for 'No'): Django's Indonesian says {clashes}"


def _url(world, name):
    from tests.security.test_permission_matrix import ROWS

    row = next(row for row in ROWS if row.name == name)
    return reverse(name, kwargs=row.kwargs(world))


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def _ours() -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))}


def _words(msgid, language):
    with translation.override(language):
        text = translation.gettext(msgid)
    if language == "id":
        assert text == msgid, f"{msgid!r} is translated to {text!r} in Indonesian by a catalogue not ours"
    else:
        assert text == _ours().get(msgid) != "", f"{msgid!r} has no English of ours"
    return text


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("name", list(PDF_HEADINGS))
def test_the_pdf_headings_are_the_projects_words(world, login, name, language):
    url = _url(world, name)
    data = _get(login(world.users.admin), url, language)
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
                    .stdout.decode().split()).lower()
    missing = [_words(m, language) for m in PDF_HEADINGS[name]
               if " ".join(_words(m, language).split()).lower() not in text]
    assert missing == [], f"{name} ({language}) lacks {missing}:\n{text[:1500]}"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("name", list(XLSX_FIRST_HEADINGS))
def test_the_excel_headings_are_the_projects_words(world, login, name, language):
    data = _get(login(world.users.admin), _url(world, name), language)
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(max_row=12, values_only=True) for c in row if c is not None]
    expected = [_words(m, language) for m in XLSX_FIRST_HEADINGS[name]]
    assert [e for e in expected if e not in cells] == []
