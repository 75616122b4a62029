"""Counting attempts in the cache (activation codes, password reset requests): N per window per key.

Keys are hashed (a NIP or an e-mail address never sits in the cache in clear). The cache is Django's default:
per process with the local-memory backend; a shared cache (database or Redis, docs/deploy.md) makes the limits
hold across the web workers.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    return "rl:" + scope + ":" + hashlib.sha256(f"{scope}:{value}".lower().encode()).hexdigest()[:32]


def exceeded(scope: str, value: str | None, limit: int) -> bool:
    """True when `value` has used up its `limit` attempts of `scope` in the current window."""
    if not value:
        return False
    return int(cache.get(_key(scope, value), 0)) >= limit


def hit(scope: str, value: str | None, window_seconds: int) -> None:
    """Count one attempt of `value` (the window starts at its first attempt)."""
    if not value:
        return
    key = _key(scope, value)
    if cache.add(key, 1, window_seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)


def clear(scope: str, value: str | None) -> None:
    if value:
        cache.delete(_key(scope, value))
