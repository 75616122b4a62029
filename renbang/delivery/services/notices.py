"""In-app notices and e-mail (through Django's mail settings: console backend in development)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from ..models import Notice

logger = logging.getLogger(__name__)


def _address(user) -> str:
    if user.email:
        return user.email
    employee = getattr(user, "employee", None) if user.employee_id else None
    return getattr(employee, "email", "") or ""


def notify(*, users: Iterable, title: str, body: str = "", url: str = "", kind: str = "",
           email: bool = True) -> list[Notice]:
    """One Notice per user, and (after commit) one e-mail per user with an address. Other apps may reuse this."""
    users = [u for u in users if u is not None]
    notices = Notice.objects.bulk_create([
        Notice(user=u, title=title[:200], body=body, url=url[:300], kind=kind[:40]) for u in users])
    if email:
        messages = [(title[:200], f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [addr])
                    for addr in (_address(u) for u in users) if addr]
        if messages:
            def _send() -> None:
                try:
                    send_mass_mail(messages, fail_silently=False)
                except OSError:  # a mail server down must never undo the act; ids only in the log
                    logger.warning("delivery: %d notice e-mails not sent", len(messages))

            transaction.on_commit(_send)
    return notices


def notify_employees(*, employees: Iterable, **kwargs) -> list[Notice]:
    """Notify the user accounts linked to these employees (employees without an account are skipped)."""
    from renbang.accounts.models import User

    ids = [e.pk for e in employees]
    return notify(users=User.objects.filter(employee_id__in=ids, is_active=True), **kwargs)


def notices_mark_read(*, user, pk: int | None = None) -> int:
    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
