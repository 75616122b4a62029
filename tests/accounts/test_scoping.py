"""The one access path: who sees which employees."""

import pytest

from renbang.accounts.scoping import CHANGE, can, for_user
from renbang.people.models import Employee

from ..factories import AgencyFactory, EmployeeFactory, UserFactory


def visible(user, action="view"):
    return set(for_user(Employee.objects.all(), user, action).values_list("name", flat=True))


ALL = {"Rahmat Hasibuan", "Butet Siregar", "Ahmad Lubis", "Siti Nasution"}


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("admin", ALL),
        ("head", ALL),
        ("officer_a", {"Rahmat Hasibuan", "Butet Siregar", "Ahmad Lubis"}),
        ("officer_b", {"Siti Nasution"}),
        ("supervisor", {"Butet Siregar", "Ahmad Lubis"}),
        ("mentor", {"Rahmat Hasibuan", "Butet Siregar", "Ahmad Lubis"}),  # boss: indirect subordinates too
        ("employee", {"Ahmad Lubis"}),
        ("facilitator", set()),
    ],
)
def test_it_shows_each_role_exactly_its_scope(world, actor, expected):
    assert visible(getattr(world.users, actor)) == expected


def test_it_lets_the_head_read_but_not_change(world):
    assert visible(world.users.head, CHANGE) == set()
    assert visible(world.users.admin, CHANGE) == ALL


def test_it_never_shows_another_agency(world):
    other_agency = AgencyFactory(code="kota-binjai", name="Pemerintah Kota Binjai")
    EmployeeFactory(agency=other_agency, name="Orang Binjai")
    assert "Orang Binjai" not in visible(world.users.admin)


def test_it_shows_nothing_to_a_user_without_agency(world):
    assert visible(UserFactory(agency=None)) == set()


def test_it_checks_objects_through_the_same_path(world):
    assert can(world.users.employee, "view", world.staff)
    assert not can(world.users.employee, "view", world.other)
    assert not can(world.users.officer_b, "view", world.staff)


def test_it_follows_the_supervisor_chain_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(Employee.objects.subordinates_of(world.boss.pk))
