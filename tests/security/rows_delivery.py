"""Permission-matrix rows of the delivery app (added to ROWS in test_permission_matrix.py); see rows_catalog.py.

The objects come from tests/delivery/helpers.delivery_world: the staff member (employee user, seksi of Dinas
Pendidikan) completed a past session facilitated by the facilitator user and has a pending claim.
"""

from __future__ import annotations

from ..delivery.helpers import delivery_world
from .rows_catalog import ACTORS, ALL, PLANNERS, api, page

OWN = ("supervisor", "employee", "mentor")  # users linked to an employee
STAFF_VIEWERS = ("admin", "officer_a", "officer_b", "supervisor", "mentor", "head")
# Rows about the staff member: BKPSDM, PPK, the OPD officer of Dinas Pendidikan, the chain of supervisors, themself.
ABOUT_STAFF = ("admin", "officer_a", "supervisor", "employee", "mentor", "head")


def about_staff_page():
    table = page(*ABOUT_STAFF, refused=404)
    table["facilitator"] = 403  # no participation rights at all (no employee, no staff)
    return table


def about_staff_api():
    return api(*ABOUT_STAFF, refused=404)


def public():
    return dict.fromkeys(ACTORS, 200)


def _past(w):
    return {"pk": delivery_world(w).past.pk}


ROWS = [
    ("delivery:calendar", page(*ALL), lambda w: {}, ""),
    ("delivery:calendar_events", page(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("delivery:session_list", page(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("delivery:session_create", page("admin"), lambda w: {}, ""),
    ("delivery:session_detail", page(*ALL), _past, ""),
    ("delivery:session_edit", page("admin"), _past, ""),
    ("delivery:attendance", page("admin", "facilitator"), _past, ""),
    ("delivery:my_schedule", page(*OWN), lambda w: delivery_world(w) and {}, ""),
    ("delivery:my_jp", page(*OWN), lambda w: delivery_world(w) and {}, ""),
    ("delivery:checkin", page(*OWN), lambda w: {}, ""),
    ("delivery:claim_create", page(*OWN), lambda w: {}, ""),
    ("delivery:claim_file", about_staff_page(), lambda w: {"pk": delivery_world(w).claim.pk}, ""),
    ("delivery:certificate_pdf", about_staff_page(), lambda w: {"pk": delivery_world(w).certificate.pk}, ""),
    ("delivery:claim_queue", page("admin"), lambda w: delivery_world(w) and {}, ""),
    ("delivery:claim_decide", page("admin"), lambda w: {"pk": delivery_world(w).claim.pk}, ""),
    ("delivery:notices", page(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("delivery:staff", page(*STAFF_VIEWERS), lambda w: delivery_world(w) and {}, ""),
    ("delivery:compliance", page(*PLANNERS), lambda w: delivery_world(w) and {}, ""),
    ("delivery:facilitator", page("admin", "facilitator"), lambda w: delivery_world(w) and {}, ""),
    ("delivery:settings", page("admin"), lambda w: {}, ""),
    ("delivery:verify", public(), lambda w: {}, ""),
    ("delivery:verify_code", public(), lambda w: {"code": delivery_world(w).certificate.code}, ""),
    ("api:deliverysession-list", api(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("api:deliverysession-detail", api(*ALL), _past, ""),
    ("api:deliveryenrolment-list", api(*ALL), lambda w: delivery_world(w) and {}, ""),
    # The enrolment and attendance of the facilitator's session: theirs too (grant), on the pages and the API.
    ("api:deliveryenrolment-detail", api(*ABOUT_STAFF, "facilitator", refused=404),
     lambda w: {"pk": delivery_world(w).enrolment.pk}, ""),
    ("api:deliveryattendance-list", api(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("api:deliveryattendance-detail", api(*ABOUT_STAFF, "facilitator", refused=404),
     lambda w: {"pk": delivery_world(w).enrolment.attendance.first().pk}, ""),
    ("api:deliveryclaim-list", api(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("api:deliveryclaim-detail", about_staff_api(), lambda w: {"pk": delivery_world(w).claim.pk}, ""),
    ("api:deliverycertificate-list", api(*ALL), lambda w: delivery_world(w) and {}, ""),
    ("api:deliverycertificate-detail", about_staff_api(), lambda w: {"pk": delivery_world(w).certificate.pk}, ""),
    ("api:delivery-ledger", api(*PLANNERS), lambda w: delivery_world(w) and {}, "year=2026"),
    ("api:delivery-my-jp", api(*OWN), lambda w: delivery_world(w) and {}, "year=2026"),
]

POST_ONLY = (
    "delivery:sessions_from_planned", "delivery:sessions_from_plan",
    "delivery:session_invite", "delivery:session_cancel", "delivery:session_code",
    "delivery:enrolment_action", "delivery:claim_withdraw", "delivery:notices_read",
    "api:deliveryenrolment-respond", "api:deliveryenrolment-release", "api:deliveryclaim-decide",
)
EXEMPT: dict[str, str] = dict.fromkeys(POST_ONLY, "POST-only; allowed and refused actors tested in tests/delivery")
