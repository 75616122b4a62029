"""Permission-matrix rows of the plans app (added to ROWS in test_permission_matrix.py); see rows_catalog.py."""

from __future__ import annotations

from .rows_catalog import ALL, PLANNERS, api, page  # noqa: F401

ROWS: list = []
EXEMPT: dict[str, str] = {}
