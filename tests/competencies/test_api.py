import pytest
from rest_framework.test import APIClient

from renbang.competencies import services
from renbang.competencies.models import Competency, PositionStandard, StandardDefault

NON_ADMINS = ["officer_a", "supervisor", "employee", "head"]


@pytest.fixture
def api():
    def _api(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _api


def test_it_lists_national_and_own_competencies_only(comp, api):
    data = api(comp.world.users.employee).get("/api/v1/competencies/?page_size=100").json()
    codes = {row["code"] for row in data["results"]}
    assert {"M.1", "SK.1", "T.KEU.1", "T.PDK.1"} <= codes
    assert "T.BNJ.1" not in codes
    assert next(r for r in data["results"] if r["code"] == "M.1")["national"] is True


def test_it_nests_levels_and_indicators_in_the_detail(comp, api):
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    data = api(comp.world.users.employee).get(f"/api/v1/competencies/{m1.pk}/").json()
    assert [lvl["level"] for lvl in data["levels"]] == [1, 2, 3, 4, 5]
    assert all(lvl["indicators"] for lvl in data["levels"])


def test_it_hides_another_agencys_competency(comp, api):
    assert api(comp.world.users.admin).get(f"/api/v1/competencies/{comp.foreign.pk}/").status_code == 404


def test_it_refuses_anonymous_callers(comp, api):
    for url in ("/api/v1/competencies/", "/api/v1/position-standards/", "/api/v1/standard-defaults/"):
        assert api().get(url).status_code in (401, 403)


def test_it_lets_the_admin_create_a_technical_competency(comp, api):
    response = api(comp.world.users.admin).post("/api/v1/competencies/", {
        "code": "T.KEU.7", "name": "Pengelolaan Kas", "job_family": comp.finance.pk}, format="json")
    assert response.status_code == 201, response.json()
    created = Competency.objects.get(code="T.KEU.7")
    assert created.agency == comp.world.agency and created.competency_type == "teknis"


def test_it_refuses_api_writes_to_national_or_foreign_rows(comp, api):
    client = api(comp.world.users.admin)
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    assert client.patch(f"/api/v1/competencies/{m1.pk}/", {"name": "X"}, format="json").status_code == 404
    response = client.post("/api/v1/competencies/", {"code": "T.X.1", "name": "X",
                                                     "job_family": comp.foreign.job_family_id}, format="json")
    assert response.status_code == 400
    assert client.delete(f"/api/v1/competencies/{comp.budgeting.pk}/").status_code == 405


@pytest.mark.parametrize("actor", NON_ADMINS)
def test_it_refuses_writes_by_non_admins(comp, api, actor):
    client = api(getattr(comp.world.users, actor))
    services.standard_defaults_ensure(agency=comp.world.agency)
    default = StandardDefault.objects.filter(agency=comp.world.agency).first()
    assert client.post("/api/v1/competencies/", {"code": "T.Y.1", "name": "Y", "job_family": comp.finance.pk},
                       format="json").status_code == 403
    assert client.post("/api/v1/position-standards/", {
        "position": comp.world.positions.staff.pk, "competency": comp.budgeting.pk, "required_level": 2},
        format="json").status_code == 403
    assert client.patch(f"/api/v1/standard-defaults/{default.pk}/", {"required_level": 5},
                        format="json").status_code == 403
    assert client.get("/api/v1/standard-defaults/").status_code == 200


def test_it_filters_position_standards_by_position_and_writes_manual_rows(comp, api):
    services.standard_bulk_apply(agency=comp.world.agency)
    client = api(comp.world.users.admin)
    staff = comp.world.positions.staff
    data = client.get(f"/api/v1/position-standards/?position={staff.pk}").json()
    assert data["count"] == 11 and {r["position"] for r in data["results"]} == {staff.pk}
    row = next(r for r in data["results"] if r["competency_code"] == "T.KEU.1")
    response = client.patch(f"/api/v1/position-standards/{row['id']}/", {"required_level": 4}, format="json")
    assert response.status_code == 200 and response.json()["origin"] == "manual"
    response = client.post("/api/v1/position-standards/", {
        "position": staff.pk, "competency": comp.lesson.pk, "required_level": 3}, format="json")
    assert response.status_code == 201
    bad = client.post("/api/v1/position-standards/", {
        "position": staff.pk, "competency": comp.foreign.pk, "required_level": 3}, format="json")
    assert bad.status_code == 400
    bad = client.post("/api/v1/position-standards/", {
        "position": staff.pk, "competency": comp.accounting.pk, "required_level": 9}, format="json")
    assert bad.status_code == 400
    assert not PositionStandard.objects.filter(competency=comp.foreign).exists()


def test_it_hides_standards_of_another_agency(comp, api):
    services.standard_bulk_apply(agency=comp.world.agency)
    assert api(comp.outsider).get("/api/v1/position-standards/").json()["count"] == 0


def test_it_lets_the_admin_edit_a_default(comp, api):
    client = api(comp.world.users.admin)
    rows = client.get("/api/v1/standard-defaults/?position_type=pelaksana&competency_type=manajerial").json()
    assert rows["count"] == 1 and rows["results"][0]["required_level"] == 1
    pk = rows["results"][0]["id"]
    assert client.patch(f"/api/v1/standard-defaults/{pk}/", {"required_level": 2}, format="json").status_code == 200
    assert client.patch(f"/api/v1/standard-defaults/{pk}/", {"required_level": 6}, format="json").status_code == 400
    assert StandardDefault.objects.get(pk=pk).required_level == 2
    assert client.delete(f"/api/v1/standard-defaults/{pk}/").status_code == 405
