"""Reports out: an employee's development history in SIASN's training-record columns, and the agency's
yearly competency development report (planned vs realised, the 7 RPK items, evaluation summary)."""

from __future__ import annotations

from django.db.models import Max, Min, QuerySet, Sum
from django.utils.translation import gettext as _

from renbang.mentoring.models import Log

from . import selectors, services, sources
from .models import YearClosing


#: The columns of BKN SIASN's training history (riwayat diklat/kursus) form: kind of record, type, name,
#: organiser, start and end dates, year, hours (JP) and certificate number. UNVERIFIED against SIASN's API
#: field names (jenisDiklat/namaKursus/institusiPenyelenggara/tanggalKursus/jumlahJam/noSertipikat are the
#: names seen in its web form); the order here is the form's.
def history_headers() -> list[str]:
    return [_("NIP"), _("Nama"), _("Jenis riwayat"), _("Jenis diklat/kursus"), _("Nama diklat/kursus"),
            _("Institusi penyelenggara"), _("Tanggal mulai"), _("Tanggal selesai"), _("Tahun"),
            _("Jumlah jam (JP)"), _("Nomor sertifikat")]


def history_rows(employees: QuerySet, year: int | None = None) -> list[list]:
    """SIASN rows of these employees (a scoped Employee queryset), from the delivery app's completed sessions
    and verified external claims, plus mentoring (nonklasikal; no certificate). Ids go to the database as a
    subquery, so 25,000 employees are one parameter, not 25,000."""
    by_id = {e.pk: e for e in employees.select_related("agency").iterator(chunk_size=2000)}
    ids = employees.values("pk")
    rows: list[list] = []
    for r in sources.training_history(ids, year) or []:
        e = by_id.get(r["employee_id"])
        if e is None:
            continue
        rows.append([e.nip, e.full_name, r.get("record") or _("Kursus"), r.get("kind", ""), r.get("name", ""),
                     r.get("provider", ""), r.get("start"), r.get("end"), r["end"].year, r.get("jp"),
                     r.get("certificate", "")])
    # Mentoring meetings are development too (nonklasikal); delivery's history holds none of them.
    logs = Log.objects.filter(pair__mentee_id__in=ids)
    if year:
        logs = logs.filter(date__year=year)
    per_pair = (logs.values("pair__mentee_id", "pair__programme__title", "pair__programme__method__name")
                .annotate(start=Min("date"), end=Max("date"), jp=Sum("jp")))
    for r in per_pair:
        e = by_id[r["pair__mentee_id"]]
        rows.append([e.nip, e.full_name, _("Kursus"), r["pair__programme__method__name"] or _("Mentoring"),
                     r["pair__programme__title"], e.agency.hr_agency_name or e.agency.name, r["start"], r["end"],
                     r["end"].year, float(r["jp"] or 0), ""])
    rows.sort(key=lambda r: (r[1], r[0], r[6] or ""))
    return rows


def annual_report(agency, year: int) -> dict:
    """The yearly report's data: the closing's frozen figures when the year is closed, live ones otherwise."""
    closing = YearClosing.objects.filter(agency=agency, year=year, status=YearClosing.Status.CLOSED).first()
    summary = closing.summary if closing else services.year_summary(agency.pk, year)
    items = sources.plan_items_rpk(agency.pk, year)
    evaluation = sources.evaluation_summary(agency.pk, year)
    carried_out = (closing.carried if closing else None)
    carried_in = selectors.CarriedNeed.objects.filter(agency=agency, year=year).count()
    return {"agency": agency, "year": year, "closing": closing, "summary": summary, "items": items,
            "evaluation": evaluation, "carried_out": carried_out, "carried_in": carried_in}


def rpk_headers() -> list[str]:
    """The 7 items of each plan row, PP 11/2017 Pasal 207 ayat (3) huruf a–g."""
    return [_("(a) Jenis kompetensi"), _("(b) Target pegawai"), _("(c) Bentuk dan jalur"), _("(d) Penyelenggara"),
            _("(e) Jadwal"), _("(f) Kesesuaian standar kurikulum"), _("(g) Anggaran (Rp)"),
            _("Peserta terealisasi"), _("Anggaran terealisasi (Rp)")]


def rpk_rows(items: list[dict] | None) -> list[list]:
    return [[i.get("competencies", ""), i.get("target", ""), i.get("form", ""), i.get("provider", ""),
             i.get("schedule", ""), i.get("curriculum", ""), i.get("budget"), i.get("realised_participants"),
             i.get("realised_budget")] for i in items or []]


def summary_table(summary: dict, key: str) -> list[list]:
    """Rows (label, then participants, JP and budget each as planned / the plan's realisation / outside the plan).
    Outside the plan is None in closings frozen before it was kept apart."""
    out = []
    for row in summary.get(key, []):
        label = row.get("name") or row.get("code")
        p, r, o = row["planned"], row["realised"], row.get("outside") or {}
        out.append([label, *(value for field in ("participants", "jp", "budget")
                              for value in (p[field], r[field], o.get(field)))])
    return out


def summary_headers(first: str) -> list[str]:
    return [first, _("Peserta rencana"), _("Peserta realisasi"), _("Peserta di luar rencana"), _("JP rencana"),
            _("JP realisasi"), _("JP di luar rencana"), _("Anggaran rencana (Rp)"), _("Anggaran realisasi (Rp)"),
            _("Anggaran di luar rencana (Rp)")]
