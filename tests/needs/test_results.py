"""Results pages, scoping by role, permissions of every page, bounded queries, export."""

import io

import openpyxl
import pytest
from django.urls import reverse

from renbang.needs import services
from renbang.needs.models import Assessment, AssessmentScore, Need, Source
from tests.factories import EmployeeFactory

from .factories import CampaignFactory


def closed(w, extra_staff=0):
    """Rate everyone (supervisor ratings of 1) and close: every required competency becomes a need."""
    people = [w.boss, w.chief, w.staff, w.other]
    for i in range(extra_staff):
        people.append(EmployeeFactory(agency=w.agency, unit=w.unit_b, position=w.positions.staff,
                                      name=f"Staf Tambahan {i}"))
    for person in people:
        a = Assessment.objects.create(campaign=w.campaign, employee=person, source=Source.SUPERVISOR,
                                      status="submitted")
        AssessmentScore.objects.bulk_create([AssessmentScore(assessment=a, competency=c, level=1) for c in w.comps])
    services.campaign_close(campaign=w.campaign)
    return w


def test_it_shows_the_heatmap_of_units_by_competency(needs_world, login):
    w = closed(needs_world)
    page = login(w.users.admin).get(reverse("needs:results")).content.decode()
    assert "Dinas Pendidikan dan Kebudayaan" in page and "Dinas Kesehatan" in page
    assert "100%" in page and "M.1" in page


def test_it_keeps_an_officer_to_their_unit_subtree(needs_world, login):
    w = closed(needs_world)
    page = login(w.users.officer_a).get(reverse("needs:results")).content.decode()
    assert "Dinas Pendidikan" in page or "Bidang Pembinaan SD" in page
    assert "Dinas Kesehatan" not in page
    cell = reverse("needs:cell") + f"?unit={w.unit_b.pk}&kompetensi={w.comps[0].pk}"
    page = login(w.users.officer_a).get(cell).content.decode()
    assert w.other.name not in page and "Tidak ada pegawai" in page


def test_it_lists_the_employees_behind_a_cell(needs_world, login):
    w = closed(needs_world)
    cell = reverse("needs:cell") + f"?unit={w.unit_a.pk}&kompetensi={w.comps[0].pk}"
    page = login(w.users.officer_a).get(cell).content.decode()
    assert w.staff.name in page and w.chief.name in page and w.other.name not in page


def test_it_shows_an_employee_only_their_own_profile(needs_world, login):
    w = closed(needs_world)
    client = login(w.users.employee)
    page = client.get(reverse("needs:profile", args=[w.staff.pk])).content.decode()
    assert "JPM" in page and "radar-data" in page and "Kurang optimal" in page
    assert client.get(reverse("needs:profile", args=[w.other.pk])).status_code == 404
    assert client.get(reverse("needs:profile", args=[w.chief.pk])).status_code == 404


def test_it_shows_a_supervisor_their_staff_but_not_others(needs_world, login):
    w = closed(needs_world)
    client = login(w.users.supervisor)
    assert client.get(reverse("needs:profile", args=[w.staff.pk])).status_code == 200
    assert client.get(reverse("needs:profile", args=[w.other.pk])).status_code == 404


def test_it_exports_only_the_rows_in_scope(needs_world, login):
    w = closed(needs_world)
    response = login(w.users.officer_b).get(reverse("needs:export"))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 3 and {r[0] for r in rows[1:]} == {w.other.nip}


def test_it_runs_a_bounded_number_of_queries_on_the_results_pages(needs_world, login,
                                                                  django_assert_max_num_queries):
    w = closed(needs_world, extra_staff=60)
    client = login(w.users.admin)
    assert Need.objects.count() > 60 * 3
    pages = [reverse("needs:results"), reverse("needs:cell") + f"?unit={w.unit_b.pk}&kompetensi={w.comps[0].pk}",
             reverse("needs:profile", args=[w.staff.pk]), reverse("needs:campaign", args=[w.campaign.pk])]
    for page in pages:
        with django_assert_max_num_queries(25):
            assert client.get(page).status_code == 200


def test_it_recomputes_priorities_with_new_weights(needs_world, login):
    w = closed(needs_world)
    before = Need.objects.get(employee=w.staff, competency=w.comps[0]).priority
    data = {"gap": "1", "importance": "0", "performance": "0", "next_position": "0", "perf_sangat_baik": "0",
            "perf_baik": "0.25", "perf_butuh_perbaikan": "0.5", "perf_kurang": "0.75", "perf_sangat_kurang": "1"}
    assert login(w.users.admin).post(reverse("needs:weights"), data).status_code == 302
    login(w.users.admin).post(reverse("needs:campaign_action", args=[w.campaign.pk, "hitung"]))
    after = Need.objects.get(employee=w.staff, competency=w.comps[0]).priority
    assert after != before and float(after) == 25.0  # gap 1 of 4, only the gap weighted


