"""Private uploads, one way for every app: size limit, type checked by content, private storage, guarded serving.

- `read_checked(upload, limit=..., allowed=...)` reads an uploaded file with a size limit and checks its type
  from its first bytes (magic numbers via `filetype`, or the spreadsheet signatures of core.tabular), never
  from its name or the browser's Content-Type; a refusal is a ValidationError with an Indonesian message.
- `PrivateFolder(area)` keeps files under MEDIA_ROOT/private/<area>/, named by a random token (never the
  user's file name), mode 0600, swept after `max_age` seconds. MEDIA_URL is never served by the web server.
- `private_storage()` is the FileField storage of such files; `serve(file, ...)` sends one back as a download
  (nosniff), to be called only from a view that has checked the permission and the scope.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .tabular import OLE2_MAGIC, XLSX_MAGIC

PDF_AND_IMAGES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
SPREADSHEETS = {"xlsx": "xlsx", "csv": "csv"}  # sniffed by `spreadsheet_kind`, read by core.tabular


def _too_big(size: int, limit: int) -> ValidationError:
    return ValidationError(_("Berkas terlalu besar (%(size).1f MB); batasnya %(limit)d MB.")
                           % {"size": size / 1048576, "limit": max(1, limit // 1048576)}, code="too_big")


def sniff(head: bytes, allowed: Mapping[str, str]) -> str | None:
    """The MIME type read from the first bytes when it is one of `allowed`, else None."""
    kind = filetype.guess(head[:8192])
    return kind.mime if kind and kind.mime in allowed else None


def spreadsheet_kind(head: bytes) -> str | None:
    """'xlsx' (a zip container), 'csv' (text without NUL bytes) or None (old .xls, binaries, anything else)."""
    if head.startswith(XLSX_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC) or b"\x00" in head[:8192] or filetype.guess(head[:8192]) is not None:
        return None
    return "csv"


def read_checked(upload, *, limit: int, allowed: Mapping[str, str] | None = None) -> tuple[bytes, str | None]:
    """(bytes, MIME type) of an upload no larger than `limit`; with `allowed`, its content must be one of them."""
    if upload.size is not None and upload.size > limit:
        raise _too_big(upload.size, limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(len(data), limit)
    mime = None
    if allowed is not None:
        mime = sniff(data, allowed)
        if mime is None:
            names = list(dict.fromkeys(ext.upper() for ext in allowed.values()))
            kinds = " atau ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
            raise ValidationError(_("Berkas harus %(kinds)s (diperiksa dari isi berkas, bukan namanya).")
                                  % {"kinds": kinds}, code="bad_type")
    return data, mime


def safe_name(name: str | None, default: str = "berkas") -> str:
    """The user's file name made safe for a Content-Disposition header (kept only for display)."""
    return (get_valid_filename(name or default)[:150] or default) if name else default


class PrivateFolder:
    """Files kept between two steps (an import's preview and its confirmation), outside any served folder."""

    _TOKEN = re.compile(r"^[0-9a-f]{32}\.[a-z0-9]{1,5}$")

    def __init__(self, area: str, *, max_age: int = 24 * 3600):
        self.area, self.max_age = area, max_age

    def folder(self) -> Path:
        folder = Path(settings.MEDIA_ROOT) / "private" / self.area
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder

    def path(self, token: str) -> Path:
        if not self._TOKEN.match(token or ""):
            raise ValueError("invalid upload token")
        return self.folder() / token

    def save(self, data: bytes, extension: str) -> str:
        """Store the bytes; return the token (keep it in the Job params, never show it as a URL)."""
        self.sweep()
        token = f"{uuid.uuid4().hex}.{extension}"
        path = self.path(token)
        path.write_bytes(data)
        path.chmod(0o600)
        return token

    def load(self, token: str) -> bytes | None:
        try:
            return self.path(token).read_bytes()
        except (OSError, ValueError):
            return None

    def delete(self, token: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.path(token).unlink(missing_ok=True)

    def sweep(self) -> None:
        cutoff = time.time() - self.max_age
        for path in self.folder().iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue


@deconstructible
class PrivateStorage(FileSystemStorage):
    """FileField storage under MEDIA_ROOT/private (no base URL: files go out only through `serve`)."""

    def __init__(self, **kwargs):
        super().__init__(location=None, base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(Path(settings.MEDIA_ROOT) / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("private files have no URL; serve them through a permission-checked view")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def store(field_file, data: bytes, mime: str, allowed: Mapping[str, str]) -> None:
    """Save checked bytes into a FileField under a random name with the extension of the sniffed type."""
    from django.core.files.base import ContentFile

    field_file.save(f"{uuid.uuid4().hex}.{allowed[mime]}", ContentFile(data), save=False)


def serve(field_file, *, filename: str, content_type: str) -> FileResponse:
    """Send a private file as a download. Call only after the view has checked permission and scope."""
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
