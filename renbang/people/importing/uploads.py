"""Private storage of uploaded roster files between the preview and the confirmed import.

Files live under MEDIA_ROOT/private/roster-imports (MEDIA_URL is never served: nothing here is reachable from
the web), are named by a random token (never the user's file name), are deleted when the confirmed import has
run or the file is refused, and are swept after a day if a preview is abandoned.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
_NAME = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv)$")


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "private" / "roster-imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _path(token: str) -> Path:
    if not _NAME.match(token or ""):
        raise ValueError("invalid upload token")
    return _folder() / token


def save(data: bytes) -> str:
    """Store the bytes; return the token to keep in the Job params."""
    sweep()
    token = f"{uuid.uuid4().hex}.{'xlsx' if data.startswith(b'PK') else 'csv'}"
    path = _path(token)
    path.write_bytes(data)
    path.chmod(0o600)
    return token


def load(token: str) -> bytes | None:
    try:
        return _path(token).read_bytes()
    except (OSError, ValueError):
        return None


def delete(token: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        _path(token).unlink(missing_ok=True)


def sweep() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _folder().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue
