"""What every page shows one user (the menu, the bell's count, the home page's tasks), kept a short time in the
shared cache instead of being recomputed by every request.

One path for such figures, with three guarantees:
- A user's entry is read back only for that user: the key holds the user's id, and the entry holds the user's role
  signature (`User.role_signature`: role, granted roles, account flags, employee, unit), checked on every read, so a
  role granted or taken shows on the next page.
- The user's own writes show at once: after any POST (PUT, PATCH, DELETE) of the user, `ForgetOnWriteMiddleware`
  drops the user's entries; writes that concern someone else (a notice to them) call `forget(user_id)`.
- What derives from other people's data (a supervisor's staff sent a form, a new session to facilitate) shows
  within `TTL` seconds.
The cache is Redis in production, shared by every web process and node (settings.CACHES); tests use process
memory, emptied before each test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

T = TypeVar("T")

TTL = 60  # seconds: how long a figure derived from other people's data may lag
#: Every name `cached` is used with (forget() drops them all): the menu, the bell, the home page, "my development".
NAMES = ("nav", "bell", "home", "my_development")
_MISSING = object()


def _key(user_id: int, name: str, language: str) -> str:
    return f"usercache:{user_id}:{name}:{language}"


def _signature(user) -> tuple:
    return (user.pk, getattr(user, "role_signature", None))


def cached(user, name: str, compute: Callable[[], T], *, vary: tuple = ()) -> T:
    """`compute()` for this user in the active language, reused for up to TTL seconds while the user's role
    signature and `vary` (e.g. today's date) stay the same."""
    if name not in NAMES:
        raise ValueError(f"usercache name {name!r} is not in NAMES (forget() would miss it)")
    key = _key(user.pk, name, translation.get_language() or settings.LANGUAGE_CODE)
    check = (_signature(user), vary)
    entry = cache.get(key, _MISSING)
    if entry is not _MISSING and isinstance(entry, tuple) and len(entry) == 2 and entry[0] == check:
        return entry[1]
    value = compute()
    cache.set(key, (check, value), TTL)
    return value


def forget(user_ids: Iterable[int | None]) -> None:
    """Drop the entries of these users now and once more when the transaction commits (a page computed in
    between would otherwise keep what the transaction is changing)."""
    keys = [_key(uid, name, lang) for uid in set(user_ids) if uid is not None
            for name in NAMES for lang, _label in settings.LANGUAGES]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


class ForgetOnWriteMiddleware:
    """After a user's write (any method but GET, HEAD, OPTIONS), the next page recomputes that user's entries."""

    SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in self.SAFE:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                forget([user.pk])
        return response
