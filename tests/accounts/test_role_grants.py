"""Several roles per person: the primary User.role plus RoleGrant rows, one query per user object."""

import pytest
from django.core.exceptions import ValidationError

from renbang.accounts.models import Role, RoleGrant, User
from renbang.accounts.scoping import for_user
from renbang.people.models import Employee
from tests.factories import AgencyFactory, OrgUnitFactory


def visible(user):
    return set(for_user(Employee.objects.all(), User.objects.get(pk=user.pk)).values_list("name", flat=True))


def test_it_lets_an_officer_of_two_units_see_both_subtrees(world):
    officer = world.users.officer_a
    assert visible(officer) == {"Rahmat Hasibuan", "Butet Siregar", "Ahmad Lubis"}
    RoleGrant.objects.create(user=officer, role=Role.HR_OFFICER, unit=world.unit_b)
    assert visible(officer) == {"Rahmat Hasibuan", "Butet Siregar", "Ahmad Lubis", "Siti Nasution"}


def test_it_lets_a_supervisor_also_be_an_opd_officer(world):
    supervisor = world.users.supervisor
    assert visible(supervisor) == {"Butet Siregar", "Ahmad Lubis"}
    RoleGrant.objects.create(user=supervisor, role=Role.HR_OFFICER, unit=world.unit_b)
    user = User.objects.get(pk=supervisor.pk)
    assert user.is_hr_officer and user.role == Role.SUPERVISOR
    assert visible(supervisor) == {"Butet Siregar", "Ahmad Lubis", "Siti Nasution"}


def test_it_makes_a_granted_admin_see_the_whole_agency_and_a_granted_head_read_it(world):
    RoleGrant.objects.create(user=world.users.employee, role=Role.BKPSDM_ADMIN)
    RoleGrant.objects.create(user=world.users.admin, role=Role.HEAD)
    employee = User.objects.get(pk=world.users.employee.pk)
    admin = User.objects.get(pk=world.users.admin.pk)
    assert employee.is_bkpsdm_admin and len(visible(employee)) == 4
    assert admin.is_head and admin.is_bkpsdm_admin and admin.roles == {Role.BKPSDM_ADMIN, Role.HEAD}


def test_it_reads_the_roles_once_per_user_object(world, django_assert_num_queries):
    RoleGrant.objects.create(user=world.users.officer_a, role=Role.HR_OFFICER, unit=world.unit_b)
    user = User.objects.get(pk=world.users.officer_a.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            assert user.is_hr_officer and not user.is_bkpsdm_admin and not user.is_head
        assert user.officer_unit_ids == tuple(sorted([world.unit_a.pk, world.unit_b.pk]))


def test_it_drops_every_role_of_an_inactive_user(world):
    RoleGrant.objects.create(user=world.users.employee, role=Role.BKPSDM_ADMIN)
    world.users.employee.is_active = False
    world.users.employee.save()
    user = User.objects.get(pk=world.users.employee.pk)
    assert not user.is_bkpsdm_admin and not user.has_role(Role.BKPSDM_ADMIN)


def test_it_gives_the_facilitator_role_its_permission(world):
    assert not User.objects.get(pk=world.users.employee.pk).has_perm("delivery.facilitate")
    RoleGrant.objects.create(user=world.users.employee, role=Role.FACILITATOR)
    assert User.objects.get(pk=world.users.employee.pk).has_perm("delivery.facilitate")


@pytest.mark.parametrize("role, unit, message", [
    (Role.HR_OFFICER, None, "harus diberi unit"),
    (Role.HEAD, "unit_a", "Hanya pengelola"),
    (Role.HR_OFFICER, "foreign", "instansi pengguna"),
])
def test_it_refuses_an_inconsistent_grant(world, role, unit, message):
    units = {"unit_a": world.unit_a, "foreign": OrgUnitFactory(agency=AgencyFactory(code="kab-deli", name="Deli"))}
    grant = RoleGrant(user=world.users.employee, role=role, unit=units.get(unit))
    with pytest.raises(ValidationError, match=message):
        grant.full_clean()
