"""manage.py setup_agency: create, update idempotently, refuse bad input; import_employees' agency choice."""

import io

import pytest
from django.core.management import CommandError, call_command

from renbang.accounts.models import Role, User
from renbang.org.models import Agency

pytestmark = pytest.mark.django_db


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("setup_agency", *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_agency_with_logo_year_and_first_admin(tmp_path, png, monkeypatch):
    root = User.objects.create_superuser("root", "root@example.org", "Sangat-rahasia-2027")
    logo = tmp_path / "lambang.png"
    logo.write_bytes(png())
    out = run("--code", "kota-medan", "--name", "Pemerintah Kota Medan", "--region", "Kota Medan",
              "--bkpsdm-name", "BKPSDM Kota Medan", "--ppk-title", "Wali Kota Medan", "--ppk-name", "Rico Waas",
              "--address", "Jl. Kapten Maulana Lubis No. 2", "--logo", str(logo), "--year", "2027",
              "--admin-username", "bkpsdm", "--admin-email", "bkpsdm@pemkomedan.go.id", "--admin-password-stdin",
              stdin="Kunci-rahasia-2027\n", monkeypatch=monkeypatch)
    agency = Agency.objects.get()
    assert (agency.code, agency.name, agency.hr_agency_name, agency.head_name, agency.current_year) == (
        "kota-medan", "Pemerintah Kota Medan", "BKPSDM Kota Medan", "Rico Waas", 2027)
    assert agency.logo.name.startswith("logos/") and agency.logo.name.endswith(".png")
    assert agency.logo_data_uri().startswith("data:image/png;base64,")
    admin = User.objects.get(username="bkpsdm")
    assert (admin.role, admin.agency_id, admin.email) == (Role.BKPSDM_ADMIN, agency.pk, "bkpsdm@pemkomedan.go.id")
    assert admin.check_password("Kunci-rahasia-2027")
    root.refresh_from_db()
    assert root.agency_id == agency.pk
    assert "dibuat" in out and "1 superuser" in out


def test_it_updates_only_what_is_given_and_a_rerun_changes_nothing():
    run("--code", "kota-medan", "--name", "Pemerintah Kota Medan", "--region", "Kota Medan",
        "--admin-username", "bkpsdm", "--admin-email", "bkpsdm@example.org")
    run("--code", "kota-medan", "--ppk-name", "Rico Waas", "--year", "2028")
    out = run("--code", "kota-medan", "--ppk-name", "Rico Waas", "--year", "2028",
              "--admin-username", "bkpsdm", "--admin-email", "bkpsdm@example.org")
    agency = Agency.objects.get()
    assert (agency.name, agency.region, agency.head_name, agency.current_year) == (
        "Pemerintah Kota Medan", "Kota Medan", "Rico Waas", 2028)
    assert User.objects.filter(username="bkpsdm").count() == 1
    assert not User.objects.get(username="bkpsdm").has_usable_password()
    assert "diperbarui" in out and "sudah ada" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--code", "kota-medan"], "--name wajib"),
    (["--code", "Kota Medan!", "--name", "X"], "--code"),
    (["--code", "kota-medan", "--name", "X", "--year", "1999"], "--year"),
    (["--code", "kota-medan", "--name", "X", "--admin-username", "a"], "harus diisi bersama"),
    (["--code", "kota-medan", "--name", "X", "--logo", "/nonexistent/logo.png"], "tidak dapat dibaca"),
    (["--code", "kota-medan", "--name", "X", "--admin-username", "a", "--admin-email", "bukan-email"],
     "--admin-email"),
])
def test_it_refuses_bad_input_with_exit_code_1_and_writes_nothing(args, message):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 1
    assert message in str(caught.value)
    assert not Agency.objects.exists() and not User.objects.exists()


def test_it_refuses_a_logo_that_is_not_an_image_and_a_weak_password(tmp_path, monkeypatch):
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    with pytest.raises(CommandError, match="PNG atau JPG"):
        run("--code", "kota-medan", "--name", "X", "--logo", str(fake))
    with pytest.raises(CommandError, match="terlalu pendek"):
        run("--code", "kota-medan", "--name", "X", "--admin-username", "a", "--admin-email", "a@example.org",
            "--admin-password-stdin", stdin="pendek\n", monkeypatch=monkeypatch)
    assert not Agency.objects.exists() and not User.objects.exists()


def test_import_employees_names_setup_agency_when_no_agency_exists(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("NIP,Nama\n", encoding="utf-8")
    with pytest.raises(CommandError, match="setup_agency") as caught:
        call_command("import_employees", str(roster), stdout=io.StringIO())
    assert caught.value.returncode == 2


def test_import_employees_uses_the_only_agency(tmp_path):
    Agency.objects.create(code="kab-deli-serdang", name="Pemerintah Kabupaten Deli Serdang")
    roster = tmp_path / "roster.csv"
    roster.write_text("NIP,Nama\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:  # an empty file is refused, but only after choosing the agency
        call_command("import_employees", str(roster), stdout=io.StringIO())
    assert "instansi" not in str(caught.value).lower()
