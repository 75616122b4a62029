"""Role predicates for django-rules; row visibility itself is decided in scoping.for_user."""

import rules


@rules.predicate
def is_bkpsdm_admin(user) -> bool:
    return bool(getattr(user, "is_bkpsdm_admin", False))


@rules.predicate
def is_head(user) -> bool:
    return bool(getattr(user, "is_head", False))


@rules.predicate
def is_hr_officer(user) -> bool:
    return bool(getattr(user, "is_hr_officer", False))


@rules.predicate
def has_agency(user) -> bool:
    return getattr(user, "agency_id", None) is not None


@rules.predicate
def has_employee(user) -> bool:
    return getattr(user, "employee_id", None) is not None


@rules.predicate
def is_supervisor(user) -> bool:
    """Anyone with at least one direct subordinate (the role field is not needed for this)."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return False
    from renbang.people.models import Employee

    return Employee.objects.filter(supervisor_id=employee_id, active=True).exists()


sees_staff = is_bkpsdm_admin | is_head | is_hr_officer | is_supervisor
