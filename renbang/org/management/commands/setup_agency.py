"""manage.py setup_agency --code kota-medan --name "Pemerintah Kota Medan" [--region ..] [--bkpsdm-name ..]
[--ppk-title ..] [--ppk-name ..] [--address ..] [--logo FILE] [--year Y]
[--admin-username U --admin-email E [--admin-password-stdin]]

Creates the agency, or updates it when the code exists (re-running changes only what is given). Superusers
without an agency are linked to it. With --admin-username, also the first BKPSDM admin (without
--admin-password-stdin the account has no usable password: the admin sets one with "Lupa kata sandi").
Exit code 1 on bad input, nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from renbang.org import services
from renbang.org.models import LOGO_MAX_BYTES, Agency

OPTIONS = {  # option → Agency field
    "name": "name", "region": "region", "bkpsdm_name": "hr_agency_name", "ppk_title": "head_title",
    "ppk_name": "head_name", "address": "address", "year": "current_year",
}


def _messages(exc: ValidationError) -> str:
    """The errors named by the command's options (--year, --admin-username), not by model fields."""
    if hasattr(exc, "error_dict"):
        names = {field: option for option, field in OPTIONS.items()} | {"code": "code", "username": "admin_username",
                                                                        "email": "admin_email"}
        return "; ".join(
            f"--{names.get(field, field).replace('_', '-')}: {' '.join(errors)}" if field != "__all__"
            else " ".join(errors) for field, errors in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = "Buat atau perbarui profil instansi (dan admin BKPSDM pertama) untuk pemasangan baru."

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="kode instansi, mis. kota-medan (huruf kecil, angka, -)")
        parser.add_argument("--name", help="nama instansi, mis. \"Pemerintah Kota Medan\" (wajib saat membuat)")
        parser.add_argument("--region", help="daerah, mis. \"Kota Medan\"")
        parser.add_argument("--bkpsdm-name", help="nama BKPSDM")
        parser.add_argument("--ppk-title", help="jabatan PPK, mis. \"Wali Kota Medan\"")
        parser.add_argument("--ppk-name", help="nama PPK")
        parser.add_argument("--address", help="alamat untuk kop surat")
        parser.add_argument("--logo", metavar="FILE", help="logo untuk kop surat (PNG/JPEG, maks. 1 MB)")
        parser.add_argument("--year", type=int, help="tahun berjalan, mis. 2027")
        parser.add_argument("--admin-username", help="nama pengguna admin BKPSDM pertama")
        parser.add_argument("--admin-email", help="e-mail admin BKPSDM pertama")
        parser.add_argument("--admin-password-stdin", action="store_true",
                            help="baca kata sandi admin dari masukan standar (satu baris)")

    def handle(self, *args, code: str, **options):
        agency = Agency.objects.filter(code=code).first()
        fields = {"code": code}
        fields.update({field: options[option] for option, field in OPTIONS.items() if options.get(option) is not None})
        if agency is None and not fields.get("name"):
            raise CommandError(f"Instansi '{code}' belum ada: --name wajib diisi untuk membuatnya.", returncode=1)
        logo = self._logo(options.get("logo"))
        username, email = options.get("admin_username"), options.get("admin_email")
        if bool(username) != bool(email):
            raise CommandError("--admin-username dan --admin-email harus diisi bersama.", returncode=1)
        password = None
        if options.get("admin_password_stdin"):
            if not username:
                raise CommandError("--admin-password-stdin hanya bersama --admin-username.", returncode=1)
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("Kata sandi admin kosong.", returncode=1)
        try:
            with transaction.atomic():
                created = agency is None
                agency = services.agency_save(agency=agency, logo=logo, **fields)
                linked = services.superusers_link(agency)
                admin = existing = None
                if username:
                    existing = get_user_model().objects.filter(username__iexact=username, agency=agency).first()
                    if existing is None:
                        admin = services.admin_create(agency=agency, username=username, email=email,
                                                      password=password)
        except ValidationError as exc:
            raise CommandError(f"Data tidak valid, tidak ada yang disimpan: {_messages(exc)}", returncode=1) from None
        verb = "dibuat" if created else "diperbarui"
        self.stdout.write(self.style.SUCCESS(f"Instansi {agency.code} ({agency.name}) {verb}."))
        if linked:
            self.stdout.write(f"{linked} superuser dihubungkan ke instansi ini.")
        if existing is not None:
            self.stdout.write(f"Pengguna {existing.username} sudah ada di instansi ini; tidak diubah.")
        if admin is not None:
            note = "" if password else " tanpa kata sandi (atur lewat \"Lupa kata sandi\")"
            self.stdout.write(f"Admin BKPSDM {admin.username} dibuat{note}.")
        self.stdout.write("Berikutnya: impor roster pegawai (manage.py import_employees BERKAS) lalu buka "
                          "halaman Persiapan go-live.")

    def _logo(self, path: str | None) -> services.Logo | None:
        if not path:
            return None
        try:
            data = Path(path).read_bytes()[: LOGO_MAX_BYTES + 1]
        except OSError as exc:
            raise CommandError(f"Berkas logo {path} tidak dapat dibaca: {exc.strerror}.", returncode=1) from None
        try:
            return services.logo_checked(SimpleUploadedFile(Path(path).name, data))
        except ValidationError as exc:
            raise CommandError(f"Logo ditolak: {' '.join(exc.messages)}", returncode=1) from None
