"""Static file finders that leave out files which must never reach a browser on a government intranet.

drf-spectacular-sidecar's ReDoc bundle loads its logo from cdn.redoc.ly (the API docs are the Swagger UI at
/api/docs/, whose bundle is local), and npm's package.json files name CDN entry points. Both finders skip them
in ``list()`` (what collectstatic copies) and in ``find()`` (what the development server serves).

The filtering lives in finders, not in a custom staticfiles AppConfig: tools such as pytest-django's live
server look for the literal "django.contrib.staticfiles" in INSTALLED_APPS and serve no static files without it.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from django.contrib.staticfiles import finders

LEFT_OUT = ("redoc", "package.json")


def left_out(path: str) -> bool:
    return any(fnmatchcase(part, pattern) for part in PurePosixPath(path).parts for pattern in LEFT_OUT)


class _LeavesOut:
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *LEFT_OUT])

    def find(self, path, find_all=False, **kwargs):
        if left_out(path):
            return []  # "not found", as the base finders say it
        return super().find(path, find_all=find_all, **kwargs)


class FileSystemFinder(_LeavesOut, finders.FileSystemFinder):
    pass


class AppDirectoriesFinder(_LeavesOut, finders.AppDirectoriesFinder):
    pass
