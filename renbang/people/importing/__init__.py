"""Roster import (issue 2, item 4): `import_employees(...)` → ImportReport. See engine.py for the rules."""

from .engine import ImportRefused, import_employees, import_table

__all__ = ["ImportRefused", "import_employees", "import_table"]
