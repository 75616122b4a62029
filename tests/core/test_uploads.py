"""core.uploads: size limit, type by content, private storage, guarded serving (used by people and needs)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from renbang.core import uploads

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_it_accepts_by_content_and_refuses_a_renamed_binary():
    data, mime = uploads.read_checked(SimpleUploadedFile("scan.png", PDF), limit=1000,
                                      allowed=uploads.PDF_AND_IMAGES)
    assert (data, mime) == (PDF, "application/pdf")  # the name says PNG, the content says PDF
    with pytest.raises(ValidationError, match="PDF, JPG atau PNG"):
        uploads.read_checked(SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 exe"), limit=1000,
                             allowed=uploads.PDF_AND_IMAGES)


def test_it_refuses_a_file_over_the_limit_even_when_the_size_is_not_told():
    with pytest.raises(ValidationError, match="terlalu besar"):
        uploads.read_checked(SimpleUploadedFile("a.csv", b"x" * 2000), limit=1000)
    upload = SimpleUploadedFile("a.csv", b"x" * 2000)
    upload.size = None
    with pytest.raises(ValidationError, match="terlalu besar"):
        uploads.read_checked(upload, limit=1000)


def test_it_tells_spreadsheets_from_other_files():
    assert uploads.spreadsheet_kind(b"PK\x03\x04rest") == "xlsx"
    assert uploads.spreadsheet_kind(b"nip;nama\n1;A\n") == "csv"
    assert uploads.spreadsheet_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls") is None
    assert uploads.spreadsheet_kind(PNG) is None


def test_it_keeps_private_files_outside_any_url_under_random_names(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    folder = uploads.PrivateFolder("uji")
    token = folder.save(b"isi", "csv")
    path = Path(tmp_path) / "private" / "uji" / token
    assert path.read_bytes() == b"isi" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert folder.load(token) == b"isi"
    assert folder.load("../../etc/passwd") is None
    folder.delete(token)
    assert folder.load(token) is None
    storage = uploads.private_storage()
    assert Path(storage.location) == (Path(tmp_path) / "private").resolve()
    with pytest.raises(ValueError):
        storage.url("fgd/x.pdf")
