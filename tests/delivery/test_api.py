"""REST endpoints of delivery: ledger and my JP, answering and releasing, claim decisions, session writes."""

from __future__ import annotations

from rest_framework.test import APIClient

from renbang.delivery.models import Enrolment, ExternalClaim, Session

from .helpers import delivery_world, future_weekdays, make_programme


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_ledger_lists_scoped_employees_and_the_at_risk(world):
    d = delivery_world(world)
    year = d.past.end_date.year
    rows = _api(world.users.officer_a).get(f"/api/v1/delivery/ledger/?year={year}").json()["results"]
    assert {r["employee"] for r in rows} == {world.boss.pk, world.chief.pk, world.staff.pk}
    staff = next(r for r in rows if r["employee"] == world.staff.pk)
    assert staff["sessions"] == float(d.past.jp) and staff["claims"] == 0  # the claim is pending
    risky = _api(world.users.admin).get(f"/api/v1/delivery/ledger/?year={year}&at_risk=true").json()["results"]
    assert all(r["at_risk"] for r in risky) and risky
    assert _api(world.users.employee).get("/api/v1/delivery/ledger/").status_code == 403
    assert _api(world.users.admin).get("/api/v1/delivery/ledger/?year=abc").status_code == 400


def test_my_jp_is_for_employees(world):
    d = delivery_world(world)
    data = _api(world.users.employee).get(f"/api/v1/delivery/my-jp/?year={d.past.end_date.year}").json()
    assert data["employee"] == world.staff.pk and data["total"] == float(d.past.jp)
    assert _api(world.users.facilitator).get("/api/v1/delivery/my-jp/").status_code == 403


def test_answer_and_release_through_the_api(world):
    d = delivery_world(world)
    url = f"/api/v1/delivery/enrolments/{d.invitation.pk}/"
    assert _api(world.users.supervisor).post(url + "respond/", {"accept": True}).status_code == 403
    assert _api(world.users.employee).post(url + "respond/", {"accept": False}).status_code == 400
    assert _api(world.users.employee).post(url + "respond/", {"accept": True}).json()["status"] == "confirmed"
    assert _api(world.users.officer_b).post(url + "release/", {"reason": "x"}).status_code == 404
    response = _api(world.users.supervisor).post(url + "release/", {"reason": "Tugas mendesak"})
    assert response.json()["status"] == Enrolment.Status.RELEASED


def test_claim_decisions_are_for_bkpsdm(world):
    d = delivery_world(world)
    url = f"/api/v1/delivery/claims/{d.claim.pk}/decide/"
    assert _api(world.users.supervisor).post(url, {"approve": True}).status_code == 403
    assert _api(world.users.admin).post(url, {"approve": False}).status_code == 400
    assert _api(world.users.admin).post(url, {"approve": True, "jp": "3"}).json()["status"] == "verified"
    assert ExternalClaim.objects.get(pk=d.claim.pk).jp == 3


def test_sessions_are_written_by_bkpsdm_through_the_services(world):
    programme = make_programme(world)
    day = future_weekdays(1)[0].isoformat()
    body = {"programme": programme.pk, "start_date": day, "end_date": day, "venue": "Aula"}
    assert _api(world.users.officer_a).post("/api/v1/delivery/sessions/", body).status_code == 403
    response = _api(world.users.admin).post("/api/v1/delivery/sessions/", body)
    assert response.status_code == 201, response.content
    session = Session.objects.get(pk=response.json()["id"])
    assert session.days.count() == 1 and session.jp == programme.jp
    bad = _api(world.users.admin).post("/api/v1/delivery/sessions/", {**body, "end_date": "2000-01-01"})
    assert bad.status_code == 400


def _claim_body(**overrides):
    from .helpers import pdf_upload

    return {"title": "Webinar Kearsipan", "provider_name": "ANRI", "start_date": "2026-03-02",
            "end_date": "2026-03-04", "jp": "6", "file": pdf_upload()} | overrides


def test_employees_submit_claims_with_a_file_through_the_api(world):
    for actor, employee in (("employee", world.staff), ("supervisor", world.chief), ("mentor", world.boss)):
        response = _api(getattr(world.users, actor)).post(
            "/api/v1/delivery/claims/", _claim_body(employee=world.other.pk), format="multipart")
        assert response.status_code == 201, response.content
        claim = ExternalClaim.objects.get(pk=response.json()["id"])
        # always one's own claim (an `employee` in the body is ignored), pending, the file stored under a random name
        assert (claim.employee, claim.status, claim.file_type) == (employee, "pending", "application/pdf")
        assert claim.submitted_by == getattr(world.users, actor) and "sertifikat" not in claim.file.name
        assert response.json()["status"] == "pending" and "file" not in response.json()


def test_users_without_an_employee_cannot_submit_claims_through_the_api(world):
    for actor in ("admin", "officer_a", "officer_b", "facilitator", "head"):
        response = _api(getattr(world.users, actor)).post("/api/v1/delivery/claims/", _claim_body(),
                                                          format="multipart")
        assert response.status_code == 403, actor
    assert APIClient().post("/api/v1/delivery/claims/", _claim_body(), format="multipart").status_code == 401
    assert not ExternalClaim.objects.exists()


def test_the_api_checks_the_claim_file_by_content_and_the_dates_like_the_web_page(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _api(world.users.employee)
    url = "/api/v1/delivery/claims/"
    fake = SimpleUploadedFile("sertifikat.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    response = client.post(url, _claim_body(file=fake), format="multipart")
    assert response.status_code == 400 and "PDF atau gambar" in response.json()["file"][0]
    response = client.post(url, _claim_body(end_date="2099-01-01", start_date="2099-01-01"), format="multipart")
    assert response.status_code == 400 and response.json()["end_date"] == ["Tanggal selesai belum terjadi."]
    response = client.post(url, _claim_body(start_date="2026-03-05"), format="multipart")
    assert response.status_code == 400 and "sebelum tanggal mulai" in response.json()["end_date"][0]
    response = client.post(url, {k: v for k, v in _claim_body().items() if k != "file"}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()
    response = client.post(url, _claim_body(jp="0"), format="multipart")
    assert response.status_code == 400 and "jp" in response.json()
    assert not ExternalClaim.objects.exists()


def test_the_api_refuses_a_method_of_another_agency(world):
    from renbang.catalog.models import Method

    from ..factories import AgencyFactory

    foreign = Method.objects.filter(agency=None).first()
    foreign.pk, foreign.agency, foreign.code = None, AgencyFactory(code="kota-binjai", name="Kota Binjai"), "X-LAIN"
    foreign.save()
    response = _api(world.users.employee).post("/api/v1/delivery/claims/", _claim_body(method=foreign.pk),
                                               format="multipart")
    assert response.status_code == 400 and "method" in response.json()
