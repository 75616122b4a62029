"""The roster's items of the go-live checklist (core.golive): employees, and their accounts."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renbang.core.golive import Check, share
from renbang.core.home import number

from .models import Employee


def roster(agency_id: int) -> Check:
    count = Employee.objects.filter(agency_id=agency_id, active=True).count()
    return Check(gettext_lazy("Roster pegawai"), count > 0, _("%(n)s pegawai aktif") % {"n": number(count)},
                 reverse("people:list") if count else reverse("people:import"), count,
                 hint=_("Impor roster dari berkas .xlsx/.csv (kolom Indonesia atau ekspor SIASN)."))


def accounts(agency_id: int) -> Check:
    """Active employees with an account, and those who have logged in at least once (activated)."""
    figures = Employee.objects.filter(agency_id=agency_id, active=True).aggregate(
        total=Count("pk"), accounts=Count("pk", filter=Q(user__isnull=False, user__is_active=True)),
        activated=Count("pk", filter=Q(user__last_login__isnull=False, user__is_active=True)))
    total, with_account, activated = figures["total"], figures["accounts"], figures["activated"]
    status = _("%(accounts)s punya akun · %(activated)s sudah masuk") % {
        "accounts": share(with_account, total), "activated": share(activated, total)}
    # The item links to where accounts are created and activation is sent, not to the employee list.
    return Check(gettext_lazy("Akun pegawai"), total > 0 and with_account == total, status,
                 reverse("accounts:employee_accounts"), activated,
                 hint=_("Buat akun untuk setiap pegawai lalu kirim tautan aktivasi atau cetak surat aktivasi."))
