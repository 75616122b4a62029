import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from renbang.competencies import services
from renbang.competencies.exports import TECHNICAL_HEADERS
from renbang.competencies.models import Competency, PositionStandard, StandardDefault
from renbang.core.exports import xlsx_bytes
from renbang.org.models import PositionType

from ..factories import PositionFactory
from .factories import TechnicalCompetencyFactory

READERS = ["admin", "officer_a", "supervisor", "employee", "head", "mentor", "facilitator"]
NON_ADMINS = ["officer_a", "supervisor", "employee", "head"]


def read_pages(comp):
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    staff = comp.world.positions.staff
    return [
        reverse("competencies:list"), reverse("competencies:detail", args=[m1.pk]),
        reverse("competencies:detail", args=[comp.budgeting.pk]), reverse("competencies:technical_export"),
        reverse("competencies:standard_list"), reverse("competencies:standard_detail", args=[staff.pk]),
        reverse("competencies:defaults"), reverse("competencies:standard_export"),
    ]


def write_pages(comp):
    return [reverse("competencies:create"), reverse("competencies:edit", args=[comp.budgeting.pk]),
            reverse("competencies:technical_import"), reverse("competencies:standard_import")]


def write_posts(comp):
    staff = comp.world.positions.staff
    return [
        (reverse("competencies:standard_bulk_apply"), {"position_type": ""}),
        (reverse("competencies:career_defaults"), {}),
        (reverse("competencies:standard_detail", args=[staff.pk]), {f"c_{comp.budgeting.pk}": "4"}),
        (reverse("competencies:standard_apply", args=[staff.pk]), {}),
        (reverse("competencies:career_edit", args=[staff.pk]), {"action": "default"}),
        (reverse("competencies:defaults"), {}),
        (reverse("competencies:edit", args=[comp.budgeting.pk]), {}),
        (reverse("competencies:technical_import"), {}),
        (reverse("competencies:standard_import"), {}),
    ]


@pytest.mark.parametrize("actor", READERS)
def test_it_lets_every_agency_user_read_the_dictionary_and_standards(comp, login, actor):
    client = login(getattr(comp.world.users, actor))
    for url in read_pages(comp):
        assert client.get(url).status_code == 200, url


def test_it_sends_anonymous_visitors_to_login(comp, client):
    for url in read_pages(comp) + write_pages(comp) + [u for u, _ in write_posts(comp)]:
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url


@pytest.mark.parametrize("actor", NON_ADMINS)
def test_it_refuses_edits_to_everyone_but_the_bkpsdm_admin(comp, login, actor):
    client = login(getattr(comp.world.users, actor))
    for url in write_pages(comp):
        assert client.get(url).status_code == 403, url
    for url, data in write_posts(comp):
        assert client.post(url, data).status_code == 403, url
    assert not PositionStandard.objects.exists()
    assert not comp.world.positions.staff.next_positions.exists()


def test_it_lets_the_admin_open_every_edit_page(comp, login):
    client = login(comp.world.users.admin)
    for url in write_pages(comp):
        assert client.get(url).status_code == 200, url


def test_it_hides_another_agencys_technical_competencies(comp, login):
    client = login(comp.world.users.admin)
    assert client.get(reverse("competencies:detail", args=[comp.foreign.pk])).status_code == 404
    assert client.get(reverse("competencies:edit", args=[comp.foreign.pk])).status_code == 404
    assert "T.BNJ.1" not in client.get(reverse("competencies:list")).content.decode()
    outsider = login(comp.outsider)
    assert outsider.get(reverse("competencies:detail", args=[comp.budgeting.pk])).status_code == 404
    assert outsider.get(reverse("competencies:standard_detail",
                                args=[comp.world.positions.staff.pk])).status_code == 404
    assert "T.KEU.1" not in outsider.get(reverse("competencies:list")).content.decode()
    assert b"T.KEU.1" not in outsider.get(reverse("competencies:technical_export")).content


def test_it_shows_the_levels_and_indicators_of_a_competency(comp, login):
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    page = login(comp.world.users.employee).get(reverse("competencies:detail", args=[m1.pk])).content.decode()
    assert "Integritas" in page and "Menteri PANRB No. 38 Tahun 2017" in page
    assert m1.levels.get(level=5).indicators.first().text[:40] in page
    assert "data-print" in page


