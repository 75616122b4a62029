import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from renbang.people.models import Employee

ROOT = Path(__file__).resolve().parents[2]


def test_it_locks_an_account_after_repeated_failures(world, client, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "admin", "password": "salah"})
    response = client.post(reverse("accounts:login"), {"username": "admin", "password": "rahasia-uji-123"})
    assert response.status_code == 429 or "dikunci" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_records_who_changed_an_employee(world, login):
    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    with set_actor(world.users.admin):
        staff = Employee.objects.get(pk=world.staff.pk)
        staff.rank = "III/b"
        staff.save()
    entry = LogEntry.objects.get_for_object(staff).latest("timestamp")
    assert entry.actor == world.users.admin
    assert entry.changes_dict["rank"] == ["III/a", "III/b"]
    page = login(world.users.admin).get(reverse("accounts:audit_log")).content.decode()
    assert "III/a → III/b" in page


def test_it_passes_the_deployment_checklist_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 30 + "-production-secret-value-for-the-check-only",
        "DJANGO_ALLOWED_HOSTS": "renbang.example.go.id", "DJANGO_BEHIND_PROXY": "true",
        "DJANGO_SECURE_SSL_REDIRECT": "true", "RENBANG_TESTING": "false",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
