"""`manage.py plan` and `manage.py export_rpk`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from renbang.plans.models import DevelopmentPlan


def test_it_plans_a_year_from_the_shell_and_writes_json(pw, world, tmp_path):
    out = io.StringIO()
    target = tmp_path / "plan.json"
    call_command("plan", "--year", "2026", "--budget", "3000000", "--agency", world.agency.code,
                 "--json", str(target), stdout=out)
    plan = DevelopmentPlan.objects.get(scenario__name="Baris perintah 2026")
    summary = json.loads(target.read_text())
    assert summary["budget_total"] == 3_000_000 and summary["budget_used"] <= 3_000_000
    assert summary["assignments"] == plan.assignments.count()
    assert "penugasan" in out.getvalue()


def test_it_refuses_bad_shell_input_with_a_message(pw, world):
    with pytest.raises(CommandError, match="memerlukan --budget"):
        call_command("plan", "--year", "2026", "--agency", world.agency.code)
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("plan", "--year", "2026", "--budget", "1", "--agency", "tidak-ada")
    with pytest.raises(CommandError, match="Belum ada RPK"):
        call_command("export_rpk", "--year", "2030", "--output", "/tmp/x.pdf", "--agency", world.agency.code)


def test_it_exports_the_rpk_from_the_shell(ran, world, tmp_path):
    from tests.plans.test_documents import pdf_text

    pdf = tmp_path / "rpk.pdf"
    call_command("export_rpk", "--year", "2026", "--format", "pdf", "--output", str(pdf), "--agency",
                 world.agency.code, stdout=io.StringIO())
    assert "RENCANA PENGEMBANGAN KOMPETENSI" in pdf_text(pdf.read_bytes())
    xlsx = tmp_path / "rpk.xlsx"
    call_command("export_rpk", "--year", "2026", "--format", "xlsx", "--output", str(xlsx), "--agency",
                 world.agency.code, stdout=io.StringIO())
    assert xlsx.read_bytes()[:2] == b"PK"
