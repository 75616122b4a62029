"""The "what does my position require" section of the employee detail page (registered in apps.ready)."""

from __future__ import annotations

from renbang.org.models import Position

from .. import selectors
from ..models import Competency


def requirement_section(request, employee) -> dict | None:
    """The standard of the employee's position and of the next position(s), in four queries."""
    if not request.user.has_perm("competencies.view_standard") or employee.position_id is None:
        return None
    position = employee.position
    current = selectors.required_levels_for([position.pk])[position.pk]
    next_ids = selectors.next_positions_for([position.pk])[position.pk]
    upcoming = selectors.next_required_levels_for([position.pk])[position.pk] if next_ids else {}
    competencies = {c.pk: c for c in Competency.objects.filter(pk__in=set(current) | set(upcoming))}
    rows = [{"competency": competencies[cid], "required": current.get(cid), "next": upcoming.get(cid)}
            for cid in set(current) | set(upcoming)]
    order = {"manajerial": 0, "sosial_kultural": 1, "teknis": 2}
    rows.sort(key=lambda r: (order.get(r["competency"].competency_type, 3), r["competency"].code))
    return {"template": "competencies/_employee_requirements.html", "data": {
        "position": position, "rows": rows,
        "next_positions": list(Position.objects.filter(pk__in=next_ids).order_by("name")),
    }}