def test_it_refuses_weights_that_sum_to_zero(needs_world, login):
    w = needs_world
    data = {"gap": "0", "importance": "0", "performance": "0", "next_position": "0", "perf_sangat_baik": "0",
            "perf_baik": "0.25", "perf_butuh_perbaikan": "0.5", "perf_kurang": "0.75", "perf_sangat_kurang": "1"}
    response = login(w.users.admin).post(reverse("needs:weights"), data)
    assert response.status_code == 200 and "Paling sedikit satu bobot" in response.content.decode()


# (url name, args builder, {actor: expected status}) — every page, allowed and refused actors.
PAGES = [
    ("needs:index", lambda w: [], {"admin": 200, "officer_a": 200, "employee": 200, "facilitator": 403}),
    ("needs:campaigns", lambda w: [], {"admin": 200, "officer_a": 200, "supervisor": 200, "employee": 403}),
    ("needs:campaign_create", lambda w: [], {"admin": 200, "officer_a": 403, "head": 403}),
    ("needs:campaign", lambda w: [w.campaign.pk], {"admin": 200, "head": 200, "employee": 403}),
    ("needs:campaign_edit", lambda w: [w.campaign.pk], {"admin": 200, "officer_a": 403}),
    ("needs:self_form", lambda w: [w.campaign.pk], {"employee": 200, "supervisor": 200, "admin": 403,
                                                    "facilitator": 403}),
    ("needs:supervisor", lambda w: [w.campaign.pk], {"supervisor": 200, "employee": 404, "admin": 403}),
    ("needs:supervisor_grid", lambda w: [w.campaign.pk, w.comps[0].pk], {"supervisor": 200, "employee": 404}),
    ("needs:results", lambda w: [], {"admin": 200, "officer_b": 200, "head": 200, "employee": 403}),
    ("needs:export", lambda w: [], {"admin": 200, "employee": 403, "facilitator": 403}),
    ("needs:my_profile", lambda w: [], {"employee": 302, "admin": 404, "facilitator": 403}),
    ("needs:profile", lambda w: [w.staff.pk], {"employee": 200, "supervisor": 200, "officer_a": 200,
                                               "officer_b": 404, "admin": 200}),
    ("needs:weights", lambda w: [], {"admin": 200, "officer_a": 403, "head": 403}),
    ("needs:ac_import", lambda w: [], {"admin": 200, "officer_a": 403, "employee": 403}),
    ("needs:fgds", lambda w: [], {"admin": 200, "officer_a": 200, "employee": 403}),
    ("needs:fgd_create", lambda w: [], {"admin": 200, "officer_a": 200, "supervisor": 403, "head": 403}),
]


@pytest.mark.parametrize(("name", "args", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_it_allows_and_refuses_each_page_by_role(needs_world, login, name, args, expected):
    w = needs_world
    other = CampaignFactory(agency=w.agency, status="closed")
    closed(w)  # closes w.campaign; a second, open campaign carries the forms
    w.campaign = CampaignFactory(agency=w.agency, status="open")
    assert other.pk
    for actor, status in expected.items():
        response = login(getattr(w.users, actor)).get(reverse(name, args=args(w)))
        assert response.status_code == status, (actor, response.status_code)


def test_it_sends_anonymous_visitors_to_login(needs_world, client):
    assert client.get(reverse("needs:results")).status_code == 302


def test_it_refuses_campaign_actions_to_non_admins(needs_world, login):
    w = needs_world
    url = reverse("needs:campaign_action", args=[w.campaign.pk, "tutup"])
    assert login(w.users.officer_a).post(url).status_code == 403
    w.campaign.refresh_from_db()
    assert w.campaign.status == "open"


def test_it_adds_a_needs_section_to_the_employee_page(needs_world, login, django_assert_max_num_queries):
    w = closed(needs_world)
    url = reverse("people:detail", args=[w.staff.pk])
    client = login(w.users.supervisor)
    # +1 the user's role grants (User.roles, once per request), +2 the SIASN sections (position history, link)
    with django_assert_max_num_queries(33):
        page = client.get(url).content.decode()
    assert 'id="needs-section"' in page and 'id="radar"' in page and "radar-data" in page
    assert "Kurang optimal" in page  # all rated 1 against a standard of 2: JPM 50 %
    own = login(w.users.employee).get(url).content.decode()
    assert 'id="needs-section"' in own
    assert login(w.users.facilitator).get(url).status_code in (403, 404)


def test_it_leaves_the_employee_page_without_a_needs_section_before_any_result(needs_world, login):
    page = login(needs_world.users.supervisor).get(reverse("people:detail", args=[needs_world.staff.pk]))
    assert page.status_code == 200 and 'id="needs-section"' not in page.content.decode()
