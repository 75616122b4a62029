"""Writes of accounts: giving and taking roles, deactivating and reactivating an account (the "Peran dan akses"
page and the API). Every change goes through the audit trail (User and RoleGrant are registered with auditlog)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import GRANTABLE_ROLES, DisabledReason, Role, RoleGrant, User


def admins_of(agency_id) -> Q:
    """Q over User: the active BKPSDM admins of an agency (primary role or granted)."""
    return Q(agency_id=agency_id, is_active=True) & (
        Q(role=Role.BKPSDM_ADMIN) | Q(role_grants__role=Role.BKPSDM_ADMIN))


def _guard_last_admin(user: User) -> None:
    if not user.has_role(Role.BKPSDM_ADMIN) or user.is_superuser:
        return
    others = User.objects.filter(admins_of(user.agency_id)).exclude(pk=user.pk).exists()
    if not others:
        raise ValidationError(_("Ini admin BKPSDM terakhir instansi: beri peran admin kepada orang lain dahulu."))


def _guard_agency(user: User, by: User) -> None:
    if not by.is_superuser and user.agency_id != by.agency_id:
        raise ValidationError(_("Pengguna ini bukan dari instansi Anda."))


def holds(user: User, role: str, unit=None) -> bool:
    unit_id = getattr(unit, "pk", unit)
    if role == Role.HR_OFFICER:
        return unit_id in user.officer_unit_ids
    return role in user.roles


@transaction.atomic
def role_grant(*, user: User, role: str, unit=None, by: User) -> RoleGrant:
    _guard_agency(user, by)
    if role not in GRANTABLE_ROLES:
        raise ValidationError(_("Peran ini tidak dapat diberikan di sini."))
    if holds(user, role, unit):
        raise ValidationError(_("Pengguna sudah memegang peran ini."))
    grant = RoleGrant(user=user, role=role, unit=unit if role == Role.HR_OFFICER else None, granted_by=by)
    grant.full_clean()
    grant.save()
    user.refresh_roles()
    return grant


@transaction.atomic
def role_revoke(*, user: User, role: str, unit=None, by: User) -> None:
    """Take a role: a granted one is deleted; the primary one falls back to employee (the baseline)."""
    _guard_agency(user, by)
    unit_id = getattr(unit, "pk", unit)
    if not holds(user, role, unit_id):
        raise ValidationError(_("Pengguna tidak memegang peran ini."))
    if role == Role.BKPSDM_ADMIN:
        _guard_last_admin(user)
    grants = RoleGrant.objects.filter(user=user, role=role)
    if role == Role.HR_OFFICER:
        grants = grants.filter(unit_id=unit_id)
    deleted = False
    for grant in grants:
        grant.delete()  # one by one: auditlog records each
        deleted = True
    primary = user.role == role and (role != Role.HR_OFFICER or user.unit_id == unit_id)
    if primary and not deleted:
        user.role = Role.EMPLOYEE
        if role == Role.HR_OFFICER:
            user.unit = None
        user.save(update_fields=["role", "unit"])
    user.refresh_roles()


@transaction.atomic
def account_deactivate(*, user: User, by: User) -> None:
    """Disable a login without deleting anything: `disabled_reason` says an admin did it (the roster's account
    provisioning never re-enables it), `deactivated_at` when."""
    _guard_agency(user, by)
    if user.pk == by.pk:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if not user.is_active:
        raise ValidationError(_("Akun ini sudah tidak aktif."))
    _guard_last_admin(user)
    user.is_active = False
    user.disabled_reason = DisabledReason.ADMIN
    user.deactivated_at = timezone.now()
    user.save(update_fields=["is_active", "disabled_reason", "deactivated_at"])


@transaction.atomic
def account_reactivate(*, user: User, by: User) -> None:
    _guard_agency(user, by)
    if user.is_active:
        raise ValidationError(_("Akun ini sudah aktif."))
    user.is_active = True
    user.disabled_reason = ""
    user.deactivated_at = None
    user.save(update_fields=["is_active", "disabled_reason", "deactivated_at"])
