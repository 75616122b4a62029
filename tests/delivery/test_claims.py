"""External claims: uploads checked by content and size; BKPSDM verifies or rejects with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from renbang.core.models import Notice
from renbang.delivery import services
from renbang.delivery.models import ExternalClaim

from .helpers import PDF, PNG, pdf_upload

DATA = {"title": "Diklat Kearsipan", "provider_name": "ANRI", "start_date": dt.date(2026, 3, 2),
        "end_date": dt.date(2026, 3, 4), "jp": 24}


def test_it_accepts_pdf_and_images_by_their_content(world):
    pdf = services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload())
    png = services.claim_submit(user=world.users.employee, data=DATA,
                                upload=SimpleUploadedFile("foto.jpg", PNG, content_type="image/jpeg"))
    assert (pdf.file_type, png.file_type) == ("application/pdf", "image/png")
    assert pdf.file.name.endswith(".pdf") and png.file.name.endswith(".png")
    assert "sertifikat" not in pdf.file.name  # never the user's file name on disk


@pytest.mark.parametrize("content", [b"MZ\x90\x00 not a pdf", b"<html><script>alert(1)</script>", b"GIF89a...",
                                     b"PK\x03\x04 docx"])
def test_it_refuses_files_that_are_not_pdf_or_image(world, content):
    with pytest.raises(ValidationError) as exc:
        services.claim_submit(user=world.users.employee, data=DATA,
                              upload=SimpleUploadedFile("sertifikat.pdf", content, content_type="application/pdf"))
    assert "PDF atau gambar" in str(exc.value)
    assert not ExternalClaim.objects.exists()


def test_it_refuses_files_over_the_agency_limit(world):
    services.settings_update(agency=world.agency, data={"max_upload_mb": 1})
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload(content=big))
    assert "terlalu besar" in str(exc.value)
    with pytest.raises(ValidationError):
        services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload(content=b""))


def test_the_claim_page_keeps_what_was_typed_when_the_file_is_refused(world, login):
    client = login(world.users.employee)
    response = client.post("/pelaksanaan/klaim/baru/", {
        "title": "Diklat Kearsipan Dasar", "provider_name": "ANRI", "start_date": "2026-03-02",
        "end_date": "2026-03-04", "jp": "24", "upload": SimpleUploadedFile("x.pdf", b"hello", "application/pdf")})
    text = response.content.decode()
    assert response.status_code == 200 and "PDF atau gambar" in text and "Diklat Kearsipan Dasar" in text
    response = client.post("/pelaksanaan/klaim/baru/", {
        "title": "Diklat", "provider_name": "ANRI", "start_date": "2026-03-04", "end_date": "2026-03-02",
        "jp": "24", "upload": pdf_upload()})
    assert response.status_code == 200 and "sebelum tanggal mulai" in response.content.decode()
    response = client.post("/pelaksanaan/klaim/baru/", {**{k: str(v) for k, v in DATA.items()},
                                                        "upload": pdf_upload()})
    assert response.status_code == 302 and ExternalClaim.objects.count() == 1


def test_bkpsdm_verifies_or_rejects_with_a_reason(world, login):
    claim = services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload())
    for user in (world.users.officer_a, world.users.supervisor, world.users.employee, world.users.head):
        with pytest.raises(PermissionDenied):
            services.claim_decide(claim=claim, user=user, approve=True)
    with pytest.raises(ValidationError):
        services.claim_decide(claim=claim, user=world.users.admin, approve=False, reason=" ")
    services.claim_decide(claim=claim, user=world.users.admin, approve=False, reason="Sertifikat tidak terbaca")
    claim.refresh_from_db()
    assert claim.status == ExternalClaim.Status.REJECTED and claim.reason == "Sertifikat tidak terbaca"
    assert Notice.objects.filter(user=world.users.employee, kind="delivery.claim").exists()
    response = login(world.users.admin).post(f"/pelaksanaan/klaim/{claim.pk}/verifikasi/",
                                             {"decision": "verify", "jp": "20"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.jp, claim.verified_by) == (ExternalClaim.Status.VERIFIED, 20, world.users.admin)


def test_only_pending_claims_of_ones_own_can_be_withdrawn(world, login):
    claim = services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload())
    assert login(world.users.supervisor).post(f"/pelaksanaan/klaim/{claim.pk}/tarik/").status_code == 404
    services.claim_decide(claim=claim, user=world.users.admin, approve=True)
    with pytest.raises(ValidationError):
        services.claim_withdraw(claim=claim, user=world.users.employee)
    other = services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload())
    assert login(world.users.employee).post(f"/pelaksanaan/klaim/{other.pk}/tarik/").status_code == 302
    assert not ExternalClaim.objects.filter(pk=other.pk).exists()


def test_the_claim_file_is_served_to_the_scope_only(world, login):
    claim = services.claim_submit(user=world.users.employee, data=DATA, upload=pdf_upload())
    response = login(world.users.supervisor).get(f"/pelaksanaan/klaim/{claim.pk}/berkas/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert login(world.users.officer_b).get(f"/pelaksanaan/klaim/{claim.pk}/berkas/").status_code == 404