def level_post(code="T.KEU.9", name="Pengelolaan Kas Daerah", family=None, description="Deskripsi"):
    data = {"code": code, "name": name, "job_family": family or "", "definition": "Definisi", "active": "on",
            "level-TOTAL_FORMS": "5", "level-INITIAL_FORMS": "5", "level-MIN_NUM_FORMS": "5",
            "level-MAX_NUM_FORMS": "5"}
    for i in range(5):
        data[f"level-{i}-level"] = str(i + 1)
        data[f"level-{i}-title"] = ""
        data[f"level-{i}-description"] = description
        data[f"level-{i}-indicators"] = f"Indikator {i + 1} satu\nIndikator {i + 1} dua"
    return data


def test_it_creates_a_technical_competency_with_five_levels(comp, login):
    client = login(comp.world.users.admin)
    response = client.post(reverse("competencies:create"), level_post(family=comp.finance.pk))
    competency = Competency.objects.get(code="T.KEU.9")
    assert response.status_code == 302
    assert competency.agency == comp.world.agency and competency.job_family == comp.finance
    assert competency.levels.count() == 5
    assert competency.levels.get(level=2).indicators.count() == 2
    assert LogEntry.objects.get_for_object(competency).exists()


def test_it_keeps_what_the_admin_typed_when_the_form_is_invalid(comp, login):
    client = login(comp.world.users.admin)
    data = level_post(code="T.KEU.1", family=comp.finance.pk)  # duplicate code
    data["level-3-description"] = ""
    response = client.post(reverse("competencies:create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Pengelolaan Kas Daerah" in page and "Indikator 2 dua" in page
    assert Competency.objects.filter(code="T.KEU.1").count() == 1
    response = client.post(reverse("competencies:create"), level_post(code="T.KEU.1", family=comp.finance.pk))
    assert response.status_code == 400 and Competency.objects.filter(code="T.KEU.1").count() == 1
    response = client.post(reverse("competencies:create"), level_post(code="T.X.1"))  # no family
    assert response.status_code == 400 and not Competency.objects.filter(code="T.X.1").exists()


def test_it_lets_the_admin_edit_the_text_of_a_national_competency_but_not_its_code(comp, login):
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    data = level_post(code="X.9", name="Integritas", description="Deskripsi yang diperbaiki")
    response = login(comp.world.users.admin).post(reverse("competencies:edit", args=[m1.pk]), data)
    m1.refresh_from_db()
    assert response.status_code == 302
    assert m1.code == "M.1" and m1.agency_id is None
    assert m1.levels.get(level=1).description == "Deskripsi yang diperbaiki"
    assert LogEntry.objects.get_for_object(m1.levels.get(level=1)).exists()


def test_it_saves_the_standard_grid_as_manual_levels(comp, login):
    staff = comp.world.positions.staff
    services.standard_apply_defaults(position=staff)
    client = login(comp.world.users.admin)
    response = client.post(reverse("competencies:standard_detail", args=[staff.pk]), {
        f"c_{comp.budgeting.pk}": "4", f"c_{comp.accounting.pk}": "", "add_competency": comp.lesson.pk,
        "add_level": "2"})
    assert response.status_code == 302
    rows = {s.competency.code: (s.required_level, s.origin) for s in staff.standards.select_related("competency")}
    assert rows["T.KEU.1"] == (4, "manual") and rows["T.PDK.1"] == (2, "manual") and "T.KEU.2" not in rows
    page = client.get(reverse("competencies:standard_detail", args=[staff.pk])).content.decode()
    assert "Ditetapkan manual" in page and "Bawaan (tabel default)" in page


@pytest.mark.parametrize("data", [{"c_abc": "2"}, {"c_1": "9"}, {"c_999999": "2"}, {"add_competency": "x"}])
def test_it_refuses_bad_grid_input_without_error(comp, login, data):
    staff = comp.world.positions.staff
    response = login(comp.world.users.admin).post(reverse("competencies:standard_detail", args=[staff.pk]), data)
    assert response.status_code == 302
    assert not PositionStandard.objects.filter(origin="manual").exists()


def test_it_bulk_applies_from_the_standards_page(comp, login):
    response = login(comp.world.users.admin).post(reverse("competencies:standard_bulk_apply"),
                                                  {"position_type": PositionType.EXECUTIVE})
    assert response.status_code == 302
    assert PositionStandard.objects.filter(position=comp.world.positions.staff).count() == 11
    assert not PositionStandard.objects.filter(position=comp.world.positions.pengawas).exists()


def test_it_edits_the_career_path(comp, login):
    staff, admin_pos = comp.world.positions.staff, comp.world.positions.administrator
    client = login(comp.world.users.admin)
    client.post(reverse("competencies:career_edit", args=[staff.pk]), {"next_positions": [admin_pos.pk]})
    assert list(staff.next_positions.all()) == [admin_pos]
    client.post(reverse("competencies:career_edit", args=[staff.pk]), {"action": "default"})
    assert list(staff.next_positions.all()) == [comp.world.positions.pengawas]
    response = client.post(reverse("competencies:career_edit", args=[staff.pk]), {"next_positions": ["abc"]})
    assert response.status_code == 302 and list(staff.next_positions.all()) == [comp.world.positions.pengawas]


def test_it_labels_the_default_table_as_unverified_and_saves_it(comp, login):
    client = login(comp.world.users.admin)
    page = client.get(reverse("competencies:defaults")).content.decode()
    assert "BELUM DIVERIFIKASI" in page
    values = {f"d_{d.position_type}_{d.level}_{d.competency_type}": str(d.required_level)
              for d in StandardDefault.objects.filter(agency=comp.world.agency)}
    values["d_pelaksana__manajerial"] = "2"
    assert client.post(reverse("competencies:defaults"), values).status_code == 302
    assert StandardDefault.objects.get(agency=comp.world.agency, position_type="pelaksana",
                                       competency_type="manajerial").required_level == 2
    values["d_pelaksana__manajerial"] = "8"
    assert client.post(reverse("competencies:defaults"), values).status_code == 200
    assert StandardDefault.objects.get(agency=comp.world.agency, position_type="pelaksana",
                                       competency_type="manajerial").required_level == 2


def test_it_imports_through_the_page_and_reports_bad_rows(comp, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(comp.world.users.admin)
    rows = [["T.TIK.1", "Keamanan Informasi", "TIK", "", "Ya", n, "", f"Deskripsi {n}", "Satu"] for n in range(1, 5)]
    upload = SimpleUploadedFile("teknis.xlsx", xlsx_bytes(TECHNICAL_HEADERS, rows))
    response = client.post(reverse("competencies:technical_import"), {"file": upload})
    assert response.status_code == 400 and "tidak lengkap" in response.content.decode()
    assert not Competency.objects.filter(code="T.TIK.1").exists()
    upload = SimpleUploadedFile("teknis.pdf", b"%PDF-1.4 bukan spreadsheet")
    response = client.post(reverse("competencies:technical_import"), {"file": upload})
    assert response.status_code == 400 and "bukan spreadsheet" in response.content.decode()
    rows.append(["T.TIK.1", "Keamanan Informasi", "TIK", "", "Ya", 5, "", "Deskripsi 5", "Satu"])
    upload = SimpleUploadedFile("teknis.xlsx", xlsx_bytes(TECHNICAL_HEADERS, rows))
    assert client.post(reverse("competencies:technical_import"), {"file": upload}).status_code == 200
    assert Competency.objects.get(code="T.TIK.1").levels.count() == 5


def test_it_lists_many_competencies_in_bounded_queries(comp, login, django_assert_max_num_queries):
    for n in range(55):
        TechnicalCompetencyFactory(agency=comp.world.agency, job_family=comp.finance, code=f"T.KEU.{n + 10}")
    client = login(comp.world.users.employee)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("competencies:list"))
    assert response.status_code == 200 and "Halaman 1 dari 2" in response.content.decode()


def test_it_lists_many_position_standards_in_bounded_queries(comp, login, django_assert_max_num_queries):
    for n in range(60):
        PositionFactory(agency=comp.world.agency, name=f"Bendahara {n}", job_family=comp.finance)
    services.standard_bulk_apply(agency=comp.world.agency)
    client = login(comp.world.users.admin)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("competencies:standard_list")).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("competencies:standard_detail",
                                  args=[comp.world.positions.staff.pk])).status_code == 200


def test_it_shows_what_the_employees_position_requires_on_the_employee_page(comp, login):
    services.standard_bulk_apply(agency=comp.world.agency)
    services.career_set_next(position=comp.world.positions.staff, next_positions=[comp.world.positions.pengawas])
    client = login(comp.world.users.employee)
    page = client.get(reverse("people:detail", args=[comp.world.staff.pk])).content.decode()
    assert "Kompetensi yang dipersyaratkan jabatan saya" in page
    assert "T.KEU.1" in page and "Integritas" in page
    assert comp.world.positions.pengawas.name in page


def test_it_says_when_the_position_has_no_standard_yet(comp, login):
    page = login(comp.world.users.employee).get(reverse("people:detail", args=[comp.world.staff.pk]))
    assert "belum ditetapkan" in page.content.decode()
