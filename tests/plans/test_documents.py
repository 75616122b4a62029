"""The RPK (PDF, Excel) and IDP (PDF) say what the plan says."""

from __future__ import annotations

import io
import subprocess

from django.urls import reverse
from openpyxl import load_workbook

from renbang.plans import services


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_the_rpk_pdf_has_the_letterhead_the_pasal_207_table_totals_and_the_ppk_signature(ran, world, login):
    plan = ran.plan
    services.plan_submit(plan=plan, user=world.users.admin, expected_version=plan.lock_version)
    services.plan_approve(plan=plan, user=world.users.head, expected_version=plan.lock_version)
    response = login(world.users.admin).get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("PEMERINTAH KOTA MEDAN", "BKPSDM KOTA MEDAN", "RENCANA PENGEMBANGAN KOMPETENSI",
                     "Jenis kompetensi", "Target pegawai", "Bentuk dan jalur", "Penyelenggara", "Jadwal",
                     "Kesesuaian", "kurikulum", "Anggaran", "Bimtek Orientasi Hasil", "Jumlah",
                     "Wali Kota Medan", "Ditetapkan"):
        assert expected in text, expected
    used = sum(a.cost for a in plan.assignments.all())
    assert "Rp " + f"{used:,}".replace(",", ".") in text


def test_the_rpk_excel_lists_items_and_participants(ran, world, login):
    response = login(world.users.head).get(reverse("plans:plan_xlsx", args=[ran.plan.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    items = list(book["RPK"].iter_rows(values_only=True))
    assert items[0][1] == "Jenis kompetensi" and len(items) == ran.plan.items.count() + 1
    people = list(book["Peserta"].iter_rows(values_only=True))
    assert len(people) == ran.plan.assignments.count() + 1
    assert world.chief.nip in {row[0] for row in people}


def test_the_idp_pdf_names_the_employee_their_items_and_the_supervisor(ran, world, login):
    idp = ran.plan.individual_plans.get(employee=world.chief)
    response = login(world.users.supervisor).get(reverse("plans:idp_pdf", args=[idp.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    for expected in ("RENCANA PENGEMBANGAN INDIVIDU", world.chief.nip, "Bimtek Orientasi Hasil", "Atasan langsung",
                     world.boss.name):
        assert expected in text, expected
