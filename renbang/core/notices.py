"""One notification path for every app: an in-app notice (`core.Notice`, the navbar bell and the notices page) and
an e-mail (through Django's mail settings: console backend in development) sent after the transaction commits.
Delivery (invitations, decisions), evaluation (feedback and follow-up reminders) and needs (questionnaire
reminders) all write through here."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from . import usercache
from .models import Notice

logger = logging.getLogger(__name__)


def _address(user) -> str:
    if user.email:
        return user.email
    employee = getattr(user, "employee", None) if user.employee_id else None
    return getattr(employee, "email", "") or ""


def notify(*, users: Iterable, title: str, body: str = "", url: str = "", kind: str = "",
           email: bool = True) -> list[Notice]:
    """One Notice per user, and (after commit) one e-mail per user with an address."""
    users = [u for u in users if u is not None]
    notices = Notice.objects.bulk_create([
        Notice(user=u, title=title[:200], body=body, url=url[:300], kind=kind[:40]) for u in users])
    usercache.forget(u.pk for u in users)  # their bells
    if email:
        _mail_after_commit([(title, body, url, _address(u)) for u in users])
    return notices


def notify_each(messages: Iterable[tuple[int | None, str, str, str, str]], *, kind: str = "") -> int:
    """Notices that differ per recipient: (user id or None, e-mail or "", title, body, url) each. A notice for
    every user id, an e-mail (after commit) for every address. Returns the number of notices written."""
    messages = list(messages)
    notices = Notice.objects.bulk_create([
        Notice(user_id=user_id, title=title[:200], body=body, url=url[:300], kind=kind[:40])
        for user_id, _email, title, body, url in messages if user_id is not None], batch_size=2000)
    usercache.forget(notice.user_id for notice in notices)
    _mail_after_commit([(title, body, url, email) for _user, email, title, body, url in messages])
    return len(notices)


def _mail_after_commit(rows: list[tuple[str, str, str, str]]) -> None:
    """Send (title, body, url, address) mails once the transaction commits; rows without an address are skipped."""
    messages = [(title[:200], f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [addr])
                for title, body, url, addr in rows if addr]
    if not messages:
        return

    def _send() -> None:
        try:
            send_mass_mail(messages, fail_silently=False)
        except OSError:  # a mail server down must never undo the act; counts only in the log
            logger.warning("notices: %d e-mails not sent", len(messages))

    transaction.on_commit(_send)


def notify_employees(*, employees: Iterable, **kwargs) -> list[Notice]:
    """Notify the user accounts linked to these employees (employees without an account are skipped)."""
    from renbang.accounts.models import User

    ids = [e.pk for e in employees]
    return notify(users=User.objects.filter(employee_id__in=ids, is_active=True), **kwargs)


def notices_mark_read(*, user, pk: int | None = None) -> int:
    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    usercache.forget([user.pk])
    return qs.update(read_at=timezone.now())
