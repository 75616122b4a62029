import pytest

from renbang.catalog.models import Method, Programme, Provider, SuggestionRule
from tests.factories import UserFactory

from .factories import ProgrammeFactory, method, national, target

EVERYONE = ["admin", "officer_a", "supervisor", "employee", "mentor", "facilitator", "head"]
SUGGESTERS = ["admin", "officer_a", "head"]


@pytest.fixture
def catalogue(world):
    m2 = national("M.2", "Kerja Sama")
    programme = ProgrammeFactory(agency=world.agency, title="Bimtek Penyusunan SKP")
    target(programme, m2)
    world.programme = programme
    world.provider = programme.provider
    world.m2 = m2
    return world


def _pages(w):
    rule = SuggestionRule.objects.filter(agency=None).first()
    return [
        ("/katalog/", EVERYONE),
        (f"/katalog/program/{w.programme.pk}/", EVERYONE),
        ("/katalog/ekspor/", EVERYONE),
        ("/katalog/jadwal/", EVERYONE),
        ("/katalog/metode/", EVERYONE),
        ("/katalog/penyelenggara/", EVERYONE),
        ("/katalog/program/baru/", ["admin"]),
        (f"/katalog/program/{w.programme.pk}/ubah/", ["admin"]),
        (f"/katalog/metode/{method('KL-TEK').pk}/ubah/", ["admin"]),
        ("/katalog/penyelenggara/baru/", ["admin"]),
        (f"/katalog/penyelenggara/{w.provider.pk}/ubah/", ["admin"]),
        ("/katalog/impor/", ["admin"]),
        (f"/katalog/saran/?competency={w.m2.pk}&gap=1", SUGGESTERS),
        ("/katalog/aturan-saran/", SUGGESTERS),
        ("/katalog/aturan-saran/baru/", ["admin"]),
        (f"/katalog/aturan-saran/{rule.pk}/ubah/", ["admin"]),
    ]


def test_it_allows_and_refuses_every_page_by_role(catalogue, login):
    for url, allowed in _pages(catalogue):
        for name in EVERYONE:
            status = login(getattr(catalogue.users, name)).get(url).status_code
            assert status == (200 if name in allowed else 403), (url, name, status)


def test_it_sends_anonymous_visitors_to_login_and_hides_everything_from_users_without_agency(catalogue, client,
                                                                                             login):
    for url, _allowed in _pages(catalogue):
        assert client.get(url).status_code == 302, url
    outsider = UserFactory(username="luar", agency=None)
    for url, _allowed in _pages(catalogue):
        assert login(outsider).get(url).status_code in (403, 404), url


def test_it_hides_another_agencys_programme(catalogue, login):
    from tests.factories import AgencyFactory

    other = ProgrammeFactory(agency=AgencyFactory(code="kab-deli", name="Kabupaten Deli Serdang"))
    assert login(catalogue.users.admin).get(f"/katalog/program/{other.pk}/").status_code == 404
    assert login(catalogue.users.admin).get(f"/katalog/program/{other.pk}/ubah/").status_code == 404


def test_it_lists_programmes_in_bounded_queries(catalogue, login, django_assert_max_num_queries):
    for i in range(70):
        target(ProgrammeFactory(agency=catalogue.agency, provider=catalogue.provider, title=f"Kursus {i:02d}"),
               catalogue.m2)
    client = login(catalogue.users.employee)
    with django_assert_max_num_queries(14):
        response = client.get("/katalog/?page=2")
    assert response.status_code == 200 and "Kursus" in response.content.decode()


def test_it_creates_a_programme_with_competencies_and_position_types(catalogue, login):
    response = login(catalogue.users.admin).post("/katalog/program/baru/", {
        "title": "Workshop Tata Naskah Dinas Elektronik (SRIKANDI)", "method": method("KL-WOR").pk,
        "provider": catalogue.provider.pk, "min_level": 1, "max_level": 3, "jp": 16,
        "cost_per_participant": 1500000, "capacity_per_session": 40, "delivery": "blended",
        "targets": "m.2:1", "position_types": ["pelaksana", "pengawas"], "active": "on",
    })
    assert response.status_code == 302
    created = Programme.objects.get(title__startswith="Workshop Tata Naskah")
    assert created.code.startswith("PRG-") and sorted(created.position_types) == ["pelaksana", "pengawas"]
    assert created.targets.get().competency == catalogue.m2


