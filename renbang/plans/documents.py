"""The RPK (PDF and Excel) and the IDP (PDF): PP 11/2017 Pasal 207(3)'s seven items per row."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.catalog.models import Route
from renbang.core.exports import xlsx_sheets_bytes
from renbang.core.pdf import render_pdf

from .models import DevelopmentPlan, IndividualPlan
from .months import month_name
from .selectors import idp_assignments, plan_items, plan_totals

ROUTES = dict(Route.choices)


def rpk_rows(plan: DevelopmentPlan) -> list[dict]:
    """One row per item with the seven items, plus target employees by position type."""
    items = list(plan_items(plan))
    targets: dict[int, dict[str, int]] = {}
    for item_id, ptype, n in plan.assignments.values("item_id", "employee__position__position_type").annotate(
            n=Count("pk")).values_list("item_id", "employee__position__position_type", "n"):
        targets.setdefault(item_id, {})[ptype or "-"] = n
    from renbang.org.models import PositionType

    labels = dict(PositionType.choices)
    rows = []
    for n, it in enumerate(items, start=1):
        comps = ", ".join(f"{c.code} {c.name}" for c in it.competencies.all())
        target = "; ".join(f"{labels.get(t, t)}: {k}" for t, k in sorted(targets.get(it.pk, {}).items()))
        rows.append({
            "no": n, "competency": comps, "programme": it.programme.title, "code": it.programme.code,
            "target": target or "-", "participants": it.participants, "form": it.form,
            "route": ROUTES.get(it.route, it.route),
            "provider": it.provider_name or "-", "month": month_name(it.month),
            "date": it.date, "proposed": it.session_id is None, "jp": it.jp,
            "curriculum": it.curriculum_reference or "-", "cost_per_participant": it.cost_per_participant,
            "budget": it.budget,
        })
    return rows


def rpk_context(plan: DevelopmentPlan) -> dict:
    agency = plan.agency
    return {"agency": agency, "plan": plan, "rows": rpk_rows(plan), "totals": plan_totals(plan),
            "today": timezone.localdate(), "place": getattr(agency, "city", "") or "Medan",
            "head_title": getattr(agency, "head_title", ""), "head_name": getattr(agency, "head_name", "")}


def rpk_pdf(plan: DevelopmentPlan) -> bytes:
    return render_pdf("plans/pdf/rpk.html", rpk_context(plan))


def rpk_xlsx(plan: DevelopmentPlan) -> bytes:
    headers = [_("No."), _("Jenis kompetensi"), _("Program"), _("Kode"), _("Target pegawai"), _("Jumlah peserta"),
               _("Bentuk"), _("Jalur"), _("Penyelenggara"), _("Jadwal (bulan)"), _("Tanggal"), _("JP"),
               _("Kesesuaian standar kurikulum"), _("Biaya per peserta (Rp)"), _("Anggaran (Rp)")]
    rows = [[r["no"], r["competency"], r["programme"], r["code"], r["target"], r["participants"], r["form"],
             str(r["route"]), r["provider"], str(r["month"]), r["date"].isoformat() if r["date"] else _("usulan"),
             r["jp"], r["curriculum"], r["cost_per_participant"], r["budget"]] for r in rpk_rows(plan)]
    participants = plan.assignments.select_related("employee", "item__programme", "competency").order_by(
        "month", "item__programme__title", "employee__name")
    p_headers = [_("NIP"), _("Nama"), _("Program"), _("Bulan"), _("JP"), _("Biaya (Rp)"), _("Kompetensi alasan"),
                 _("Dasar"), _("Kesenjangan")]
    p_rows = ([a.employee.nip, a.employee.name, a.item.programme.title, str(month_name(a.month)), a.jp, a.cost,
               a.competency.name if a.competency else "", str(a.get_reason_kind_display()), a.gap]
              for a in participants.iterator(chunk_size=2000))
    return xlsx_sheets_bytes([(_("RPK"), headers, rows), (_("Peserta"), p_headers, p_rows)])


def idp_pdf(idp: IndividualPlan) -> bytes:
    agency = idp.plan.agency
    return render_pdf("plans/pdf/idp.html", {
        "agency": agency, "idp": idp, "employee": idp.employee, "rows": list(idp_assignments(idp)),
        "today": timezone.localdate(), "place": "Medan",
    })
