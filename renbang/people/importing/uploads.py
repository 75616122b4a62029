"""Private storage of uploaded roster files between the preview and the confirmed import.

A thin name for `core.uploads.PrivateFolder("roster-imports")`: files live under MEDIA_ROOT/private (never
served), are named by a random token, are deleted when the confirmed import has run or the file is refused,
and are swept after a day if a preview is abandoned.
"""

from __future__ import annotations

from renbang.core.uploads import PrivateFolder, spreadsheet_kind

ROSTER = PrivateFolder("roster-imports")


def save(data: bytes) -> str:
    """Store the bytes; return the token to keep in the Job params."""
    return ROSTER.save(data, spreadsheet_kind(data) or "csv")


load, delete, sweep = ROSTER.load, ROSTER.delete, ROSTER.sweep
