"""Permission rows of the employee accounts page and of the activation / forgot-password pages (no login)."""

from __future__ import annotations

ACTORS = ["admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head", "anonymous"]


def managers():
    return {actor: (200 if actor in ("admin", "officer_a", "officer_b") else 403) for actor in ACTORS} | {
        "anonymous": 302}


def public(code=200):
    return dict.fromkeys(ACTORS, code)


ROWS = [
    ("accounts:employee_accounts", managers(), lambda w: {}, ""),
    # Its REST twin: the same managers (their units' employees only), 401 without credentials.
    ("api:employeeaccount-list", managers() | {"anonymous": 401}, lambda w: {}, ""),
    ("api:employeeaccount-detail", managers() | {"officer_b": 404, "anonymous": 401},
     lambda w: {"pk": w.staff.pk}, ""),
    ("accounts:activate", public(), lambda w: {}, ""),
    # Without a valid link or code in the session: the refusal page, for everyone.
    ("accounts:activate_password", public(400), lambda w: {}, ""),
    ("accounts:activate_link", public(400), lambda w: {"token": "x" * 32}, ""),
    ("accounts:password_reset", public(), lambda w: {}, ""),
    ("accounts:password_reset_done", public(), lambda w: {}, ""),
    ("accounts:password_reset_confirm", public(), lambda w: {"uidb64": "MQ", "token": "bad-token"}, ""),
    ("accounts:password_reset_complete", public(), lambda w: {}, ""),
]

EXEMPT = {
    "accounts:employee_accounts_start": "POST-only; allowed and refused actors in tests/accounts/"
                                        "test_employee_accounts_page.py",
    "accounts:account_job": "a job of its starter only (404 for anyone else); tests/accounts/"
                            "test_employee_accounts_page.py",
    "accounts:letters_download": "the letters of their printer only (404 for anyone else); tests/accounts/"
                                 "test_employee_accounts_page.py",
}
