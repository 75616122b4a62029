"""Anonymous results: nothing broken down below the anonymity floor, never a name next to an answer."""

from django.urls import reverse

from renbang.evaluation.models import EvaluationSettings

from .conftest import give_feedback


def _page(ev, login) -> str:
    url = reverse("evaluation:session_results", args=[ev.session_p.pk])
    return login(ev.world.users.admin).get(url).content.decode()


def test_it_hides_the_breakdown_below_five_respondents(ev, login):
    give_feedback(ev.session_p, [1, 2, 5, 4], comment="Rahasia sekali")
    html = _page(ev, login)
    assert "kurang dari 5 responden" in html
    assert "Rahasia sekali" not in html
    assert "Simpangan baku" not in html


def test_it_shows_the_breakdown_from_five_respondents_without_names(ev, login):
    give_feedback(ev.session_p, [1, 2, 5, 4, 3], comment="Perlu studi kasus")
    html = _page(ev, login)
    assert "Perlu studi kasus" in html
    assert "Simpangan baku" in html
    assert "5 dari 13 peserta hadir menjawab" in html
    assert ev.world.staff.name not in html and ev.people[0].name not in html


def test_it_follows_the_agencys_anonymity_floor(ev, login):
    EvaluationSettings.objects.create(agency=ev.world.agency, anonymity_min=8)
    give_feedback(ev.session_p, [1, 2, 5, 4, 3, 3, 4])
    html = login(ev.world.users.admin).get(reverse("evaluation:programme_report", args=[ev.p.pk])).content.decode()
    assert "kurang dari 8 responden" in html


def test_it_keeps_the_programme_export_anonymous_below_the_floor(ev, login):
    import io

    from openpyxl import load_workbook

    give_feedback(ev.session_p, [1, 1, 1])
    response = login(ev.world.users.admin).get(reverse("evaluation:programme_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["P-BIM"][4] == 3  # respondents are counted
    assert rows["P-BIM"][6] is None and rows["P-BIM"][7] is None  # but no mean, no share


def test_it_shows_response_rates_per_session(ev, login):
    give_feedback(ev.session_p, [4] * 6)
    html = login(ev.world.users.officer_a).get(reverse("evaluation:response_rates")).content.decode()
    assert "Bimtek Integritas" in html and "46 %" in html  # 6 of 13
