"""`make bench`: every benchmark on one fresh database, printed as one table.

Each `benchmarks/bench_*.py` exposes `run() -> list[tuple[str, str]]` (label, figure) and may declare
`NEEDS_DB = False` for pure-engine benchmarks. The database is a fresh SQLite file under var/bench/ unless
DATABASE_URL points elsewhere (e.g. PostgreSQL: `DATABASE_URL=postgres://... make bench`).
Figures come from one run on this machine; record them in benchmarks/README.md.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

if "DATABASE_URL" not in os.environ:
    bench_db = ROOT / "var" / "bench" / "bench.sqlite3"
    bench_db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{bench_db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{bench_db}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

ORDER = ["bench_seed", "bench_import", "bench_accounts", "bench_pages", "bench_needs", "bench_matching",
         "bench_optimizer", "bench_plans", "bench_talent"]


def main(selected: list[str]) -> int:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    names = [n for n in ORDER if (ROOT / "benchmarks" / f"{n}.py").exists()]
    names += sorted(p.stem for p in (ROOT / "benchmarks").glob("bench_*.py") if p.stem not in ORDER)
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    rows: list[tuple[str, str, str]] = []
    for name in names:
        module = importlib.import_module(name)
        if not hasattr(module, "run"):
            continue
        started = time.perf_counter()
        try:
            for label, figure in module.run():
                rows.append((name.removeprefix("bench_"), label, figure))
        except Exception as exc:  # a broken benchmark is reported, the others still run
            rows.append((name.removeprefix("bench_"), "GAGAL", f"{type(exc).__name__}: {exc}"[:120]))
        print(f"  … {name} selesai dalam {time.perf_counter() - started:.0f} s", file=sys.stderr)
    width = max((len(r[1]) for r in rows), default=10)
    engine = os.environ["DATABASE_URL"].split(":")[0]
    print(f"\nRenbang benchmarks · {time.strftime('%Y-%m-%d')} · {os.cpu_count()} cores · Python "
          f"{platform.python_version()} · database {engine}")
    print(f"{'area':<12} {'measurement':<{width}}  figure")
    print("-" * (width + 40))
    for area, label, figure in rows:
        print(f"{area:<12} {label:<{width}}  {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
