"""The go-live checklist: what a new agency still has to do before its employees use Renbang.

Core cannot import the apps built on it, so each app registers its own check in `AppConfig.ready()`:

    golive.register(20, my_app.golive.check)     # fn(agency_id) -> Check | None

A check runs a small, fixed number of queries whatever the data size (the page asserts its query count).
Core itself registers what is about the installation rather than the data: SSO, mail and backups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .home import number


@dataclass(frozen=True)
class Check:
    """One item of the checklist: done or not, a short status with a figure, and the page where it is done."""

    title: str
    done: bool
    status: str
    url: str = ""
    count: int | None = None
    hint: str = ""  # what to do, shown while not done
    optional: bool = False  # recommended, not required to go live (e.g. SSO)


CheckSource = Callable[[int], "Check | None"]
_CHECKS: dict[int, CheckSource] = {}


def register(order: int, fn: CheckSource) -> None:
    """Check `order` (10 organisation … 90 backups) is told by `fn(agency_id)`."""
    _CHECKS[order] = fn


def checks_for(agency_id: int) -> list[Check]:
    checks = (_CHECKS[order](agency_id) for order in sorted(_CHECKS))
    return [check for check in checks if check is not None]


def share(part: int, whole: int) -> str:
    """'42 dari 1.200 (3,5%)'."""
    if not whole:
        return number(part)
    percent = number_format(100 * part / whole, decimal_pos=1)
    return _("%(part)s dari %(whole)s (%(percent)s%%)") % {"part": number(part), "whole": number(whole),
                                                          "percent": percent}


# --- Checks about the installation (settings and the backup test), registered by core's AppConfig. ----------

#: Mail backends that send nothing to anyone.
NO_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
BACKUP_MAX_AGE = dt.timedelta(days=31)
RESTORE_CHECK_KIND = "restore_check"


def sso_check(agency_id: int) -> Check:
    configured = bool(getattr(settings, "OIDC_OP_ISSUER", "") or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT",
                                                                         "")) and \
        bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))
    return Check(gettext_lazy("Masuk dengan SSO"), configured,
                 _("Terpasang") if configured else _("Belum diatur (opsional)"), optional=True,
                 hint=_("Atur OIDC_OP_ISSUER, OIDC_RP_CLIENT_ID dan OIDC_RP_CLIENT_SECRET di berkas lingkungan "
                        "(docs/deploy.md)."))


def mail_check(agency_id: int) -> Check:
    backend = settings.EMAIL_BACKEND
    configured = backend not in NO_MAIL_BACKENDS
    return Check(gettext_lazy("E-mail keluar"), configured,
                 _("Terpasang (%(host)s)") % {"host": settings.EMAIL_HOST} if configured
                 else _("Belum diatur: e-mail hanya ditulis ke log"),
                 hint=_("Atur EMAIL_BACKEND dan EMAIL_HOST (SMTP) di berkas lingkungan: tautan aktivasi dan "
                        "lupa kata sandi dikirim lewat e-mail."))


def backup_check(agency_id: int) -> Check:
    from .models import Job, JobStatus

    last = Job.objects.filter(kind=RESTORE_CHECK_KIND).order_by("-created_at", "-pk").first()
    if last is None:
        return Check(gettext_lazy("Cadangan teruji"), False, _("Uji pemulihan belum pernah dijalankan"),
                     hint=_("Jadwalkan pg_dump harian dan jalankan manage.py restore_check BERKAS sebulan sekali "
                            "(docs/deploy.md)."))
    when = last.finished_at or last.created_at
    ok = last.status == JobStatus.DONE
    fresh = timezone.now() - when <= BACKUP_MAX_AGE
    day = date_format(timezone.localtime(when), "j N Y H:i")
    status = (_("Terakhir %(day)s: berhasil") if ok else _("Terakhir %(day)s: gagal")) % {"day": day}
    if ok and not fresh:
        status += " · " + _("lebih dari sebulan lalu")
    return Check(gettext_lazy("Cadangan teruji"), ok and fresh, status,
                 hint=last.message if not ok else _("Jalankan manage.py restore_check BERKAS lagi."))


def record_restore_check(*, ok: bool, message: str, result: dict | None = None) -> None:
    """Keep the outcome of a `restore_check` run (shown on the checklist) as a finished Job row."""
    from .models import Job, JobStatus

    now = timezone.now()
    Job.objects.create(kind=RESTORE_CHECK_KIND, status=JobStatus.DONE if ok else JobStatus.FAILED, progress=100,
                       message=message[:300], result=result or {}, finished_at=now)
