"""First-run setup page, the agency's profile page (with its logo) and the role shown to the installer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renbang.accounts.models import Role, User
from renbang.org.models import Agency

pytestmark = pytest.mark.django_db

PASSWORD = "Kunci-rahasia-2027"


@pytest.fixture
def root(client):
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def setup_data(**changes) -> dict:
    data = {"code": "kota-medan", "name": "Pemerintah Kota Medan", "region": "Kota Medan",
            "hr_agency_name": "BKPSDM Kota Medan", "head_title": "Wali Kota Medan", "head_name": "Rico Waas",
            "address": "Jl. Kapten Maulana Lubis No. 2", "current_year": "2027",
            "admin_username": "bkpsdm", "admin_name": "Dewi Lubis", "admin_email": "bkpsdm@pemkomedan.go.id",
            "admin_password1": PASSWORD, "admin_password2": PASSWORD}
    data.update(changes)
    return data


def test_a_superuser_on_an_empty_installation_is_taken_to_setup(root, client):
    for path in ("/", "/pegawai/impor/", reverse("people:list")):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == reverse("org:setup"), path
    page = client.get(reverse("org:setup"))
    assert page.status_code == 200
    assert "Penyiapan awal" in page.content.decode()
    assert "Administrator sistem" in page.content.decode() and ">Pegawai<" not in page.content.decode()


def test_setup_creates_the_agency_the_admin_and_links_the_superuser(root, client, png):
    data = setup_data(logo_file=SimpleUploadedFile("lambang.png", png(), content_type="image/png"))
    response = client.post(reverse("org:setup"), data)
    assert response.status_code == 302 and response["Location"] == reverse("org:golive")
    agency = Agency.objects.get()
    assert (agency.code, agency.head_name, agency.current_year) == ("kota-medan", "Rico Waas", 2027)
    assert agency.logo.name.endswith(".png")
    admin = User.objects.get(username="bkpsdm")
    assert (admin.role, admin.agency_id, admin.first_name) == (Role.BKPSDM_ADMIN, agency.pk, "Dewi Lubis")
    assert admin.check_password(PASSWORD)
    root.refresh_from_db()
    assert root.agency_id == agency.pk
    checklist = client.get(reverse("org:golive"))
    assert checklist.status_code == 200 and "Persiapan go-live" in checklist.content.decode()
    home = client.get("/")
    assert home.status_code == 200
    text = home.content.decode()
    assert "Administrator sistem" in text and ">Pegawai<" not in text
    assert reverse("org:golive") in text


def test_a_bad_setup_form_keeps_what_was_typed_and_writes_nothing(root, client):
    data = setup_data(code="Kota Medan!", admin_password2="lain-sekali-2027",
                      logo_file=SimpleUploadedFile("lambang.png", b"GIF89a not a png", content_type="image/png"))
    response = client.post(reverse("org:setup"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Pemerintah Kota Medan"' in text and 'value="Rico Waas"' in text and 'value="bkpsdm"' in text
    assert "Kedua kata sandi tidak sama." in text
    assert "PNG atau JPG" in text
    assert not Agency.objects.exists() and not User.objects.filter(username="bkpsdm").exists()


def test_setup_applies_the_password_rules(root, client):
    response = client.post(reverse("org:setup"), setup_data(admin_password1="12345", admin_password2="12345"))
    assert response.status_code == 200
    assert "terlalu pendek" in response.content.decode()
    assert not Agency.objects.exists()


def test_setup_is_refused_once_an_agency_exists(world, root, client):
    response = client.get(reverse("org:setup"))
    assert response.status_code == 302
    response = client.post(reverse("org:setup"), setup_data(code="kota-lain"))
    assert response.status_code == 302
    assert Agency.objects.count() == 1 and not User.objects.filter(username="bkpsdm").exists()


@pytest.mark.parametrize("actor", ["admin", "officer_a", "employee", "head"])
def test_setup_is_refused_to_anyone_but_a_superuser(world, login, actor):
    assert login(getattr(world.users, actor)).get(reverse("org:setup")).status_code == 403


def test_setup_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("org:setup"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_the_first_run_check_costs_no_query_once_an_agency_exists(world, root, client, django_assert_num_queries):
    client.get("/")  # caches "an agency exists"
    from renbang.org import services

    with django_assert_num_queries(0):
        assert services.agency_exists()


def test_the_admin_edits_the_profile_and_logo(world, login, png):
    client = login(world.users.admin)
    page = client.get(reverse("org:agency_profile"))
    assert page.status_code == 200 and world.agency.name in page.content.decode()
    data = {"code": world.agency.code, "name": "Pemerintah Kota Medan", "region": "Kota Medan",
            "hr_agency_name": "Badan Kepegawaian dan Pengembangan SDM", "head_title": "Wali Kota Medan",
            "head_name": "Rico Waas", "address": "Jl. Kapten Maulana Lubis No. 2", "current_year": "2028",
            "logo_file": SimpleUploadedFile("l.png", png(), content_type="image/png")}
    assert client.post(reverse("org:agency_profile"), data).status_code == 302
    world.agency.refresh_from_db()
    assert (world.agency.head_name, world.agency.current_year) == ("Rico Waas", 2028)
    logo = client.get(reverse("org:agency_logo"))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content) == png()
    data.pop("logo_file")
    assert client.post(reverse("org:agency_profile"), {**data, "remove_logo": "on"}).status_code == 302
    world.agency.refresh_from_db()
    assert not world.agency.logo
    assert client.get(reverse("org:agency_logo")).status_code == 404


def test_a_bad_logo_is_refused_with_a_message_and_the_typed_values_kept(world, login, png):
    client = login(world.users.admin)
    data = {"code": world.agency.code, "name": "Nama Baru Diketik", "current_year": "2028",
            "logo_file": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")}
    response = client.post(reverse("org:agency_profile"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "PNG atau JPG" in text and 'value="Nama Baru Diketik"' in text
    big = SimpleUploadedFile("big.png", png(size=(2400, 100)), content_type="image/png")
    response = client.post(reverse("org:agency_profile"), {**data, "logo_file": big})
    assert "2000 piksel" in response.content.decode()
    world.agency.refresh_from_db()
    assert world.agency.name == "Pemerintah Kota Medan" and not world.agency.logo


@pytest.mark.parametrize("actor", ["officer_a", "employee", "head", "supervisor"])
def test_the_profile_page_is_refused_to_other_roles(world, login, actor):
    client = login(getattr(world.users, actor))
    assert client.get(reverse("org:agency_profile")).status_code == 403
    assert client.post(reverse("org:agency_profile"), {"code": "x", "name": "y"}).status_code == 403
    world.agency.refresh_from_db()
    assert world.agency.code == "kota-medan"


def test_the_logo_needs_a_login(client):
    response = client.get(reverse("org:agency_logo"))
    assert response.status_code == 302