def test_it_keeps_bad_input_and_explains_in_indonesian(catalogue, login):
    response = login(catalogue.users.admin).post("/katalog/program/baru/", {
        "title": "X", "method": method("KL-WOR").pk, "min_level": 4, "max_level": 2, "jp": 0,
        "cost_per_participant": -5, "capacity_per_session": 1, "delivery": "tatap_muka", "targets": "ZZ.9:7",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "tidak dikenal" in body and 'value="X"' in body


def test_it_generates_a_routine_schedule_from_the_programme_page(catalogue, login):
    client = login(catalogue.users.admin)
    response = client.post(f"/katalog/program/{catalogue.programme.pk}/jadwal/", {
        "mode": "nth_weekday", "weekday": 1, "nth": 2, "year": 2026, "active": "on"})
    assert response.status_code == 302
    assert catalogue.programme.planned_sessions.count() == 12
    bad = client.post(f"/katalog/program/{catalogue.programme.pk}/jadwal/", {"mode": "nth_weekday", "year": 2026})
    assert bad.status_code == 400 and "Pilih hari" in bad.content.decode()
    refused = login(catalogue.users.employee).post(f"/katalog/program/{catalogue.programme.pk}/jadwal/", {})
    assert refused.status_code == 403


def test_it_edits_a_method_for_the_agency_from_the_page(catalogue, login):
    national_pk = method("KL-TEK").pk
    response = login(catalogue.users.admin).post(f"/katalog/metode/{national_pk}/ubah/", {
        "name": "Pelatihan teknis", "jp_basis": "menit", "minutes_per_jp": 50, "jp_per_unit": "0",
        "effectiveness": "0.70", "active": "on"})
    assert response.status_code == 302
    assert Method.objects.get(agency=catalogue.agency, code="KL-TEK").minutes_per_jp == 50
    assert Method.objects.get(pk=national_pk).minutes_per_jp == 45


def test_it_edits_a_suggestion_rule_and_the_suggestion_page_follows(catalogue, login):
    rule = SuggestionRule.objects.get(agency=None, name="Manajerial, kesenjangan 1 level")
    client = login(catalogue.users.admin)
    response = client.post(f"/katalog/aturan-saran/{rule.pk}/ubah/", {
        "name": rule.name, "competency_type": "manajerial", "min_gap": 1, "max_gap": 1,
        "method_codes": "kl-sem, NK-MEN", "reason": "Uji alasan", "weight": "1", "order": 1, "active": "on"})
    assert response.status_code == 302
    page = client.get(f"/katalog/saran/?competency={catalogue.m2.pk}&gap=1").content.decode()
    assert page.index("Seminar/konferensi/sarasehan <span") < page.index("Mentoring <span")
    copy = SuggestionRule.objects.get(agency=catalogue.agency, name=rule.name)
    bad = client.post(f"/katalog/aturan-saran/{copy.pk}/ubah/", {
        "name": "x", "min_gap": 3, "max_gap": 1, "method_codes": "NOPE", "reason": "r", "weight": "1", "order": 1})
    assert bad.status_code == 200 and "tidak dikenal" in bad.content.decode()


def test_it_imports_from_the_page_and_refuses_bad_files(catalogue, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(catalogue.users.admin)
    good = SimpleUploadedFile("k.csv", b"Judul,Kode metode,JP\nKursus Microsoft Excel untuk Analisis Data,KL-KUR,24\n")
    assert client.post("/katalog/impor/", {"file": good}).status_code == 200
    assert Programme.objects.filter(title__startswith="Kursus Microsoft Excel").exists()
    bad = SimpleUploadedFile("k.xlsx", b"PK\x03\x04 not really")
    response = client.post("/katalog/impor/", {"file": bad})
    assert response.status_code == 400 and "rusak" in response.content.decode()


def test_it_creates_a_provider_and_refuses_a_duplicate_name(catalogue, login):
    client = login(catalogue.users.admin)
    data = {"name": "Universitas Sumatera Utara", "kind": "universitas", "active": "on"}
    assert client.post("/katalog/penyelenggara/baru/", data).status_code == 302
    again = client.post("/katalog/penyelenggara/baru/", data)
    assert again.status_code == 200 and Provider.objects.filter(name=data["name"]).count() == 1
