"""Users, their roles and the link to the employee they are.

A user holds their primary role (`User.role`, with `User.unit` for an OPD HR officer: what factories, the demo and
the Django admin set) plus any number of extra roles as `RoleGrant` rows (a supervisor who is also an OPD
officer, an officer of two units, a BKPSDM admin who is also the PPK). `roles` and `officer_unit_ids` join both;
the grants are read once per user object (one query per request) and cached on it.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
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
    otp_exempt = models.BooleanField(
        _("bebas verifikasi dua langkah"), default=False, db_default=False,
        help_text=_("Akun demo dan uji: tidak diwajibkan mendaftarkan verifikasi dua langkah walau berperan admin."),
    )
    deactivated_at = models.DateTimeField(
        _("dinonaktifkan admin pada"), null=True, blank=True,
        help_text=_("Diisi saat admin BKPSDM menonaktifkan akun di halaman Peran dan akses."),
    )

    disabled_reason = models.CharField(
        _("alasan dinonaktifkan"), max_length=20, choices=DisabledReason.choices, blank=True, db_default="",
        help_text=_("Kosong selama akun aktif. Akun yang dinonaktifkan karena pegawainya tidak aktif lagi diaktifkan "
                    "kembali otomatis saat pegawai aktif lagi; akun yang dinonaktifkan admin tidak."),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @cached_property
    def _grants(self) -> tuple[tuple[str, int | None], ...]:
        """(role, unit_id) of the extra roles: one query per user object."""
        if self.pk is None:
            return ()
        return tuple(RoleGrant.objects.filter(user_id=self.pk).values_list("role", "unit_id"))

    def refresh_roles(self) -> None:
        """Forget the cached grants (after granting or taking a role on this very object)."""
        self.__dict__.pop("_grants", None)
        self.__dict__.pop("_is_supervisor_cache", None)

    def refresh_from_db(self, *args, **kwargs):
        self.refresh_roles()
        return super().refresh_from_db(*args, **kwargs)

    @property
    def role_signature(self) -> tuple:
        """What the menu and the home page of this user depend on besides data: figures cached for the user
        (renbang.core.usercache) are recomputed as soon as it changes, e.g. when a role is granted."""
        return (self.role, tuple(sorted(self._grants, key=repr)), self.is_active, self.is_superuser,
                self.employee_id, self.agency_id, self.unit_id)

    @property
    def roles(self) -> frozenset[str]:
        """Every role held: the primary one and the granted ones (supervisor stays derived: see predicates)."""
        return frozenset({self.role, *(role for role, _unit in self._grants)})

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.roles

    @property
    def officer_unit_ids(self) -> tuple[int, ...]:
        """Units (each with its subtree) this user manages as OPD HR officer."""
        units = {unit for role, unit in self._grants if role == Role.HR_OFFICER and unit}
        if self.role == Role.HR_OFFICER and self.unit_id:
            units.add(self.unit_id)
        return tuple(sorted(units))

    @property
    def is_bkpsdm_admin(self) -> bool:
        return self.is_active and (self.is_superuser or Role.BKPSDM_ADMIN in self.roles)

    @property
    def is_head(self) -> bool:
        return self.has_role(Role.HEAD)

    @property
    def is_hr_officer(self) -> bool:
        return self.is_active and bool(self.officer_unit_ids)

    @property
    def holds_admin_role(self) -> bool:
        """BKPSDM admin or PPK: the roles that must use two-factor verification."""
        return self.is_bkpsdm_admin or self.is_head

    @property
    def sees_whole_agency(self) -> bool:
        return self.is_bkpsdm_admin or self.is_head


#: Roles the "Peran dan akses" page gives and takes. Supervisor (has subordinates) and mentor (in a mentoring pair)
#: are derived from the data; employee is everyone's baseline.
GRANTABLE_ROLES = (Role.BKPSDM_ADMIN, Role.HR_OFFICER, Role.HEAD, Role.FACILITATOR)


class RoleGrant(models.Model):
    """An extra role of a user, next to their primary `User.role` (the OPD HR officer role: one row per unit)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("pengguna"))
    role = models.CharField(_("peran"), max_length=20, choices=[(r.value, r.label) for r in GRANTABLE_ROLES])
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="officer_grants", verbose_name=_("unit yang dikelola"))
    granted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("diberikan oleh"))
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemberian peran")
        verbose_name_plural = _("pemberian peran")
        ordering = ["user_id", "role", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="rolegrant_unique_unit"),
            models.UniqueConstraint(fields=["user", "role"], condition=Q(unit__isnull=True),
                                    name="rolegrant_unique_role"),
        ]

    def __str__(self) -> str:
        label = Role(self.role).label
        return f"{self.user}: {label}" + (f" ({self.unit})" if self.unit_id else "")

    def clean(self) -> None:
        if self.role == Role.HR_OFFICER and not self.unit_id:
            raise ValidationError({"unit": _("Pengelola kepegawaian OPD harus diberi unit yang dikelola.")})
        if self.role != Role.HR_OFFICER and self.unit_id:
            raise ValidationError({"unit": _("Hanya pengelola kepegawaian OPD yang diberi unit.")})
        if self.unit_id and self.user_id and self.unit.agency_id != self.user.agency_id:
            raise ValidationError({"unit": _("Unit harus dari instansi pengguna.")})


from .activation import Activation  # noqa: E402, F401  (the activation credentials live in their own module)
