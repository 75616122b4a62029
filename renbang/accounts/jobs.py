"""Background jobs of the accounts app: create accounts, send activation e-mails, print activation letters.

Each job recomputes its employees from the filters it was started with and the scope of the user who started it
(scoping.for_user), so a job never reaches beyond what its starter may manage.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from renbang.core.uploads import PrivateFolder

from . import selectors
from .activation import Activation, Channel, issue_activations, shown_code
from .letters import Letter, render_letters
from .models import User
from .provisioning import provision_accounts

log = logging.getLogger(__name__)

CREATE_KIND, EMAIL_KIND, LETTERS_KIND = "accounts.create", "accounts.activation_email", "accounts.letters"
LETTERS = PrivateFolder("activation-letters", max_age=24 * 3600)


def create_accounts(job, *, unit: int | None = None, **_ignored) -> dict:
    """Accounts for every employee in the starter's scope (optionally one unit subtree)."""
    job.report(1, "Mengumpulkan pegawai…")
    ids = list(selectors.employees_in_scope(job.created_by, unit).values_list("pk", flat=True))
    report = provision_accounts(employee_ids=ids, progress=lambda p, m: job.report(max(1, min(p, 99)), m))
    return {"accounts": report.as_dict(), "employees": len(ids)}


def _users(job, filters: dict):
    """Active accounts of the filtered employees, ordered by OPD then name (letters) — with their employee."""
    employees = selectors.filtered(job.created_by, selectors.Filters.from_params(filters))
    return list(User.objects.filter(is_active=True, employee__in=employees.values("pk"))
                .select_related("employee", "employee__unit").order_by("employee__name", "employee__nip"))


def _activate_url(base_url: str, token: str | None = None) -> str:
    path = reverse("accounts:activate_link", args=[token]) if token else reverse("accounts:activate")
    return base_url.rstrip("/") + path


def send_activation_emails(job, *, filters: dict, base_url: str, language: str = "id", **_ignored) -> dict:
    """An activation link by e-mail to each filtered account with an address; none twice within the resend window."""
    job.report(1, "Memilih penerima…")
    users = [u for u in _users(job, filters) if u.email or u.employee.email]
    recent = timezone.now() - dt.timedelta(minutes=int(settings.RENBANG["ACTIVATION_RESEND_MINUTES"]))
    just_sent = set(Activation.objects.filter(user__in=users, channel=Channel.EMAIL, created_at__gte=recent)
                    .values_list("user_id", flat=True))
    due = [u for u in users if u.pk not in just_sent]
    sent = failed = 0
    with translation.override(language), mail.get_connection() as connection:
        for start in range(0, len(due), 200):
            batch = due[start:start + 200]
            messages = []
            for user, token, _code in issue_activations(batch, channel=Channel.EMAIL, actor=job.created_by):
                context = {"user": user, "url": _activate_url(base_url, token),
                           "days": settings.RENBANG["ACTIVATION_DAYS"], "agency": user.employee.agency}
                subject = render_to_string("accounts/email/activation_subject.txt", context).strip()
                body = render_to_string("accounts/email/activation_body.txt", context)
                messages.append(mail.EmailMessage(subject, body, to=[user.email or user.employee.email],
                                                  connection=connection))
            for message in messages:
                try:
                    message.send()
                    sent += 1
                except OSError:  # the mail server refused or is unreachable: count, never log the address
                    failed += 1
            job.report(int(100 * min(start + 200, len(due)) / max(len(due), 1)),
                       f"{sent} surel terkirim dari {len(due)}…")
    if failed:
        log.warning("activation e-mails: %s of %s failed", failed, len(due))
    return {"sent": sent, "failed": failed, "skipped_recent": len(users) - len(due)}


def activation_letters(job, *, filters: dict, base_url: str, language: str = "id", **_ignored) -> dict:
    """One PDF page per filtered account, grouped by OPD: a new code for each (earlier ones stop working)."""
    job.report(1, "Memilih pegawai…")
    users = _users(job, filters)
    if not users:
        return {"count": 0}
    top, names = selectors.top_unit_names(job.agency_id)
    users.sort(key=lambda u: (names[top[u.employee.unit_id]].casefold(), u.employee.name.casefold(),
                              u.employee.nip))
    job.report(5, f"Menerbitkan kode untuk {len(users)} pegawai…")
    issued = issue_activations(users, channel=Channel.LETTER, actor=job.created_by)
    short_url = _activate_url(base_url)
    letters = [Letter(nip=user.employee.nip, name=user.employee.full_name, unit=user.employee.unit.name,
                      opd=names[top[user.employee.unit_id]], url=_activate_url(base_url, token), code=shown_code(code))
               for user, token, code in issued]
    job.report(30, f"Menyusun {len(letters)} surat…")
    expires = timezone.localdate() + dt.timedelta(days=int(settings.RENBANG["ACTIVATION_DAYS"]))
    with translation.override(language):
        pdf = render_letters(agency=job.agency, letters=letters, short_url=short_url, expires=expires)
    token = LETTERS.save(pdf, "pdf")
    return {"count": len(letters), "file": token, "opds": len({letter.opd for letter in letters})}
