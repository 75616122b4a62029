"""Test a backup: restore a `pg_dump -Fc` file into a scratch PostgreSQL database and check it.

    manage.py restore_check /var/backups/renbang/renbang-2026-11-29.dump [--compare] [--keep]

Checks that the restore succeeds, that every migration of this code is recorded in the restored database and
that each table has rows (counts printed); with --compare, that every table has exactly as many rows as the
current database (right after taking the dump, on a quiet system). The scratch database
`<name>_restore_check` is dropped afterwards unless --keep. Exit code ≠ 0 on any problem (docs/deploy.md §7).
"""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from renbang.core import golive


class Command(BaseCommand):
    help = "Uji cadangan: pulihkan berkas pg_dump ke basis data sementara lalu periksa isinya."

    def add_arguments(self, parser):
        parser.add_argument("dump", help="berkas hasil pg_dump -Fc")
        parser.add_argument("--compare", action="store_true", help="jumlah baris harus sama dengan basis data kini")
        parser.add_argument("--keep", action="store_true", help="jangan hapus basis data pemulihan")

    def handle(self, *args, dump: str, compare: bool = False, keep: bool = False, **options):
        """Run the check and keep its outcome for the go-live checklist (core.golive)."""
        try:
            summary = self._check(dump, compare=compare, keep=keep)
        except CommandError as exc:
            golive.record_restore_check(ok=False, message=str(exc), result={"dump": os.path.basename(dump)})
            raise
        golive.record_restore_check(ok=True, message=summary, result={"dump": os.path.basename(dump)})

    def _check(self, dump: str, *, compare: bool, keep: bool) -> str:
        if connection.vendor != "postgresql":
            raise CommandError("restore_check memerlukan PostgreSQL (DATABASE_URL=postgres://...).")
        if not os.path.isfile(dump):
            raise CommandError(f"Berkas cadangan tidak ditemukan: {dump}")
        self.tools = {tool: shutil.which(tool) for tool in ("pg_restore", "psql")}
        for tool, path in self.tools.items():
            if path is None:
                raise CommandError(f"{tool} tidak ditemukan (apt-get install postgresql-client).")
        s = connection.settings_dict
        scratch = f"{s['NAME']}_restore_check"[:63]
        env = {**os.environ, "PGHOST": s["HOST"] or "127.0.0.1", "PGPORT": str(s["PORT"] or 5432),
               "PGUSER": s["USER"] or "postgres"}
        if s["PASSWORD"]:
            env["PGPASSWORD"] = s["PASSWORD"]
        self._sql(env, s["NAME"], f'DROP DATABASE IF EXISTS "{scratch}"')
        self._sql(env, s["NAME"], f'CREATE DATABASE "{scratch}"')
        try:
            command = [self.tools["pg_restore"], "--no-owner", "--exit-on-error", "-d", scratch, dump]
            run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # noqa: S603  # nosec
            if run.returncode != 0:
                raise CommandError(f"pg_restore gagal: {run.stderr.strip()[-500:]}")
            restored = self._counts(env, scratch)
            problems = self._check_migrations(env, scratch)
            if compare:
                current = self._counts(env, s["NAME"])
                for table in sorted(set(current) | set(restored)):
                    if current.get(table) != restored.get(table):
                        problems.append(f"{table}: {restored.get(table)} baris dipulihkan, {current.get(table)} kini")
            for table in sorted(restored):
                self.stdout.write(f"{table}: {restored[table]}")
            summary = f"{len(restored)} tabel, {sum(restored.values())} baris dipulihkan"
            self.stdout.write(summary)
            if problems:
                raise CommandError("; ".join(problems[:20]))
            self.stdout.write(self.style.SUCCESS("cadangan dapat dipulihkan"))
            return summary
        finally:
            if not keep:
                self._sql(env, s["NAME"], f'DROP DATABASE IF EXISTS "{scratch}"')

    def _sql(self, env, database: str, sql: str, *, rows: bool = False) -> list[list[str]]:
        command = [self.tools["psql"], "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", database,
                   "-c", sql]
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # noqa: S603  # nosec
        if run.returncode != 0:
            raise CommandError(f"psql gagal: {run.stderr.strip()[-500:]}")
        return [line.split("\t") for line in run.stdout.splitlines() if line] if rows else []

    def _counts(self, env, database: str) -> dict[str, int]:
        tables = [t for (t,) in self._sql(env, database, "SELECT tablename FROM pg_tables WHERE schemaname = "
                                                         "'public' ORDER BY tablename", rows=True)]
        if not tables:
            return {}
        # Table names come from pg_tables (the catalogue), not from a user.
        union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)  # noqa: S608  # nosec
        return {t: int(n) for t, n in self._sql(env, database, union, rows=True)}

    def _check_migrations(self, env, database: str) -> list[str]:
        applied = {(a, n) for a, n in self._sql(env, database, "SELECT app, name FROM django_migrations", rows=True)}
        expected = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        missing = sorted(expected - applied)
        return [f"{len(missing)} migrasi tidak tercatat di cadangan (mis. {missing[0][0]}.{missing[0][1]})"] \
            if missing else []
