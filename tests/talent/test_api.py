"""REST API of talent: key positions (BKPSDM writes), candidates, groups, retirement list (scoped)."""

from __future__ import annotations

import pytest

from renbang.talent.models import KeyPosition, SuccessionGroup


@pytest.fixture
def api(world, client):
    world.positions.pengawas.next_positions.add(world.positions.administrator)

    def as_user(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client
    return as_user


def test_bkpsdm_marks_a_key_position_reads_candidates_and_saves_a_group(world, api):
    client = api(world.users.admin)
    created = client.post("/api/v1/talent/key-positions/", {"position": world.positions.administrator.pk},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    cands = client.get(f"/api/v1/talent/key-positions/{pk}/candidates/").json()
    assert [c["name"] for c in cands] == ["Butet Siregar"] and cands[0]["reasons"]
    group = client.post(f"/api/v1/talent/key-positions/{pk}/group/", {"employees": [world.chief.pk]},
                        content_type="application/json")
    assert group.status_code == 201 and group.json()["version"] == 1
    bad = client.post(f"/api/v1/talent/key-positions/{pk}/group/", {"employees": [world.staff.pk]},
                      content_type="application/json")
    assert bad.status_code == 400 and "memenuhi syarat" in bad.json()["detail"][0]
    assert len(client.get("/api/v1/talent/succession-groups/").json()["results"]) == 1


def test_others_cannot_write_and_only_the_ppk_reads(world, api):
    key = KeyPosition.objects.create(agency=world.agency, position=world.positions.administrator)
    assert api(world.users.head).get("/api/v1/talent/key-positions/").status_code == 200
    assert api(world.users.head).post(f"/api/v1/talent/key-positions/{key.pk}/group/", {"employees": [1]},
                                      content_type="application/json").status_code == 403
    for actor in ("officer_a", "supervisor", "employee"):
        client = api(getattr(world.users, actor))
        assert client.get("/api/v1/talent/key-positions/").status_code == 403
        assert client.get("/api/v1/talent/succession-groups/").status_code == 403
    assert SuccessionGroup.objects.count() == 0


def test_the_retirement_list_is_scoped_and_shows_the_box_only_to_who_may_see_it(world, api):
    rows = api(world.users.officer_b).get("/api/v1/talent/employees/").json()
    assert [r["nip"] for r in rows] == [world.other.nip] and rows[0]["retirement_date"]
    sup = {r["nip"]: r for r in api(world.users.supervisor).get("/api/v1/talent/employees/").json()}
    assert set(sup) == {world.chief.nip, world.staff.nip}
    assert sup[world.chief.nip]["box"] is None and sup[world.staff.nip]["box"] == 0  # never their own box
    assert api(world.users.employee).get("/api/v1/talent/employees/").status_code == 403
