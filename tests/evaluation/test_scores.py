"""L2 pre/post-test scores: entry and Excel import, all-or-nothing; the normalised gain on the results."""

import pytest
from django.urls import reverse

from renbang.core.exports import xlsx_bytes
from renbang.core.tabular import read_table
from renbang.delivery.models import Enrolment
from renbang.evaluation import models

HEADERS = ["NIP", "Nama", "Pre-test", "Post-test", "Nilai maksimal"]


def _fields(session, values):
    data = {}
    for enrolment, (pre, post) in zip(Enrolment.objects.filter(session=session).order_by("employee__name"), values,
                                      strict=False):
        data |= {f"pre-{enrolment.pk}": pre, f"post-{enrolment.pk}": post, f"max-{enrolment.pk}": "100"}
    return data


def test_it_saves_entered_scores_and_shows_the_gain(ev, login):
    client = login(ev.world.users.admin)
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _fields(ev.session_p, [("40", "70")] * 5 + [("60,5", "80")]))
    assert response.status_code == 302
    assert models.TestScore.objects.count() == 6
    html = client.get(reverse("evaluation:session_results", args=[ev.session_p.pk])).content.decode()
    assert "gain ternormalisasi" in html


def test_it_saves_nothing_when_one_score_is_wrong(ev, login):
    client = login(ev.world.users.admin)
    response = client.post(reverse("evaluation:test_scores", args=[ev.session_p.pk]),
                           _fields(ev.session_p, [("40", "70"), ("50", "120"), ("abc", "1")]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "melebihi nilai maksimal" in html and "bukan angka" in html and 'value="120"' in html
    assert not models.TestScore.objects.exists()


def test_it_imports_a_sheet_all_or_nothing(ev, login):
    client = login(ev.world.users.admin)
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    headers = ["NIP", "Nama", "Pre-test", "Post-test", "Nilai maksimal"]
    bad = xlsx_bytes(headers, [[ev.world.staff.nip, "", 50, 80, 100], ["199999999999999999", "", 1, 2, 100]])
    response = client.post(url, {"file": _upload(bad)})
    assert response.status_code == 400 and "Bukan peserta sesi ini" in response.content.decode()
    assert not models.TestScore.objects.exists()
    good = xlsx_bytes(headers, [[ev.world.staff.nip, "", 50, 80, 100], [ev.people[0].nip, "", 100, 100, 100]])
    assert client.post(url, {"file": _upload(good)}).status_code == 302
    assert models.TestScore.objects.count() == 2
    exported = client.get(reverse("evaluation:test_scores_export", args=[ev.session_p.pk]))
    assert client.post(url, {"file": _upload(exported.content)}).status_code == 302  # round trip
    assert models.TestScore.objects.count() == 2


def test_a_sheet_without_a_score_column_keeps_the_stored_scores_of_that_column(ev, login):
    """A sheet of pre-test scores only (before the post-test), or of post-test only, updates its column and leaves
    the other as stored; a present column updates."""
    client = login(ev.world.users.admin)
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    full = xlsx_bytes(["NIP", "Pre-test", "Post-test", "Nilai maksimal"], [[ev.world.staff.nip, 40, 45, 50]])
    assert client.post(url, {"file": _upload(full)}).status_code == 302
    pre_only = xlsx_bytes(["NIP", "Pre-test"], [[ev.world.staff.nip, 30]])
    assert client.post(url, {"file": _upload(pre_only)}).status_code == 302
    score = models.TestScore.objects.get(enrolment__employee=ev.world.staff)
    assert (score.pre, score.post, score.maximum) == (30, 45, 50)
    post_only = xlsx_bytes(["NIP", "Post-test"], [[ev.world.staff.nip, 48]])
    assert client.post(url, {"file": _upload(post_only)}).status_code == 302
    score.refresh_from_db()
    assert (score.pre, score.post, score.maximum) == (30, 48, 50)


def test_an_empty_score_cell_keeps_the_stored_score_and_maximum(ev, login):
    """A post-test sheet from another system, its Pre-test and Nilai maksimal cells empty: the stored pre-test and
    maximum stay (the post-test is checked against the stored maximum, not 100)."""
    client = login(ev.world.users.admin)
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    pre_sheet = xlsx_bytes(HEADERS, [[ev.world.staff.nip, "", 40, None, None], [ev.people[0].nip, "", 90, None, 200]])
    assert client.post(url, {"file": _upload(pre_sheet)}).status_code == 302
    post_sheet = xlsx_bytes(HEADERS, [[ev.world.staff.nip, "", None, 70, None]])
    assert client.post(url, {"file": _upload(post_sheet)}).status_code == 302
    score = models.TestScore.objects.get(enrolment__employee=ev.world.staff)
    assert (score.pre, score.post, score.maximum) == (40, 70, 100)
    post_sheet = xlsx_bytes(HEADERS, [[ev.people[0].nip, "", None, 150, None]])
    assert client.post(url, {"file": _upload(post_sheet)}).status_code == 302
    score = models.TestScore.objects.get(enrolment__employee=ev.people[0])
    assert (score.pre, score.post, score.maximum) == (90, 150, 200)


def test_it_refuses_a_file_that_is_not_a_spreadsheet(ev, login):
    response = login(ev.world.users.admin).post(reverse("evaluation:test_scores", args=[ev.session_p.pk]),
                                                {"file": _upload(b"\x00\x01garbage", "nilai.xlsx")})
    assert response.status_code == 400
    assert not models.TestScore.objects.exists()


@pytest.mark.parametrize("status", ["declined", "cancelled", "waitlisted", "released"])
def test_it_refuses_an_imported_row_of_someone_who_did_not_take_part(ev, login, status):
    """The export leaves out who declined or was cancelled (and who never got in); an import naming them is a row
    error, and the valid rows of the same file are not written either."""
    client = login(ev.world.users.admin)
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    out = Enrolment.objects.get(session=ev.session_p, employee=ev.people[1])
    Enrolment.objects.filter(pk=out.pk).update(status=status)
    out.refresh_from_db()
    exported = client.get(reverse("evaluation:test_scores_export", args=[ev.session_p.pk]))
    nips = [row[0] for row in read_table(exported.content, "nilai.xlsx").rows]
    assert ev.people[0].nip in nips and ev.people[1].nip not in nips
    sheet = xlsx_bytes(HEADERS, [[ev.people[0].nip, "", 50, 80, 100], [ev.people[1].nip, "", 40, 90, 100]])
    response = client.post(url, {"file": _upload(sheet)})
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Berstatus “{out.get_status_display()}” di sesi ini" in html and ev.people[1].nip in html
    assert not models.TestScore.objects.exists()
    assert ev.people[1].nip not in client.get(url).content.decode()  # nor is the entry form offering them


def test_the_score_service_refuses_someone_who_declined(ev):
    from django.core.exceptions import ValidationError

    from renbang.evaluation.services import test_scores_save

    declined = Enrolment.objects.get(session=ev.session_p, employee=ev.people[1])
    Enrolment.objects.filter(pk=declined.pk).update(status=Enrolment.Status.DECLINED)
    declined.refresh_from_db()
    fine = Enrolment.objects.get(session=ev.session_p, employee=ev.people[0])
    with pytest.raises(ValidationError, match="nilai hanya dicatat"):
        test_scores_save(session=ev.session_p, rows=[
            {"enrolment": fine, "pre": 50, "post": 80, "maximum": 100},
            {"enrolment": declined, "pre": 40, "post": 90, "maximum": 100}])
    assert not models.TestScore.objects.exists()
    assert test_scores_save(session=ev.session_p, rows=[{"enrolment": declined, "pre": None, "post": None}]) == (0, 0)


def test_it_records_no_score_for_a_cancelled_session(ev, login):
    from renbang.delivery.models import Session

    Session.objects.filter(pk=ev.session_p.pk).update(status=Session.Status.CANCELLED)
    client = login(ev.world.users.admin)
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    response = client.post(url, {"file": _upload(xlsx_bytes(HEADERS, [[ev.people[0].nip, "", 50, 80, 100]]))})
    assert response.status_code == 400 and "Sesi ini dibatalkan" in response.content.decode()
    response = client.post(url, _fields(ev.session_p, [("40", "70")]))
    assert response.status_code == 400 and "Sesi ini dibatalkan" in response.content.decode()
    assert not models.TestScore.objects.exists()


def test_only_evaluation_managers_import_scores(ev, login):
    sheet = xlsx_bytes(HEADERS, [[ev.people[0].nip, "", 50, 80, 100]])
    url = reverse("evaluation:test_scores", args=[ev.session_p.pk])
    for user in (ev.world.users.employee, ev.world.users.supervisor):
        assert login(user).post(url, {"file": _upload(sheet)}).status_code == 403
    assert not models.TestScore.objects.exists()
    assert login(ev.world.users.admin).post(url, {"file": _upload(sheet)}).status_code == 302
    assert models.TestScore.objects.count() == 1


def _upload(content: bytes, name: str = "nilai.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
