"""The link from delivery to the approved development plan (renbang.plans), kept in one module so the rest of
delivery does not depend on the plan's shape. Until the plans app has its models, these return nothing."""

from __future__ import annotations


def planned_employee_ids(session) -> list[int]:
    """Employees planned for the session's programme in the approved plan of the session's year."""
    return []
