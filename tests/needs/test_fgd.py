"""FGD records: creation, agreed needs beside computed ones, attachments checked by content."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renbang.needs.models import FocusGroup, FocusGroupAttachment

from .test_results import closed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def make_group(w, login, user=None):
    data = {"campaign": w.campaign.pk, "unit": w.unit_a.pk, "held_on": "2026-02-20", "facilitator": "Tim AKPK",
            "minutes": "Notulen", "participant_nips": f"{w.staff.nip}\n{w.chief.nip}"}
    response = login(user or w.users.officer_a).post(reverse("needs:fgd_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return FocusGroup.objects.get()


def test_it_records_an_fgd_with_participants_and_agreed_needs(needs_world, login):
    w = needs_world
    group = make_group(w, login)
    assert set(group.participants.all()) == {w.staff, w.chief}
    data = {"need": "1", "need-competency": w.comps[2].pk, "need-target_group": "Pelaksana", "need-priority": 1,
            "need-difficulty": 3, "need-importance": 3, "need-frequency": 2}
    login(w.users.officer_a).post(reverse("needs:fgd", args=[group.pk]), data)
    assert group.agreed_needs.get().importance == 3


def test_it_shows_agreed_needs_beside_computed_ones_and_uses_their_dif(needs_world, login):
    w = closed(needs_world)
    group = FocusGroup.objects.create(agency=w.agency, campaign=w.campaign, unit=w.unit_a,
                                      held_on=dt.date(2026, 2, 1), facilitator="Tim")
    group.agreed_needs.create(competency=w.comps[2], target_group="Pengawas", difficulty=3, importance=3,
                              frequency=3)
    login(w.users.admin).post(reverse("needs:campaign_action", args=[w.campaign.pk, "hitung"]))
    from renbang.needs.models import Need

    high = Need.objects.get(employee=w.staff, competency=w.comps[2]).priority
    normal = Need.objects.get(employee=w.staff, competency=w.comps[0]).priority
    assert high > normal
    page = login(w.users.officer_a).get(reverse("needs:results")).content.decode()
    assert "FGD" in page and "Pengawas" in page
    assert "Pengawas" not in login(w.users.officer_b).get(reverse("needs:results")).content.decode()


def test_it_accepts_pdf_and_png_attachments_by_content_only(needs_world, login):
    w = needs_world
    group = make_group(w, login)
    client = login(w.users.officer_a)
    url = reverse("needs:fgd", args=[group.pk])
    client.post(url, {"file": SimpleUploadedFile("daftar hadir.pdf", PDF)})
    client.post(url, {"file": SimpleUploadedFile("foto.png", PNG)})
    response = client.post(url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")}, follow=True)
    assert "PDF, JPG atau PNG" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>")}, follow=True)
    assert FocusGroupAttachment.objects.count() == 2
    attachment = FocusGroupAttachment.objects.get(content_type="application/pdf")
    assert "/private/fgd/" in attachment.file.path and attachment.file.name.endswith(".pdf")
    download = client.get(reverse("needs:fgd_attachment", args=[group.pk, attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    download.close()
    assert download["X-Content-Type-Options"] == "nosniff" and "attachment" in download["Content-Disposition"]
    assert login(w.users.employee).get(reverse("needs:fgd_attachment", args=[group.pk, attachment.pk])) \
        .status_code == 403


def test_it_refuses_oversized_attachments(needs_world, login, settings):
    settings.RENBANG = {**settings.RENBANG, "NEEDS_ATTACHMENT_MAX_BYTES": 100}
    w = needs_world
    group = make_group(w, login)
    response = login(w.users.officer_a).post(reverse("needs:fgd", args=[group.pk]),
                                             {"file": SimpleUploadedFile("a.pdf", PDF + b" " * 200)}, follow=True)
    assert "terlalu besar" in response.content.decode() and not FocusGroupAttachment.objects.exists()


def test_it_keeps_other_units_fgds_from_an_officer(needs_world, login):
    w = needs_world
    group = FocusGroup.objects.create(agency=w.agency, unit=w.unit_b, held_on=dt.date(2026, 2, 1), facilitator="X")
    assert login(w.users.officer_a).get(reverse("needs:fgd", args=[group.pk])).status_code == 404
    assert login(w.users.officer_b).get(reverse("needs:fgd", args=[group.pk])).status_code == 200


def test_it_refuses_unknown_participants_without_an_error_page(needs_world, login):
    w = needs_world
    data = {"unit": w.unit_a.pk, "held_on": "2026-02-20", "facilitator": "Tim", "participant_nips": "12345"}
    response = login(w.users.officer_a).post(reverse("needs:fgd_create"), data)
    assert response.status_code == 200 and "NIP harus 18 angka" in response.content.decode()
