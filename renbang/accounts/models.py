"""Users, their role and the link to the employee they are."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles of Renbang (GLOSSARY.md). What each may see is decided in one place: scoping.for_user."""

    BKPSDM_ADMIN = "bkpsdm_admin", _("Admin BKPSDM")
    HR_OFFICER = "hr_officer", _("Pengelola kepegawaian OPD")
    SUPERVISOR = "supervisor", _("Atasan")
    EMPLOYEE = "employee", _("Pegawai")
    MENTOR = "mentor", _("Mentor")
    FACILITATOR = "facilitator", _("Fasilitator/widyaiswara")
    HEAD = "head", _("Pimpinan (PPK)")


class DisabledReason(models.TextChoices):
    """Why an account is disabled: provisioning re-enables only the accounts it disabled itself."""

    EMPLOYEE_INACTIVE = "employee_inactive", _("Pegawai tidak aktif lagi")
    ADMIN = "admin", _("Dinonaktifkan admin")


class User(AbstractUser):
    """A person who logs in: an official of an agency, usually linked to their own employee record."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="users", verbose_name=_("instansi"))
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="officers",
        verbose_name=_("unit yang dikelola"),
        help_text=_("Untuk pengelola kepegawaian OPD: akses ke unit ini beserta seluruh unit di bawahnya."),
    )
    employee = models.OneToOneField(
        "people.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="user",
        verbose_name=_("pegawai"),
    )

    disabled_reason = models.CharField(
        _("alasan dinonaktifkan"), max_length=20, choices=DisabledReason.choices, blank=True,
        help_text=_("Kosong selama akun aktif. Akun yang dinonaktifkan karena pegawainya tidak aktif lagi diaktifkan "
                    "kembali otomatis saat pegawai aktif lagi; akun yang dinonaktifkan admin tidak."),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def is_bkpsdm_admin(self) -> bool:
        return self.is_active and (self.role == Role.BKPSDM_ADMIN or self.is_superuser)

    @property
    def is_head(self) -> bool:
        return self.is_active and self.role == Role.HEAD

    @property
    def is_hr_officer(self) -> bool:
        return self.is_active and self.role == Role.HR_OFFICER and self.unit_id is not None

    @property
    def sees_whole_agency(self) -> bool:
        return self.is_bkpsdm_admin or self.is_head


from .activation import Activation  # noqa: E402, F401  (the activation credentials live in their own module)
