"""GET /api/v1/accounts/employee-accounts/: each employee's account state, scoped like the "Akun pegawai" page,
read-only, strict filters, a bounded number of queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from renbang.accounts.activation import Channel, issue_activations
from renbang.accounts.models import DisabledReason, User
from renbang.accounts.provisioning import provision_accounts

from ..factories import EmployeeFactory

URL = "/api/v1/accounts/employee-accounts/"


@pytest.fixture
def accounts(world):
    """staff: activated (own password); chief: not activated, a letter printed; boss: disabled by an admin;
    other: no account."""
    chief = User.objects.get(pk=world.users.supervisor.pk)
    chief.password = make_password(None)
    chief.save(update_fields=["password"])
    issue_activations([chief], channel=Channel.LETTER)
    User.objects.filter(pk=world.users.mentor.pk).update(is_active=False, disabled_reason=DisabledReason.ADMIN)
    return world


def rows(client, query: str = "") -> dict[str, dict]:
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return {item["nip"]: item for item in response.json()["results"]}


def test_it_gives_the_bkpsdm_admin_every_employee_with_their_account_state(accounts, login):
    w = accounts
    found = rows(login(w.users.admin))
    assert set(found) == {w.boss.nip, w.chief.nip, w.staff.nip, w.other.nip}
    staff, chief, boss, other = (found[e.nip] for e in (w.staff, w.chief, w.boss, w.other))
    assert (staff["username"], staff["active"], staff["activated"], staff["has_account"]) == ("pegawai", True,
                                                                                              True, True)
    assert chief["active"] and not chief["activated"] and chief["last_activation_sent"] is not None
    assert staff["last_activation_sent"] is None and chief["unit_name"] == "Seksi Kurikulum SD"
    assert not boss["active"] and not boss["activated"] and boss["disabled_reason"] == DisabledReason.ADMIN
    assert other == {**other, "has_account": False, "username": None, "active": False, "activated": False,
                     "disabled_reason": None, "employee_active": True}


@pytest.mark.parametrize(("actor", "visible"), [("officer_a", {"boss", "chief", "staff"}), ("officer_b", {"other"})])
def test_it_gives_an_opd_officer_the_employees_of_their_units(accounts, login, actor, visible):
    found = rows(login(getattr(accounts.users, actor)))
    assert set(found) == {getattr(accounts, name).nip for name in visible}


@pytest.mark.parametrize("actor", ["supervisor", "employee", "mentor", "facilitator", "head"])
def test_it_refuses_everyone_else(world, login, actor):
    client = login(getattr(world.users, actor))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{world.staff.pk}/").status_code == 403


def test_it_refuses_anonymous_callers_and_every_write(accounts, client, login):
    assert client.get(URL).status_code == 401
    admin = login(accounts.users.admin)
    assert admin.get(f"{URL}{accounts.staff.pk}/").json()["username"] == "pegawai"
    assert admin.post(URL, {}).status_code == 405
    assert admin.patch(f"{URL}{accounts.staff.pk}/", {}, content_type="application/json").status_code == 405
    assert admin.delete(f"{URL}{accounts.staff.pk}/").status_code == 405


def test_it_hides_an_employee_outside_the_officers_units(accounts, login):
    assert login(accounts.users.officer_b).get(f"{URL}{accounts.staff.pk}/").status_code == 404


def test_it_filters_by_unit_subtree_active_and_activated(accounts, login):
    w = accounts
    client = login(w.users.admin)
    assert set(rows(client, f"?unit={w.unit_a.pk}")) == {w.boss.nip, w.chief.nip, w.staff.nip}
    assert set(rows(client, f"?unit={w.section_a.pk}")) == {w.chief.nip, w.staff.nip}
    assert set(rows(client, "?active=true")) == {w.chief.nip, w.staff.nip}
    assert set(rows(client, "?active=false")) == {w.boss.nip, w.other.nip}
    assert set(rows(client, "?activated=true")) == {w.staff.nip}
    assert set(rows(client, "?activated=false&unit=" + str(w.unit_a.pk))) == {w.boss.nip, w.chief.nip}
    assert rows(client, "?unit=999999999") == {}


@pytest.mark.parametrize("query", ["?active=maybe", "?activated=1", "?unit=abc", "?unit=0", f"?unit={2**63}"])
def test_it_refuses_a_filter_value_the_schema_does_not_allow(accounts, login, query):
    assert login(accounts.users.admin).get(URL + query).status_code == 400


def test_it_lists_in_a_bounded_number_of_queries(world, login, django_assert_max_num_queries):
    employees = EmployeeFactory.create_batch(40, agency=world.agency, unit=world.unit_b,
                                             position=world.positions.staff)
    provision_accounts(employee_ids=[e.pk for e in employees])
    issue_activations(list(User.objects.filter(employee__in=employees)), channel=Channel.EMAIL)
    User.objects.filter(employee__in=employees[:10]).update(last_login=timezone.now())
    client = login(world.users.admin)
    client.get(URL)  # the session and the token tables warmed up
    with django_assert_max_num_queries(8):
        body = client.get(URL).json()
    assert body["count"] == 44 and len(body["results"]) == 44
    # 10 logged in, and the world's three employees with accounts (their factory passwords are usable)
    assert sum(item["activated"] for item in body["results"]) == 13
