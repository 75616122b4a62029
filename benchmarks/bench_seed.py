"""Benchmark: `seed_demo --employees 15000` (issue 2 asks for under a minute).

Where it runs:
- the current database (DATABASE_URL or the SQLite default) when it holds no Kota Medan demo data yet: the
  seed runs inside a transaction that is rolled back, so the database is left as it was;
- otherwise (e.g. after `make run`) a fresh temporary SQLite database in a child process, because the seed is
  idempotent by detection and would skip — the figure is then "SQLite, fresh database".
Timing covers the whole command (org tree, 15,000 employees with SKP records, demo accounts), not migrations.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EMPLOYEES = 15_000
COUNT = f"{EMPLOYEES:,}".replace(",", ".")  # Indonesian thousands separator
ROOT = Path(__file__).resolve().parent.parent


class _Rollback(Exception):
    pass


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _steps(output: str) -> list[tuple[str, str]]:
    """The per-step times seed_demo prints ("  people: 12.3 s")."""
    return [(f"  langkah {label}", f"{seconds} s")
            for label, seconds in re.findall(r"^\s+(\w+(?: \(akhir\))?): ([\d.]+) s$", output, re.MULTILINE)]


def _in_current_database() -> list[tuple[str, str]]:
    from django.core.management import call_command
    from django.db import connection, transaction

    out = io.StringIO()
    elapsed = 0.0
    try:
        with transaction.atomic():
            started = time.perf_counter()
            call_command("seed_demo", employees=EMPLOYEES, stdout=out)
            elapsed = time.perf_counter() - started
            raise _Rollback  # leave the database as it was
    except _Rollback:
        pass
    label = f"seed_demo {COUNT} pegawai ({connection.vendor}, basis data saat ini, di-rollback)"
    return [(label, f"{elapsed:.1f} s"), *_steps(out.getvalue())]


def _in_fresh_sqlite() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench-seed.sqlite3"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, cwd=ROOT, check=True)
        started = time.perf_counter()
        done = subprocess.run([*manage, "seed_demo", "--employees", str(EMPLOYEES)], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - started
    label = f"seed_demo {COUNT} pegawai (SQLite, basis data baru)"
    return [(label, f"{elapsed:.1f} s (termasuk memulai Django)"), *_steps(done.stdout)]


def run() -> list[tuple[str, str]]:
    _setup()
    from renbang.core.demo import DEMO_AGENCY_CODE
    from renbang.org.models import Agency

    if Agency.objects.filter(code=DEMO_AGENCY_CODE).exists():
        return _in_fresh_sqlite()
    return _in_current_database()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for name, value in run():
        print(f"{name:<70} {value}")
