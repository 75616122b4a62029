from django.core.management.base import BaseCommand

from renbang.accounts.demo import DEMO_ACCOUNTS
from renbang.accounts.models import Role, User
from renbang.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Tampilkan akun demo (satu per peran) beserta kata sandi dan hak aksesnya."

    def handle(self, *args, **options):
        users = {u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
                 .select_related("employee")}
        if not users:
            self.stdout.write("Belum ada akun demo: jalankan `manage.py seed_demo` dulu.")
            return
        rows = [("Nama pengguna", "Kata sandi", "Peran", "Pegawai", "Yang dapat dilakukan")]
        for account in DEMO_ACCOUNTS:
            user = users.get(account.username)
            if user is None:
                continue
            person = user.employee.full_name if user.employee else "—"
            rows.append((account.username, DEMO_PASSWORD, str(Role(account.role).label), person, account.can))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        rule = "-" + "-+-".join("-" * w for w in widths) + "-+-" + "-" * 40
        self.stdout.write("\nAkun demo Renbang ASN (Pemerintah Kota Medan):")
        for n, row in enumerate(rows):
            cells = " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4]))
            self.stdout.write(f" {cells} | {row[4]}")
            if n == 0:
                self.stdout.write(rule)
        self.stdout.write("Akun demo bebas verifikasi dua langkah (otp_exempt), walau admin dan PPK wajib memakainya.")
        self.stdout.write("")
