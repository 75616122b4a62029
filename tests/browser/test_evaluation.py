"""Evaluation end to end: a participant gives feedback, a non-participant is refused, BKPSDM sees the flagged
programme with its alternatives and records a decision."""

import pytest
from playwright.sync_api import expect

from renbang.delivery.models import Enrolment
from renbang.evaluation.models import Feedback, ProgrammeReview
from tests.evaluation.conftest import ev, give_feedback  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _disappointed_colleagues(ev):  # noqa: F811
    others = Enrolment.objects.filter(session=ev.session_p).exclude(employee=ev.world.staff).order_by("pk")
    Feedback.objects.bulk_create([Feedback(enrolment=e, relevance=2, material=2, facilitator=3, organisation=4,
                                           benefit=b) for e, b in zip(others, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2],
                                                                       strict=True)])
    give_feedback(ev.session_q, [5, 4, 4, 5, 4, 5, 4, 4, 5, 3, 4, 5])


def test_it_takes_feedback_refuses_outsiders_and_records_a_decision(ev, live_server, browser, log_in,  # noqa: F811
                                                                    page):
    _disappointed_colleagues(ev)
    # The participant, on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("pegawai")
    page.goto(f"{live_server.url}/evaluasi/")
    page.get_by_role("link", name="Isi umpan balik").click()
    expect(page.get_by_role("heading", name="Bimtek Integritas")).to_be_visible()
    for field, score in (("relevance", "3"), ("material", "2"), ("facilitator", "4"), ("organisation", "4")):
        page.locator(f"label[for=id_{field}_{int(score) - 1}]").click()
    page.get_by_role("button", name="Kirim umpan balik").click()
    expect(page.get_by_text("Pilih nilai 1 sampai 5.")).to_be_visible()  # benefit forgotten: the rest is kept
    expect(page.locator("#id_material_1")).to_be_checked()
    page.locator("label[for=id_benefit_1]").click()
    page.fill("textarea[name=comment]", "Terlalu banyak teori")
    page.get_by_role("button", name="Kirim umpan balik").click()
    expect(page.get_by_text("Umpan balik Anda tersimpan tanpa nama")).to_be_visible()
    expect(page.get_by_text("Sudah diisi")).to_be_visible()
    assert Feedback.objects.get(enrolment__employee=ev.world.staff).benefit == 2
    page.context.clear_cookies()

    # A supervisor who was not in the session: the form does not exist for them.
    log_in("atasan")
    response = page.goto(f"{live_server.url}/evaluasi/sesi/{ev.session_p.pk}/umpan-balik/")
    assert response.status == 404
    page.context.clear_cookies()

    # BKPSDM: the flagged programme, its alternative, the decision.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in("admin")
    page.goto(f"{live_server.url}/evaluasi/")
    page.get_by_role("link", name="Lihat alternatif dan catat keputusan").click()
    card = page.locator(f"#program-{ev.p.pk}")
    expect(card.get_by_role("link", name="Bimtek Integritas")).to_be_visible()
    expect(card.get_by_role("link", name="E-learning Integritas")).to_be_visible()
    expect(card.get_by_text("mencakup 1 dari 1 kompetensi (M.1)")).to_be_visible()
    card.get_by_label("Ganti dengan program/metode lain").check()
    card.get_by_label("Program pengganti").select_option(label="E-learning Integritas")
    card.get_by_label("Catatan/alasan").fill("Ganti dengan e-learning: peserta menilai bimtek kurang bermanfaat")
    card.get_by_role("button", name="Catat keputusan").click()
    expect(page.get_by_text("Keputusan untuk Bimtek Integritas tercatat.")).to_be_visible()
    expect(page.get_by_text("Riwayat keputusan")).to_be_visible()
    review = ProgrammeReview.objects.get()
    assert (review.decision, review.replacement, review.flagged) == ("ganti", ev.q, True)
