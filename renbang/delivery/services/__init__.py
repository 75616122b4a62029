"""Writes of delivery (keyword-only, atomic). Import from here: `from renbang.delivery import services`."""

from renbang.core.notices import notices_mark_read, notify, notify_each, notify_employees

from .attendance import attendance_percent, attendance_record, self_checkin, session_complete
from .claims import check_upload, claim_decide, claim_submit, claim_withdraw, sniff
from .enrolment import (
    can_release,
    enrolment_cancel,
    enrolment_release,
    enrolment_replace,
    enrolment_respond,
    enrolments_invite,
    releasable_ids,
)
from .from_plan import approved_plans, planned_employee_ids, sessions_from_plan
from .sessions import (
    can_facilitate,
    regenerate_checkin_code,
    session_cancel,
    session_from_planned,
    session_save,
    sessions_from_planned,
    settings_for,
    settings_update,
    training_days,
    training_schedule,
    working_days,
)

__all__ = [
    "approved_plans",
    "attendance_percent",
    "attendance_record",
    "can_facilitate",
    "can_release",
    "check_upload",
    "claim_decide",
    "claim_submit",
    "claim_withdraw",
    "enrolment_cancel",
    "enrolment_release",
    "enrolment_replace",
    "enrolment_respond",
    "enrolments_invite",
    "notices_mark_read",
    "notify",
    "notify_each",
    "notify_employees",
    "planned_employee_ids",
    "regenerate_checkin_code",
    "releasable_ids",
    "self_checkin",
    "session_cancel",
    "session_complete",
    "session_from_planned",
    "session_save",
    "sessions_from_plan",
    "sessions_from_planned",
    "settings_for",
    "settings_update",
    "sniff",
    "training_days",
    "training_schedule",
    "working_days",
]
