"""Permissions of delivery. Row visibility is decided by accounts.scoping.for_user; per-session acts of a
facilitator (attendance, closing) are checked in services against the session's facilitator."""

import rules

from renbang.accounts.predicates import has_agency, has_employee, is_bkpsdm_admin, is_head, is_hr_officer, sees_staff


@rules.predicate
def is_facilitator(user) -> bool:
    """A user named facilitator of at least one session, or with the facilitator role."""
    if getattr(user, "has_role", None) and user.has_role("facilitator"):
        return True
    from .models import Session

    return bool(getattr(user, "pk", None)) and Session.objects.filter(facilitator_id=user.pk).exists()


rules.add_perm("delivery.view_calendar", has_agency)
rules.add_perm("delivery.manage", has_agency & is_bkpsdm_admin)
rules.add_perm("delivery.facilitate", has_agency & (is_bkpsdm_admin | is_facilitator))
rules.add_perm("delivery.view_own", has_agency & has_employee)
rules.add_perm("delivery.view_participation", has_agency & (has_employee | sees_staff))
rules.add_perm("delivery.view_staff", has_agency & sees_staff)
rules.add_perm("delivery.view_compliance", has_agency & (is_bkpsdm_admin | is_hr_officer | is_head))
rules.add_perm("delivery.claim", has_agency & has_employee)
rules.add_perm("delivery.verify_claims", has_agency & is_bkpsdm_admin)
