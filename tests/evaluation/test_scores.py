"""L2 pre/post-test scores: entry and Excel import, all-or-nothing; the normalised gain on the results."""

from django.urls import reverse

from renbang.core.exports import xlsx_bytes
from renbang.delivery.models import Enrolment
from renbang.evaluation import models


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


def test_it_refuses_a_file_that_is_not_a_spreadsheet(ev, login):
    response = login(ev.world.users.admin).post(reverse("evaluation:test_scores", args=[ev.session_p.pk]),
                                                {"file": _upload(b"\x00\x01garbage", "nilai.xlsx")})
    assert response.status_code == 400
    assert not models.TestScore.objects.exists()


def _upload(content: bytes, name: str = "nilai.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
