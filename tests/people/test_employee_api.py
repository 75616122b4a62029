from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renbang.people.models import Employee
from renbang.people.nip import make_nip


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def payload(world, **overrides):
    import datetime as dt

    birth = dt.date(1992, 4, 17)
    data = {"nip": make_nip(birth, (2018, 3), "P", 7), "name": "Rina Harahap", "sex": "P",
            "birth_date": birth.isoformat(), "status": "pns", "rank": "III/b", "unit": world.section_a.pk,
            "position": world.positions.staff.pk, "supervisor": world.chief.pk}
    return data | overrides


def test_it_lists_only_the_callers_scope(world):
    names = {e["name"] for e in api(world.users.supervisor).get("/api/v1/employees/").json()["results"]}
    assert names == {"Butet Siregar", "Ahmad Lubis"}


def test_it_lets_the_bkpsdm_admin_create_an_employee(world):
    response = api(world.users.admin).post("/api/v1/employees/", payload(world), format="json")
    assert response.status_code == 201, response.json()
    assert Employee.objects.filter(name="Rina Harahap", agency=world.agency).exists()


def test_it_refuses_writes_from_other_roles(world):
    for actor in ("officer_a", "supervisor", "employee", "head"):
        response = api(getattr(world.users, actor)).post("/api/v1/employees/", payload(world), format="json")
        assert response.status_code == 403, actor
        response = api(getattr(world.users, actor)).patch(f"/api/v1/employees/{world.staff.pk}/", {"name": "X"},
                                                          format="json")
        assert response.status_code in (403, 404), actor


def test_it_answers_bad_input_with_field_messages_not_a_server_error(world):
    response = api(world.users.admin).post("/api/v1/employees/", payload(world, nip="12345", rank="IX"),
                                           format="json")
    assert response.status_code == 400
    assert "18 digit" in str(response.json()["nip"])
