"""One account per employee: create, idempotent re-run, disable/enable rules, username collisions."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from renbang.accounts.models import DisabledReason, Role, User
from renbang.accounts.provisioning import provision_accounts
from renbang.people.models import Employee

from ..factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _user_entries() -> int:
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User)).count()


def _all(world) -> list[int]:
    return list(Employee.objects.filter(agency=world.agency).values_list("pk", flat=True))


def test_it_creates_accounts_without_password_linked_to_the_employee(world):
    world.other.email = "siti@pemkomedan.go.id"
    world.other.save()
    report = provision_accounts(employee_ids=_all(world))
    # boss, chief and staff are linked to the world's users already (whose names get filled in); `other` has none
    assert (report.created, report.updated, report.unchanged) == (1, 3, 0)
    assert User.objects.get(pk=world.users.employee.pk).first_name == "Ahmad Lubis"
    user = User.objects.get(employee=world.other)
    assert user.username == world.other.nip
    assert user.get_full_name() == "Siti Nasution"
    assert user.email == "siti@pemkomedan.go.id"
    assert user.agency == world.agency and user.role == Role.EMPLOYEE and user.is_active
    assert not user.has_usable_password()
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(User), object_id=user.pk)
    assert entry.action == LogEntry.Action.CREATE and entry.changes["username"][1] == world.other.nip


def test_it_changes_nothing_when_run_again(world, django_assert_max_num_queries):
    provision_accounts(employee_ids=_all(world))
    entries, snapshot, ids = _user_entries(), list(User.objects.order_by("pk").values()), _all(world)
    with django_assert_max_num_queries(4):  # reads only: employees, users (plus savepoint and release)
        report = provision_accounts(employee_ids=ids)
    assert not report.changed and report.unchanged == 4
    assert _user_entries() == entries
    assert list(User.objects.order_by("pk").values()) == snapshot


def test_it_follows_the_employee_but_never_touches_username_or_role(world):
    world.staff.name, world.staff.email = "Ahmad Lubis Baru", "ahmad@pemkomedan.go.id"
    world.staff.save()
    report = provision_accounts(employee_ids=[world.staff.pk])
    assert report.updated == 1
    user = User.objects.get(pk=world.users.employee.pk)
    assert (user.username, user.role, user.first_name, user.email) == (
        "pegawai", Role.EMPLOYEE, "Ahmad Lubis Baru", "ahmad@pemkomedan.go.id")
    assert LogEntry.objects.filter(object_id=user.pk, action=LogEntry.Action.UPDATE).count() == 1


def test_it_disables_the_account_of_an_employee_who_left_and_enables_it_again(world):
    Employee.objects.filter(pk=world.staff.pk).update(active=False)
    report = provision_accounts(employee_ids=[world.staff.pk])
    user = User.objects.get(pk=world.users.employee.pk)
    assert report.disabled == 1 and not user.is_active
    assert user.disabled_reason == DisabledReason.EMPLOYEE_INACTIVE
    assert User.objects.filter(pk=user.pk).exists()  # never deleted
    Employee.objects.filter(pk=world.staff.pk).update(active=True)
    report = provision_accounts(employee_ids=[world.staff.pk])
    user.refresh_from_db()
    assert report.enabled == 1 and user.is_active and user.disabled_reason == ""


def test_it_keeps_an_account_disabled_by_an_admin_disabled(world):
    provision_accounts(employee_ids=[world.staff.pk])  # names filled in
    User.objects.filter(pk=world.users.employee.pk).update(is_active=False, disabled_reason=DisabledReason.ADMIN)
    report = provision_accounts(employee_ids=[world.staff.pk])
    assert not report.changed
    assert not User.objects.get(pk=world.users.employee.pk).is_active
    # the employee leaving and coming back does not enable it either
    Employee.objects.filter(pk=world.staff.pk).update(active=False)
    provision_accounts(employee_ids=[world.staff.pk])
    Employee.objects.filter(pk=world.staff.pk).update(active=True)
    provision_accounts(employee_ids=[world.staff.pk])
    user = User.objects.get(pk=world.users.employee.pk)
    assert not user.is_active and user.disabled_reason == DisabledReason.ADMIN


def test_it_creates_no_account_for_an_inactive_employee(world):
    gone = EmployeeFactory(agency=world.agency, unit=world.unit_b, position=world.positions.staff, active=False)
    report = provision_accounts(employee_ids=[gone.pk])
    assert report.skipped_inactive == 1 and not User.objects.filter(employee=gone).exists()


def test_it_reports_a_username_collision_and_leaves_that_user_alone(world):
    stranger = UserFactory(username=world.other.nip, agency=world.agency, role=Role.FACILITATOR)
    report = provision_accounts(employee_ids=[world.other.pk])
    assert report.collisions == [world.other.nip] and report.created == 0
    stranger.refresh_from_db()
    assert stranger.employee_id is None and stranger.role == Role.FACILITATOR and stranger.has_usable_password()


def test_it_writes_nothing_in_a_dry_run(world):
    report = provision_accounts(employee_ids=_all(world), dry_run=True)
    assert report.created == 1
    assert not User.objects.filter(employee=world.other).exists()
