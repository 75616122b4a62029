"""The scenario result page: what changed because of evaluation (measured effectiveness replacing the
catalogue's)."""

from __future__ import annotations

from decimal import Decimal

from renbang.catalog import selectors as catalog_selectors
from renbang.plans import adapter, services


def test_the_result_page_shows_programmes_whose_effectiveness_came_from_evaluation(
        pw, world, login, monkeypatch, django_capture_on_commit_callbacks):
    old = pw.prog_a.effectiveness
    monkeypatch.setattr(catalog_selectors, "_EFFECTIVENESS_SOURCES",
                        [("evaluation", lambda agency_id, ids: {pw.prog_a.pk: Decimal("0.35")})])
    prep = adapter.build(pw.scenario)
    assert [(c["code"], c["source"], c["new"]) for c in prep.changed_effectiveness] == [("INT-1", "evaluation", 0.35)]
    assert prep.changed_effectiveness[0]["old"] == float(old)
    with django_capture_on_commit_callbacks(execute=True):
        services.scenario_run(scenario=pw.scenario, user=world.users.admin)
    html = login(world.users.head).get(f"/rencana/skenario/{pw.scenario.pk}/").content.decode()
    assert "Yang berubah karena hasil evaluasi" in html
    row = html[html.index("INT-1 Pelatihan Integritas ASN"):][:400]
    assert "hasil evaluasi" in row
    assert f"{old:.2f}".replace(".", ",") in row and "0,35" in row
    assert "ORH-1" not in html[html.index("Yang berubah karena hasil evaluasi"):html.index("Cakupan per kompetensi")]


def test_the_result_page_says_when_every_effectiveness_is_the_catalogues(ran, world, login):
    html = login(world.users.admin).get(f"/rencana/skenario/{ran.scenario.pk}/").content.decode()
    assert "Efektivitas semua program berasal dari katalog" in html
    assert "Yang berubah karena hasil evaluasi" not in html
