"""Permission-matrix rows of the agency's first-run setup, profile, logo and go-live checklist, and of single
sign-on (added to ROWS in test_permission_matrix.py); see rows_catalog.py."""

from __future__ import annotations

from .rows_catalog import ACTORS, api, page

ROWS = [
    # Only a superuser may set up, and only while no agency exists; no world user is a superuser (the world has an
    # agency, so a superuser would be sent on: tests/org/test_setup_pages.py).
    ("org:setup", page(), lambda w: {}, ""),
    ("org:agency_profile", page("admin"), lambda w: {}, ""),
    # Any user of the agency may read its logo; the world's agency has none yet: 404 (the 200 with a stored logo:
    # tests/org/test_setup_pages.py::test_the_admin_edits_the_profile_and_logo).
    ("org:agency_logo", page(refused=404), lambda w: {}, ""),
    ("org:golive", page("admin"), lambda w: {}, ""),
    ("api:go-live", api("admin"), lambda w: {}, ""),
    # Single sign-on is off here (no OIDC settings): its two pages do not exist, for anyone
    # (with a provider: tests/accounts/test_oidc.py).
    ("oidc:authenticate", dict.fromkeys(ACTORS, 404), lambda w: {}, ""),
    ("oidc:callback", dict.fromkeys(ACTORS, 404), lambda w: {}, ""),
]
EXEMPT: dict[str, str] = {}
