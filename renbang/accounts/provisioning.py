"""One account per employee: create or update the users of a set of employees, in bulk, audited.

Rules (docs/panduan/admin-bkpsdm.md, "Akun pegawai"):
- a new account: username = NIP, name and e-mail from the employee, role "employee", no usable password (the
  employee activates it: renbang.accounts.activation), linked to the employee, in the employee's agency;
- an existing account (the user linked to the employee): its name, e-mail (when the employee has one) and agency
  follow the employee; its username and role are never touched;
- an inactive employee gets no new account, and their account is disabled (never deleted) with
  `disabled_reason = employee_inactive`; when the employee is active again, only such an account is enabled
  again: an account disabled by an admin (`disabled_reason = admin`, or disabled before this rule existed) stays
  disabled. A superuser is never disabled by this rule (it would lock out the installer);
- a username already taken by another user (a non-employee account named like the NIP) is a collision: reported,
  never overwritten;
- running it again changes nothing: no write, no audit entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q

from renbang.core.audit import audit_created, audit_updated, values_of

from .models import DisabledReason, Role, User

log = logging.getLogger(__name__)

CHUNK = 2000
#: What a new account gets and what the audit trail records of it.
CREATED_FIELDS = ("username", "first_name", "email", "agency_id", "employee_id", "role", "is_active")
#: What provisioning may change on an existing account.
SYNCED_FIELDS = ("first_name", "email", "agency_id", "is_active", "disabled_reason")

Progress = Callable[[int, str], None]


@dataclass
class ProvisionReport:
    created: int = 0
    updated: int = 0  # name, e-mail or agency changed
    disabled: int = 0
    enabled: int = 0
    unchanged: int = 0
    skipped_inactive: int = 0  # inactive employees without an account: none is created
    collisions: list[str] = field(default_factory=list)  # NIPs whose username belongs to another user
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.disabled or self.enabled)

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "disabled": self.disabled,
                "enabled": self.enabled, "unchanged": self.unchanged, "skipped_inactive": self.skipped_inactive,
                "collisions": self.collisions, "dry_run": self.dry_run}


def provision_accounts(*, employee_ids: Iterable[int], dry_run: bool = False,
                       progress: Progress | None = None) -> ProvisionReport:
    """Create or update the accounts of the employees `employee_ids` (see the module's rules)."""
    from renbang.people.models import Employee

    ids = sorted(set(employee_ids))
    report = ProvisionReport(dry_run=dry_run)
    report_progress = progress or (lambda percent, message: None)
    password = make_password(None)  # unusable ("!" + random): the same for the whole run is fine, it matches nothing
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            employees = list(Employee.objects.filter(pk__in=chunk).order_by("pk")
                             .values("pk", "nip", "name", "email", "active", "agency_id"))
            _provision_chunk(employees, report, password=password, dry_run=dry_run)
            done = min(start + CHUNK, len(ids))
            report_progress(int(100 * done / max(len(ids), 1)), f"Akun {done} dari {len(ids)} pegawai diperiksa…")
    if report.changed and not dry_run:
        log.info("accounts provisioned: %s created, %s updated, %s disabled, %s enabled, %s collisions",
                 report.created, report.updated, report.disabled, report.enabled, len(report.collisions))
    return report


def _provision_chunk(employees: list[dict], report: ProvisionReport, *, password: str, dry_run: bool) -> None:
    nips = [e["nip"] for e in employees]
    users = list(User.objects.filter(Q(employee_id__in=[e["pk"] for e in employees]) | Q(username__in=nips)))
    by_employee = {u.employee_id: u for u in users if u.employee_id}
    by_username = {u.username: u for u in users}
    create: list[User] = []
    update: list[User] = []
    for employee in employees:
        user = by_employee.get(employee["pk"])
        if user is None:
            if employee["nip"] in by_username:
                report.collisions.append(employee["nip"])
            elif not employee["active"]:
                report.skipped_inactive += 1
            else:
                create.append(User(username=employee["nip"], first_name=employee["name"][:150],
                                   email=employee["email"], agency_id=employee["agency_id"],
                                   employee_id=employee["pk"], role=Role.EMPLOYEE, is_active=True, password=password))
            continue
        if _sync(user, employee, report):
            update.append(user)
        else:
            report.unchanged += 1
    report.created += len(create)
    if dry_run:
        return
    if create:
        User.objects.bulk_create(create, batch_size=CHUNK)
        if any(u.pk is None for u in create):  # a database that does not return ids from bulk inserts
            ids = dict(User.objects.filter(username__in=[u.username for u in create]).values_list("username", "pk"))
            for user in create:
                user.pk = user.id = ids[user.username]
        audit_created(create, CREATED_FIELDS)
    if update:
        before = {u.pk: u._before for u in update}
        User.objects.bulk_update(update, SYNCED_FIELDS, batch_size=CHUNK)
        audit_updated(update, SYNCED_FIELDS, before)


def _sync(user: User, employee: dict, report: ProvisionReport) -> bool:
    """Bring `user` in line with `employee` in memory; True when something changed (its old values in _before)."""
    user._before = values_of([user], SYNCED_FIELDS)[user.pk]
    user.first_name = employee["name"][:150]
    if employee["email"]:
        user.email = employee["email"]
    user.agency_id = employee["agency_id"]
    if employee["active"]:
        if not user.is_active and user.disabled_reason == DisabledReason.EMPLOYEE_INACTIVE:
            user.is_active, user.disabled_reason = True, ""
            report.enabled += 1
    elif user.is_active and not user.is_superuser:
        user.is_active, user.disabled_reason = False, DisabledReason.EMPLOYEE_INACTIVE
        report.disabled += 1
    changed = {f for f in SYNCED_FIELDS if getattr(user, f) != user._before[f]}
    if changed - {"is_active", "disabled_reason"}:
        report.updated += 1  # name, e-mail or agency; disabling and enabling are counted on their own
    return bool(changed)
