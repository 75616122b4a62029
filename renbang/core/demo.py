"""Demo data orchestration: each app seeds its own part in `<app>/demo.py`, in the order of the cycle.

`seed_demo` calls `seed(ctx)` of every installed Renbang app that has a demo module, in INSTALLED_APPS order,
so that later apps (needs, plans, delivery…) build on what earlier ones created; then `seed_late(ctx)` of the
modules that define it, for steps that need data of apps listed after them (e.g. accounts linking users to
employees). Every step must be deterministic for a given seed and idempotent (running it twice changes nothing).

A module whose `seed` must run earlier than its app's place allows sets `SEED_BEFORE = "<app label>"`: the cycle
closes the previous year (carrying its open needs) before the plans step optimises the demo year, as in real use.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

DEMO_AGENCY_CODE = "kota-medan"
DEMO_PASSWORD = "renbang-demo-2026"  # noqa: S105 (printed by `make run`; demo databases only)


@dataclass
class DemoContext:
    seed: int = 2026
    employees: int = 15_000
    year: int = 2026
    today: dt.date = field(default_factory=dt.date.today)
    agency: Any = None
    log: Any = print
    #: free-form hand-over between steps (e.g. {"units": {...}}); keys are owned by the app that sets them
    shared: dict[str, Any] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        """An independent, reproducible random stream per step: adding a step never changes another."""
        return random.Random(f"{self.seed}:{step}")  # noqa: S311 (demo data, not security)


DEMO_HOOKS = ("seed", "seed_late")


def demo_modules(hook: str = "seed") -> list[tuple[str, Any]]:
    """(app label, demo module) of the installed Renbang apps whose demo module defines `hook`."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("renbang."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, hook):
            modules.append((config.label, module))
    if hook == "seed":
        for item in [m for m in modules if getattr(m[1], "SEED_BEFORE", None)]:
            labels = [label for label, _module in modules]
            target = item[1].SEED_BEFORE
            if target in labels and labels.index(target) < labels.index(item[0]):
                modules.remove(item)
                modules.insert(labels.index(target), item)
    return modules
