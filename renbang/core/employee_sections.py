"""Extra sections of the employee detail page, contributed by later apps (competencies, needs, plans…).

People must not import the apps that build on it (dependencies flow one way), so each app registers a
function `fn(request, employee) -> dict | None` in its AppConfig.ready(); the employee page renders every
returned `{"template": ..., "data": ...}` in registration order. A section that has nothing to say returns None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Section = dict[str, Any]
_providers: list[Callable[[Any, Any], Section | None]] = []


def register(provider: Callable[[Any, Any], Section | None]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(request, employee) -> list[Section]:
    sections = []
    for provider in _providers:
        section = provider(request, employee)
        if section:
            sections.append(section)
    return sections
