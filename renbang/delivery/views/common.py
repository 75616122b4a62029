from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404

from renbang.core.home import working_year

from .. import selectors


def form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def message_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def session_or_404(request, pk: int):
    session = selectors.session_for_user(request.user, pk)
    if session is None:
        raise Http404
    return session


def year_param(request) -> int:
    default = working_year(request.user)
    try:
        year = int(request.GET.get("tahun") or default)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def int_param(request, name: str) -> int | None:
    try:
        value = int(request.GET.get(name) or 0)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


def date_param(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
