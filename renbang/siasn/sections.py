"""The employee page's SIASN section: the training history BKN keeps (riwayat diklat/kursus) and the riwayat
jabatan, as last pulled, with what the JP ledger counts."""

from __future__ import annotations

from renbang.accounts.scoping import for_user
from renbang.delivery.models import TrainingRecord

from .models import EmployeeLink, PositionRecord

LIMIT = 50


def employee_section(request, employee) -> dict | None:
    user = request.user
    records = list(for_user(TrainingRecord.objects.filter(employee=employee), user).select_related(
        "enrolment__session", "claim")[:LIMIT])
    positions = list(for_user(PositionRecord.objects.filter(employee=employee), user)[:20])
    link = EmployeeLink.objects.filter(employee=employee).first()
    if not records and not positions and link is None:
        return None
    return {"template": "siasn/_employee_section.html",
            "data": {"records": records, "positions": positions, "link": link, "limit": LIMIT}}
