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
    cached = getattr(user, "_is_supervisor_cache", None)
    if cached is not None and cached[0] == employee_id:
        return cached[1]
    from renbang.people.models import Employee

    answer = Employee.objects.filter(supervisor_id=employee_id, active=True).exists()
    # The menu and the page ask this several times per request: once per user object (refresh_roles forgets it).
    user._is_supervisor_cache = (employee_id, answer)
    return answer


sees_staff = is_bkpsdm_admin | is_head | is_hr_officer | is_supervisor
