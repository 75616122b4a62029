"""The cached figures of a computed campaign (needs.results): new figures after a recomputation, shared only by
users who see the whole agency, never served to a narrower scope."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renbang.competencies.models import Competency
from renbang.needs import results, services
from renbang.needs.models import AssessmentScore, Campaign

from .test_results import closed


def _recompute_with_levels(w, level: int) -> None:
    AssessmentScore.objects.filter(assessment__campaign=w.campaign).update(level=level)
    services.campaign_compute(campaign=Campaign.objects.get(pk=w.campaign.pk))


def _gap_cells(campaign, user) -> dict:
    table = results.heatmap(Campaign.objects.get(pk=campaign.pk), user)
    return {(row["name"], cell["competency"].code): (cell["n"], cell["with_gap"])
            for row in table["rows"] for cell in row["cells"] if cell}


def test_it_shows_the_new_figures_after_the_campaign_is_computed_again(needs_world, login):
    w = closed(needs_world)  # every rating 1: everyone below standard
    client = login(w.users.head)
    page = client.get(reverse("needs:results")).content.decode()
    assert '>100%<span' in page and '>0%<span' not in page  # a cell: share, then the mean gap
    dashboard = client.get(reverse("cycle:dashboard")).content.decode()
    assert "Integritas" in dashboard or "M.1" in dashboard  # among the biggest gaps

    _recompute_with_levels(w, 5)  # everyone at or above standard now

    page = client.get(reverse("needs:results")).content.decode()
    assert '>100%<span' not in page and '>0%<span' in page
    bands = results.band_summary(Campaign.objects.get(pk=w.campaign.pk), w.users.head)
    assert bands["optimal"] == 4 and bands["kurang_optimal"] == 0
    assert all(with_gap == 0 for _n, with_gap in _gap_cells(w.campaign, w.users.admin).values())
    assert results.top_needs(Campaign.objects.get(pk=w.campaign.pk), w.users.head) == []


def test_it_serves_the_second_whole_agency_view_from_the_cache(needs_world, login):
    w = closed(needs_world)
    campaign = Campaign.objects.get(pk=w.campaign.pk)
    with CaptureQueriesContext(connection) as first:
        cells = _gap_cells(campaign, w.users.head)
    with CaptureQueriesContext(connection) as second:
        assert _gap_cells(campaign, w.users.admin) == cells  # admin and PPK share the agency's figures
    assert len(second) == len(first) - 1


def test_it_never_serves_an_officer_the_agency_figures(needs_world, login):
    w = closed(needs_world)
    login(w.users.head).get(reverse("needs:results"))  # the agency's figures are in the cache now
    login(w.users.admin).get(reverse("cycle:dashboard"))
    page = login(w.users.officer_a).get(reverse("needs:results")).content.decode()
    assert "Dinas Kesehatan" not in page
    campaign = Campaign.objects.get(pk=w.campaign.pk)
    officer_cells = _gap_cells(campaign, w.users.officer_a)
    agency_cells = _gap_cells(campaign, w.users.head)
    assert sum(n for n, _g in officer_cells.values()) < sum(n for n, _g in agency_cells.values())
    assert not any("Kesehatan" in unit for unit, _code in officer_cells)
    bands = results.band_summary(campaign, w.users.officer_b)
    assert sum(bands.values()) == 1  # officer B's one employee, not the agency's four


def test_it_reads_competency_names_fresh_under_cached_figures(needs_world, login):
    w = closed(needs_world)
    client = login(w.users.head)
    assert "Integritas" in client.get(reverse("needs:results")).content.decode()
    Competency.objects.filter(pk=w.comps[0].pk).update(name="Integritas Publik")
    page = client.get(reverse("needs:results")).content.decode()
    assert "Integritas Publik" in page
