"""IDP: the employee reads, comments and sends; the direct supervisor approves or returns."""

from __future__ import annotations

from django.urls import reverse

from renbang.plans.models import IdpStatus


def _act(client, idp, **data):
    return client.post(reverse("plans:idp_action", args=[idp.pk]), data)


def test_the_employee_comments_and_sends_and_the_supervisor_approves(ran, world, login, users_for_idp):
    idp = ran.plan.individual_plans.get(employee=world.chief)
    owner = users_for_idp(world.chief)
    client = login(owner)
    assert client.get(reverse("plans:idp_detail", args=[idp.pk])).status_code == 200
    _act(client, idp, action="comment", note="Saya ingin bulan Maret.")
    _act(client, idp, action="submit", note="Setuju.")
    idp.refresh_from_db()
    assert idp.status == IdpStatus.SUBMITTED and idp.employee_note == "Setuju." and idp.comments.count() == 1
    _act(login(world.users.mentor), idp, action="approve")  # the boss is the chief's supervisor (mentor user)
    idp.refresh_from_db()
    assert idp.status == IdpStatus.APPROVED and idp.approved_by == world.users.mentor


def test_only_the_direct_supervisor_decides_and_a_return_needs_a_note(ran, world, login):
    idp = ran.plan.individual_plans.get(employee=world.chief)
    _act(login(world.users.admin), idp, action="approve")
    idp.refresh_from_db()
    assert idp.status == IdpStatus.DRAFT
    _act(login(world.users.mentor), idp, action="return", note="")
    idp.refresh_from_db()
    assert idp.status == IdpStatus.DRAFT
    _act(login(world.users.mentor), idp, action="return", note="Pilih pelatihan lain.")
    idp.refresh_from_db()
    assert idp.status == IdpStatus.RETURNED


def test_an_employee_cannot_open_someone_elses_idp(ran, world, login):
    idp = ran.plan.individual_plans.get(employee=world.chief)
    assert login(world.users.employee).get(reverse("plans:idp_detail", args=[idp.pk])).status_code == 404
    assert login(world.users.officer_b).get(reverse("plans:idp_detail", args=[idp.pk])).status_code == 404
    assert login(world.users.supervisor).get(reverse("plans:idp_detail", args=[idp.pk])).status_code == 200


def test_the_employee_page_shows_the_idp_section(ran, world, login):
    response = login(world.users.admin).get(reverse("people:detail", args=[world.chief.pk]))
    assert response.status_code == 200
    assert "Bimtek Orientasi Hasil" in response.content.decode()
