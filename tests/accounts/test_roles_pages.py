"""The "Peran dan akses" pages: allowed and refused actors, giving and taking roles, deactivating, audit, queries."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from renbang.accounts.models import Role, RoleGrant, User
from tests.factories import UserFactory

REFUSED = ["officer_a", "supervisor", "employee", "head", "mentor", "facilitator"]


def pages(world):
    pk = world.users.employee.pk
    return [reverse("accounts:roles_index"), reverse("accounts:roles_holders"),
            reverse("accounts:roles_person", args=[pk])]


def posts(world):
    pk = world.users.employee.pk
    return [(reverse("accounts:roles_person", args=[pk]), {"role": Role.HEAD}),
            (reverse("accounts:roles_revoke", args=[pk]), {"role": Role.HEAD}),
            (reverse("accounts:roles_active", args=[pk]), {"active": "0"}),
            (reverse("accounts:otp_reset_for_user", args=[pk]), {})]


@pytest.mark.parametrize("actor", REFUSED)
def test_it_refuses_the_roles_pages_and_posts_to_other_roles(world, login, actor):
    client = login(getattr(world.users, actor))
    for url in pages(world):
        assert client.get(url).status_code == 403, url
    for url, data in posts(world):
        assert client.post(url, data).status_code == 403, url
    assert not RoleGrant.objects.exists()
    assert User.objects.get(pk=world.users.employee.pk).is_active


def test_it_sends_an_anonymous_visitor_to_the_login_page(world, client):
    for url in pages(world):
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    for url, data in posts(world):
        assert client.post(url, data).status_code == 302
    assert not RoleGrant.objects.exists()


@pytest.mark.parametrize("actor", ["admin", "superuser"])
def test_it_lets_the_admin_and_a_superuser_open_every_page(world, login, actor):
    user = world.users.admin if actor == "admin" else UserFactory(username="root", agency=None, is_superuser=True)
    client = login(user)
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("accounts:roles_index"), {"q": "Ahmad"}).content.decode()
    assert ">pegawai</a>" in page and ">opd_a</a>" not in page


def test_it_finds_a_person_by_nip(world, login):
    page = login(world.users.admin).get(reverse("accounts:roles_index"), {"q": world.staff.nip}).content.decode()
    assert ">pegawai</a>" in page and ">atasan</a>" not in page


def test_it_gives_an_officer_a_second_unit_and_takes_it_back_with_the_actor_in_the_audit(world, login):
    client = login(world.users.admin)
    officer = world.users.officer_a
    url = reverse("accounts:roles_person", args=[officer.pk])
    response = client.post(url, {"role": Role.HR_OFFICER, "unit": world.unit_b.pk})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=officer)
    assert (grant.unit, grant.granted_by) == (world.unit_b, world.users.admin)
    assert User.objects.get(pk=officer.pk).officer_unit_ids == tuple(sorted([world.unit_a.pk, world.unit_b.pk]))
    entry = LogEntry.objects.get_for_object(grant).get()
    assert entry.actor == world.users.admin and entry.action == LogEntry.Action.CREATE
    holders = client.get(reverse("accounts:roles_holders")).content.decode()
    assert "Dinas Kesehatan" in holders and "Dinas Pendidikan dan Kebudayaan" in holders

    client.post(reverse("accounts:roles_revoke", args=[officer.pk]), {"role": Role.HR_OFFICER, "unit": world.unit_b.pk})
    assert not RoleGrant.objects.exists()
    assert LogEntry.objects.filter(object_pk=str(grant.pk), action=LogEntry.Action.DELETE,
                                   actor=world.users.admin).exists()
    # the primary unit: the role falls back to employee, recorded on the User
    client.post(reverse("accounts:roles_revoke", args=[officer.pk]), {"role": Role.HR_OFFICER, "unit": world.unit_a.pk})
    officer.refresh_from_db()
    assert (officer.role, officer.unit, officer.is_hr_officer) == (Role.EMPLOYEE, None, False)
    assert LogEntry.objects.get_for_object(officer).filter(actor=world.users.admin).latest("timestamp") \
        .changes_dict["role"][1] == Role.EMPLOYEE


def test_it_refuses_a_unit_of_another_agency_and_an_officer_without_unit(world, login):
    from tests.factories import AgencyFactory, OrgUnitFactory

    foreign = OrgUnitFactory(agency=AgencyFactory(code="kab-deli", name="Deli"))
    client = login(world.users.admin)
    url = reverse("accounts:roles_person", args=[world.users.employee.pk])
    response = client.post(url, {"role": Role.HR_OFFICER, "unit": foreign.pk})
    assert response.status_code == 200 and "pilihan yang tersedia" in response.content.decode().lower()
    response = client.post(url, {"role": Role.HR_OFFICER})
    assert "Pilih unit yang dikelola." in response.content.decode()
    response = client.post(url, {"role": "superadmin"})
    assert response.status_code == 200
    assert not RoleGrant.objects.exists()


def test_it_refuses_a_role_already_held(world, login):
    client = login(world.users.admin)
    response = client.post(reverse("accounts:roles_person", args=[world.users.admin.pk]),
                           {"role": Role.BKPSDM_ADMIN}, follow=True)
    assert "sudah memegang" in response.content.decode()
    assert not RoleGrant.objects.exists()


def test_it_keeps_the_last_admin_seat(world, login):
    client = login(world.users.admin)
    admin = world.users.admin
    response = client.post(reverse("accounts:roles_revoke", args=[admin.pk]), {"role": Role.BKPSDM_ADMIN},
                           follow=True)
    assert "admin BKPSDM terakhir" in response.content.decode()
    response = client.post(reverse("accounts:roles_active", args=[admin.pk]), {"active": "0"}, follow=True)
    assert "akun Anda sendiri" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and admin.role == Role.BKPSDM_ADMIN
    # with a second admin, the first may step down
    client.post(reverse("accounts:roles_person", args=[world.users.employee.pk]), {"role": Role.BKPSDM_ADMIN})
    client.post(reverse("accounts:roles_revoke", args=[admin.pk]), {"role": Role.BKPSDM_ADMIN})
    admin.refresh_from_db()
    assert admin.role == Role.EMPLOYEE


def test_it_deactivates_and_reactivates_without_deleting(world, login, client):
    admin_client = login(world.users.admin)
    person = world.users.employee
    admin_client.post(reverse("accounts:roles_active", args=[person.pk]), {"active": "0"})
    person.refresh_from_db()
    assert not person.is_active and person.deactivated_at is not None
    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.actor == world.users.admin and entry.changes_dict["is_active"] == ["True", "False"]
    admin_client.post(reverse("accounts:roles_active", args=[person.pk]), {"active": "1"})
    person.refresh_from_db()
    assert person.is_active and person.deactivated_at is None


def test_it_hides_users_of_another_agency(world, login):
    from tests.factories import AgencyFactory

    stranger = UserFactory(username="orang-deli", agency=AgencyFactory(code="kab-deli", name="Deli"))
    client = login(world.users.admin)
    assert client.get(reverse("accounts:roles_person", args=[stranger.pk])).status_code == 404
    assert client.post(reverse("accounts:roles_active", args=[stranger.pk]), {"active": "0"}).status_code == 404
    assert "orang-deli" not in client.get(reverse("accounts:roles_index")).content.decode()


def test_it_lists_people_and_holders_in_bounded_queries(world, login, django_assert_max_num_queries):
    for i in range(40):
        user = UserFactory(username=f"staf{i:02}", agency=world.agency, role=Role.FACILITATOR)
        RoleGrant.objects.create(user=user, role=Role.HR_OFFICER, unit=world.unit_b)
    client = login(world.users.admin)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("accounts:roles_index"))
    assert response.status_code == 200 and response.context["page_obj"].paginator.count == 48
    with django_assert_max_num_queries(14):
        response = client.get(reverse("accounts:roles_holders"))
    assert response.content.decode().count("Dinas Kesehatan") >= 41


def test_it_serves_the_role_grants_api_to_the_admin_only(world):
    from rest_framework.test import APIClient

    url = "/api/v1/accounts/role-grants/"
    grant = RoleGrant.objects.create(user=world.users.supervisor, role=Role.HEAD)
    for actor in REFUSED:
        api = APIClient()
        api.force_authenticate(getattr(world.users, actor))
        assert api.get(url).status_code == 403, actor
        assert api.post(url, {"user": world.users.employee.pk, "role": Role.HEAD}).status_code == 403, actor
        assert api.delete(f"{url}{grant.pk}/").status_code == 403, actor
    assert APIClient().get(url).status_code in (401, 403)
    api = APIClient()
    api.force_authenticate(world.users.admin)
    assert [row["id"] for row in api.get(url).json()["results"]] == [grant.pk]
    response = api.post(url, {"user": world.users.employee.pk, "role": Role.HR_OFFICER, "unit": world.unit_b.pk})
    assert response.status_code == 201 and response.json()["granted_by"] == "admin"
    response = api.post(url, {"user": world.users.employee.pk, "role": Role.HR_OFFICER})
    assert response.status_code == 400 and "unit" in str(response.json())
    assert api.delete(f"{url}{grant.pk}/").status_code == 204
    assert list(RoleGrant.objects.values_list("user__username", "role")) == [("pegawai", Role.HR_OFFICER)]


def test_an_account_the_admin_deactivated_stays_disabled_when_the_roster_is_provisioned_again(world, login):
    from renbang.accounts.models import DisabledReason
    from renbang.accounts.provisioning import provision_accounts

    person = world.users.employee
    login(world.users.admin).post(reverse("accounts:roles_active", args=[person.pk]), {"active": "0"})
    person.refresh_from_db()
    assert person.disabled_reason == DisabledReason.ADMIN

    report = provision_accounts(employee_ids=[world.staff.pk])

    person.refresh_from_db()
    assert not person.is_active and report.enabled == 0


def test_reactivating_clears_the_reason_so_the_roster_rules_start_afresh(world, login):
    from renbang.accounts.models import DisabledReason
    from renbang.accounts.provisioning import provision_accounts

    person = world.users.employee
    world.staff.active = False
    world.staff.save(update_fields=["active"])
    provision_accounts(employee_ids=[world.staff.pk])
    person.refresh_from_db()
    assert person.disabled_reason == DisabledReason.EMPLOYEE_INACTIVE

    login(world.users.admin).post(reverse("accounts:roles_active", args=[person.pk]), {"active": "1"})

    person.refresh_from_db()
    assert person.is_active and person.disabled_reason == ""
