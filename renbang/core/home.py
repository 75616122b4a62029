"""The home page's two registries: what needs the user's action, and where the year's cycle stands.

Core cannot import the apps built on it, so each app registers its own sources in `AppConfig.ready()`:

    home.register_tasks(my_app.home.tasks)        # fn(user, today) -> iterable of Task
    home.register_step(4, my_app.home.step)       # fn(user, year) -> Step | None (None: not for this user)

Sources read through the app's selectors (so through `scoping.for_user`) and must run a small, fixed number of
queries whatever the data size: the home page asserts its query count in tests. A figure that a task and a step
both need (evaluation's evidence of the year) is computed once per page with `once(key, fn)`: the page renders
inside `rendering()`, and outside it `once` simply calls `fn` (nothing is kept between requests or calls).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format


@dataclass(frozen=True)
class Task:
    """Something waiting for the user: `count` items behind one link."""

    label: str
    count: int
    url: str
    icon: str = "bi-check2-square"
    urgent: bool = False  # e.g. a deadline within days


class State:
    DONE = "done"  # the step is complete for the year
    ACTIVE = "active"  # under way
    WAITING = "waiting"  # not started yet


@dataclass(frozen=True)
class Step:
    """One step of the yearly cycle as the user may see it: its state, one figure and the page behind it."""

    title: str
    state: str
    status: str  # short text next to the state badge, e.g. "Ditetapkan (versi 2)"
    figure: str = ""  # one line of numbers, e.g. "1.891 penugasan · Rp 1,2 M"
    url: str = ""


def sees_cycle(user) -> bool:
    """Who sees the cycle's state on the home page: BKPSDM, the PPK and OPD officers (planners). Supervisors and
    employees get their own tasks and "my development" instead."""
    return bool(user.is_authenticated and user.agency_id
                and (user.is_bkpsdm_admin or user.is_head or user.is_hr_officer))


def working_year(user, today: dt.date | None = None) -> int:
    """The year pages open by default: the agency's current year when set at setup (Agency.current_year),
    else the calendar year. Pages with a ?tahun= picker use it when the parameter is absent."""
    agency = getattr(user, "agency", None) if getattr(user, "agency_id", None) else None
    return getattr(agency, "current_year", None) or (today or timezone.localdate()).year


def number(value) -> str:
    """A count with the active language's thousands separator (1.891 in Indonesian, 1,891 in English)."""
    return number_format(value, force_grouping=True)


TaskSource = Callable[[object, dt.date], Iterable[Task]]
StepSource = Callable[[object, int], "Step | None"]

_TASKS: list[TaskSource] = []
_STEPS: dict[int, StepSource] = {}


def register_tasks(fn: TaskSource) -> None:
    if fn not in _TASKS:
        _TASKS.append(fn)


def register_step(order: int, fn: StepSource) -> None:
    """Step `order` (1 = standards … 6 = evaluation, as in the seed's cycle) is told by `fn`."""
    _STEPS[order] = fn


def tasks_for(user, today: dt.date) -> list[Task]:
    """Every registered source's tasks with something to do, urgent first, then by source order."""
    found = [task for fn in _TASKS for task in fn(user, today) if task.count > 0]
    return sorted(found, key=lambda t: not t.urgent)


def steps_for(user, year: int) -> list[tuple[int, Step]]:
    """(order, step) of the registered steps the user may see, in cycle order."""
    steps = ((order, _STEPS[order](user, year)) for order in sorted(_STEPS))
    return [(order, step) for order, step in steps if step is not None]


_ONCE: ContextVar[dict | None] = ContextVar("renbang_home_once", default=None)


@contextmanager
def rendering() -> Iterator[None]:
    """While the home page is rendered: `once` keeps what it computed, for this page only."""
    token = _ONCE.set({})
    try:
        yield
    finally:
        _ONCE.reset(token)


def once(key: tuple, fn: Callable[[], object]):
    """`fn()`, computed once per home page for `key` (a task and a step reading the same figure); outside a
    `rendering()` block it is called every time."""
    memo = _ONCE.get()
    if memo is None:
        return fn()
    if key not in memo:
        memo[key] = fn()
    return memo[key]
