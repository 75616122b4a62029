"""Figures kept in the shared cache: heavy aggregates (dashboards, the JP ledger of a scope) computed once and
served to everyone who may see them, until a write changes what they are made of.

One data version for the installation: any save or delete of a model some cached figure reads (`watch`, declared
by the app that caches the figure) replaces it, after the transaction commits, so every cached figure is read again
on its next request. Writes that bypass the model signals (bulk inserts of an import) are bounded by the entries'
lifetime, FIGURES_SECONDS, and by the "computed at" time each page shows with its figures.

The key of an entry names everything its value depends on: the figure, the data version, and the parts the caller
passes, which must include who the figure is for (a scope key from `accounts.scoping.shared_viewer`, never
anything narrower than what the value holds). This module knows no domain app: the apps register their models.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

T = TypeVar("T")

VERSION_KEY = "figures:version"
#: At most this long a cached figure is served: the bound for writes the signals do not see (bulk imports).
FIGURES_SECONDS = 10 * 60


def _new_token() -> str:
    """A version never given before (not the clock: two bumps in one tick, or a frozen clock, must still differ)."""
    return uuid.uuid4().hex


def version() -> str:
    """The current data version (a new one when the cache has lost it: a recomputation, never a stale value)."""
    token = cache.get(VERSION_KEY)
    if token is None:
        token = _new_token()
        if not cache.add(VERSION_KEY, token, None):
            token = cache.get(VERSION_KEY) or token
    return token


def _bump_now() -> None:
    cache.set(VERSION_KEY, _new_token(), None)


def bump() -> None:
    """A write changed data some figure reads: a new version now (this connection reads its own writes at once)
    and again once the transaction commits (once per transaction), since a reader in another process may cache the
    old, still committed data under the first new version in between."""
    _bump_now()
    if connection.in_atomic_block and not any(entry[1] is _bump_now for entry in connection.run_on_commit):
        transaction.on_commit(_bump_now)


def _on_write(sender, **kwargs) -> None:
    if not kwargs.get("raw"):
        bump()


def watch(*models: type[Model]) -> None:
    """Bump the version on every save and delete of these models (apps call this in ready())."""
    for model in models:
        uid = f"figures:{model._meta.label}"
        post_save.connect(_on_write, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_write, sender=model, dispatch_uid=uid + ":delete")


def cached(name: str, parts: Iterable[object], compute: Callable[[], T]) -> tuple[T, dt.datetime]:
    """(`compute()`, when it was computed), from the shared cache when an entry of the same name, data version and
    `parts` is there. `parts` must name whom the value may be shown to (see the module docstring)."""
    key = ":".join(["figures", name, version(), *(str(p) for p in parts)])
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = (compute(), timezone.now())
    cache.set(key, value, FIGURES_SECONDS)
    return value
