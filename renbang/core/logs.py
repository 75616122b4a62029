"""Keeping personal data out of the logs.

Exception messages carry the values that caused them (a database error names the duplicate NIP, a validation
error the typed birth date): logs keep the traceback (where it failed) and the exception's type, never its
message. `RedactExceptionMessages` does it for every record of the console handler (Django's 500 reports
included); `failure_text(exc)` is for code that logs a caught exception itself.
"""

from __future__ import annotations

import logging
import traceback

WITHHELD = "(pesan disembunyikan: dapat memuat data pribadi)"


def failure_text(exc: BaseException) -> str:
    """A traceback without exception messages, for chained exceptions too."""
    parts = []
    current: BaseException | None = exc
    seen = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append("Traceback (most recent call last):\n" + "".join(traceback.format_tb(current.__traceback__))
                     + f"{type(current).__module__}.{type(current).__qualname__}: {WITHHELD}")
        current = current.__cause__ or current.__context__
    return "\n\nThe above was caused by or happened while handling:\n".join(reversed(parts))


class RedactExceptionMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = failure_text(record.exc_info[1])
            record.exc_info = None
        return True
