"""Excel files of the cycle's reports. One sheet: core.exports; the yearly report has several sheets."""

from __future__ import annotations

from django.utils.translation import gettext as _

from renbang.core.exports import xlsx_bytes, xlsx_sheets_bytes

from . import reports


def history_workbook(rows: list[list]) -> bytes:
    return xlsx_bytes(reports.history_headers(), rows, "Riwayat diklat-kursus")


def annual_workbook(data: dict) -> bytes:
    summary = data["summary"]
    totals = summary.get("totals", {})
    needs = summary.get("needs", {})
    p, r, o = totals.get("planned", {}), totals.get("realised", {}), totals.get("outside", {})
    overview = [
        [_("Tahun"), data["year"]],
        [_("Instansi"), data["agency"].name],
        [_("Status tahun"), _("Ditutup") if data["closing"] else _("Berjalan (angka sementara)")],
        [_("Pegawai dinilai"), needs.get("employees")],
        [_("Pegawai dengan kesenjangan"), needs.get("with_gap")],
        [_("Peserta rencana"), p.get("participants")], [_("Peserta realisasi"), r.get("participants")],
        [_("Peserta di luar rencana"), o.get("participants")],
        [_("JP rencana"), p.get("jp")], [_("JP realisasi"), r.get("jp")], [_("JP di luar rencana"), o.get("jp")],
        [_("Anggaran rencana (Rp)"), p.get("budget")], [_("Anggaran realisasi (Rp)"), r.get("budget")],
        [_("Anggaran di luar rencana (Rp)"), o.get("budget")],
        [_("Kebutuhan dibawa ke tahun berikutnya"), data["carried_out"]],
        [_("Kebutuhan dibawa dari tahun sebelumnya"), data["carried_in"]],
    ]
    compliance = summary.get("compliance")
    if compliance:
        overview.append([_("PNS memenuhi 20 JP"), f"{compliance.get('met')} / {compliance.get('employees')}"])
    evaluation = data.get("evaluation") or {}
    for key, value in evaluation.get("figures", {}).items():
        overview.append([key, value])
    overview = [[label, "—" if value is None else value] for label, value in overview]
    effectiveness = summary.get("effectiveness") or []
    return xlsx_sheets_bytes([
        (_("Ringkasan"), [_("Ukuran"), _("Nilai")], overview),
        (_("Per unit"), reports.summary_headers(_("Unit")), reports.summary_table(summary, "by_unit")),
        (_("Per kompetensi"), reports.summary_headers(_("Kompetensi")),
         reports.summary_table(summary, "by_competency")),
        (_("RPK 7 unsur"), reports.rpk_headers(), reports.rpk_rows(data["items"])),
        (_("Efektivitas metode"), [_("Metode"), _("Skor"), _("Jumlah sesi")],
         [[e.get("method"), e.get("score"), e.get("n")] for e in effectiveness]),
    ])
