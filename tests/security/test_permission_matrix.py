"""Every URL × every role, from one table (NetBox's generated view tests, in one place).

Each row names a URL pattern, how to build its arguments from the `world` fixture, and the expected status per
actor. A URL pattern of the project without a row fails `test_it_has_a_row_for_every_url`, so a new page cannot
ship without its permission decision. Codes: 200 allowed; 403 refused; 404 hidden (object outside the scope);
302 redirected to login (anonymous).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import (
    rows_accounts,
    rows_catalog,
    rows_cycle,
    rows_delivery,
    rows_evaluation,
    rows_org,
    rows_plans,
    rows_siasn,
    rows_talent,
)

ACTORS = ["admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head", "anonymous"]
ANON = {"anonymous": 302}


def everyone(code=200, **overrides) -> dict[str, int]:
    table = dict.fromkeys(ACTORS, code) | ANON
    return table | overrides


def only(*allowed, refused=403, **overrides) -> dict[str, int]:
    table = {actor: (200 if actor in allowed else refused) for actor in ACTORS} | ANON
    return table | overrides


@dataclass
class Row:
    name: str
    expected: dict[str, int]
    kwargs: Callable[[object], dict] = field(default=lambda w: {})
    query: str = ""
    method: str = "get"


def _needs(w):
    """Needs-analysis rows for the matrix (made once per world): an open campaign, a standard, a submitted
    self-assessment of the staff member, a computed need, the agency's weights and an FGD in the seksi."""
    if hasattr(w, "needs"):
        return w.needs
    import datetime as dt
    from types import SimpleNamespace

    from renbang.competencies.models import Competency, PositionStandard
    from renbang.needs.models import Assessment, Campaign, FocusGroup, Need, NeedsSurvey, PriorityWeights

    comp, _ = Competency.objects.get_or_create(code="M.1", agency=None,
                                               defaults={"name": "Integritas", "competency_type": "manajerial"})
    for position in (w.positions.staff, w.positions.pengawas, w.positions.administrator):
        PositionStandard.objects.update_or_create(position=position, competency=comp,
                                                  defaults={"required_level": 2})
    campaign = Campaign.objects.create(agency=w.agency, name="Penilaian diri 2026", year=2026, status="open",
                                       period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 30))
    w.needs = SimpleNamespace(
        comp=comp, campaign=campaign,
        assessment=Assessment.objects.create(campaign=campaign, employee=w.staff, assessor=w.staff, source="self",
                                             status="submitted"),
        need=Need.objects.create(campaign=campaign, employee=w.staff, unit=w.section_a, competency=comp, required=2,
                                 gap=1),
        weights=PriorityWeights.objects.create(agency=w.agency),
        fgd=FocusGroup.objects.create(agency=w.agency, unit=w.section_a, held_on=dt.date(2026, 2, 1),
                                      facilitator="Tim AKPK"),
        survey=NeedsSurvey.objects.create(agency=w.agency, title="Survei 2026", opens_on=dt.date(2026, 1, 1),
                                          closes_on=dt.date(2026, 12, 31)),
    )
    return w.needs


def _import_preview(world):
    """A finished roster-import preview (dry run without errors) of the world's agency."""
    from renbang.core.models import Job, JobStatus
    from renbang.people.jobs import PREVIEW_KIND

    report = {"total_rows": 1, "created": 1, "updated": 0, "unchanged": 0, "skipped": 0, "written": False,
              "dry_run": True, "errors": [], "notes": []}
    return Job.objects.create(kind=PREVIEW_KIND, agency=world.agency, status=JobStatus.DONE, result={"report": report},
                              params={"token": "0" * 32 + ".csv", "filename": "roster.csv", "dry_run": True,
                                      "skip_invalid": False})


STAFF_VIEWERS = ("admin", "officer_a", "officer_b", "supervisor", "mentor", "head")


def _m1(world) -> dict:
    from renbang.competencies.models import Competency

    return {"pk": Competency.objects.get(code="M.1", agency__isnull=True).pk}


def _standard(world) -> dict:
    from renbang.competencies.services import standard_apply_defaults

    standard_apply_defaults(position=world.positions.staff)
    return {"pk": world.positions.staff.standards.first().pk}


def _default(world) -> dict:
    from renbang.competencies.services import standard_defaults_ensure

    standard_defaults_ensure(agency=world.agency)
    return {"pk": world.agency.standard_defaults.first().pk}


def _role_grant(world) -> int:
    from renbang.accounts.models import Role, RoleGrant

    return RoleGrant.objects.create(user=world.users.supervisor, role=Role.FACILITATOR).pk


def _staff_position(world) -> dict:
    return {"pk": world.positions.staff.pk}

ROWS: list[Row] = [
    Row("core:home", everyone()),
    Row("core:healthz", everyone(anonymous=200)),
    Row("accounts:login", everyone(302, anonymous=200)),
    Row("accounts:profile", everyone()),
    Row("accounts:password_change", everyone()),
    Row("accounts:locked_out", everyone(403, anonymous=403)),
    Row("accounts:audit_log", only("admin")),
    Row("accounts:roles_index", only("admin")),
    Row("accounts:roles_holders", only("admin")),
    Row("accounts:roles_person", only("admin"), kwargs=lambda w: {"pk": w.users.employee.pk}),
    Row("accounts:otp_manage", everyone()),
    Row("accounts:otp_enrol", everyone()),
    # force_login passes the admin roles' verification (tests/conftest.py); nobody else has a device: nothing to do
    Row("accounts:otp_verify", everyone(302)),
    Row("accounts:otp_recover", everyone(302)),
    Row("people:list", only(*STAFF_VIEWERS)),
    Row("people:export", only(*STAFF_VIEWERS)),
    # The staff member in unit A's seksi: visible to admin, head, officer A, their supervisors, themself.
    Row("people:detail", only("admin", "officer_a", "supervisor", "employee", "mentor", "head", refused=404),
        kwargs=lambda w: {"pk": w.staff.pk}),
    Row("people:import", only("admin")),
    Row("people:import_job", only("admin"), kwargs=lambda w: {"pk": _import_preview(w).pk}),
    Row("people:import_report", only("admin"), kwargs=lambda w: {"pk": _import_preview(w).pk}),
    Row("people:import_confirm", only("admin", admin=302), kwargs=lambda w: {"pk": _import_preview(w).pk},
        method="post"),
    Row("org:unit_tree", everyone()),
    Row("org:unit_detail", everyone(), kwargs=lambda w: {"pk": w.unit_b.pk}),
    Row("org:position_list", everyone()),
    Row("api:api-root", everyone(anonymous=401)),
    Row("api:employee-list", everyone(anonymous=401)),  # a scoped list: an empty page is still 200
    Row("api:employee-detail", only("admin", "officer_a", "supervisor", "employee", "mentor", "head", refused=404,
                                    anonymous=401), kwargs=lambda w: {"pk": w.staff.pk}),
    Row("api:orgunit-list", everyone(anonymous=401)),
    Row("api:rolegrant-list", only("admin", anonymous=401)),
    Row("api:rolegrant-detail", only("admin", anonymous=401), kwargs=lambda w: {"pk": _role_grant(w)}),
    Row("api:orgunit-detail", everyone(anonymous=401), kwargs=lambda w: {"pk": w.unit_a.pk}),
    Row("api:position-list", everyone(anonymous=401)),
    Row("api:position-detail", everyone(anonymous=401), kwargs=lambda w: {"pk": w.positions.staff.pk}),
    # Competency dictionary and standards: every agency user reads; only the BKPSDM admin edits.
    Row("competencies:list", everyone()),
    Row("competencies:detail", everyone(), kwargs=_m1),
    Row("competencies:edit", only("admin"), kwargs=_m1),
    Row("competencies:create", only("admin")),
    Row("competencies:technical_export", everyone()),
    Row("competencies:technical_import", only("admin")),
    Row("competencies:standard_list", everyone()),
    Row("competencies:standard_detail", everyone(), kwargs=_staff_position),
    Row("competencies:defaults", everyone()),
    Row("competencies:standard_export", everyone()),
    Row("competencies:standard_import", only("admin")),
    # POST-only actions: the admin is redirected back to the page after the change.
    Row("competencies:standard_bulk_apply", only("admin", admin=302), method="post"),
    Row("competencies:career_defaults", only("admin", admin=302), method="post"),
    Row("competencies:standard_apply", only("admin", admin=302), kwargs=_staff_position, method="post"),
    Row("competencies:career_edit", only("admin", admin=302), kwargs=_staff_position, method="post"),
    Row("api:competency-list", everyone(anonymous=401)),
    Row("api:competency-detail", everyone(anonymous=401), kwargs=_m1),
    Row("api:positionstandard-list", everyone(anonymous=401)),
    Row("api:positionstandard-detail", everyone(anonymous=401), kwargs=_standard),
    Row("api:standarddefault-list", everyone(anonymous=401)),
    Row("api:standarddefault-detail", everyone(anonymous=401), kwargs=_default),
    # The API description is public (open-source software; no data in it), like the project's docs.
    Row("schema", everyone(anonymous=200)),
    Row("swagger-ui", everyone(anonymous=200)),
    Row("redoc", everyone(anonymous=200)),
    Row("redoc-bundle", everyone(anonymous=200)),
    # Needs analysis (tests/needs has the behaviour; here: who may open what)
    Row("needs:index", everyone(facilitator=403)),
    Row("needs:campaigns", only(*STAFF_VIEWERS)),
    Row("needs:campaign_create", only("admin")),
    Row("needs:campaign", only(*STAFF_VIEWERS), kwargs=lambda w: {"pk": _needs(w).campaign.pk}),
    Row("needs:campaign_edit", only("admin"), kwargs=lambda w: {"pk": _needs(w).campaign.pk}),
    Row("needs:campaign_action", only(admin=302), method="post",
        kwargs=lambda w: {"pk": _needs(w).campaign.pk, "action": "buka"}),
    Row("needs:self_form", only("supervisor", "employee", "mentor"), kwargs=lambda w: {"pk": _needs(w).campaign.pk}),
    # peers: the matrix campaign has no peer rating (404 for those who may fill forms); tests/needs has the rest
    Row("needs:peers", only(supervisor=404, employee=404, mentor=404), kwargs=lambda w: {"pk": _needs(w).campaign.pk}),
    Row("needs:peer_form", only(supervisor=404, employee=404, mentor=404),
        kwargs=lambda w: {"pk": _needs(w).campaign.pk, "assessment_pk": _needs(w).assessment.pk}),
    Row("needs:supervisor", only("supervisor", "mentor", employee=404), kwargs=lambda w: {"pk": _needs(w).campaign.pk}),
    Row("needs:supervisor_grid", only("supervisor", "mentor", employee=404),
        kwargs=lambda w: {"pk": _needs(w).campaign.pk, "competency_pk": _needs(w).comp.pk}),
    Row("needs:results", only(*STAFF_VIEWERS)),  # no computed campaign yet: the "no results" page
    Row("needs:cell", only(*STAFF_VIEWERS, refused=403, **dict.fromkeys(STAFF_VIEWERS, 404))),
    Row("needs:export", only(*STAFF_VIEWERS, refused=403, **dict.fromkeys(STAFF_VIEWERS, 404))),
    Row("needs:my_profile", only(admin=404, officer_a=404, officer_b=404, head=404, supervisor=302, employee=302,
                                 mentor=302)),
    Row("needs:profile", only("admin", "officer_a", "supervisor", "employee", "mentor", "head", officer_b=404),
        kwargs=lambda w: {"pk": w.staff.pk}),
    Row("needs:weights", only("admin")),
    Row("needs:ac_import", only("admin")),
    Row("needs:surveys", everyone(facilitator=403)),
    Row("needs:survey_answer", only("supervisor", "employee", "mentor"), kwargs=lambda w: {"pk": _needs(w).survey.pk}),
    Row("needs:survey_results", only(*STAFF_VIEWERS), kwargs=lambda w: {"pk": _needs(w).survey.pk}),
    Row("needs:fgds", only(*STAFF_VIEWERS)),
    Row("needs:fgd_create", only("admin", "officer_a", "officer_b")),
    Row("needs:fgd", only("admin", "officer_a", "supervisor", "mentor", "head", officer_b=404),
        kwargs=lambda w: {"pk": _needs(w).fgd.pk}),
    Row("needs:fgd_need_delete", only(admin=302, officer_a=302, officer_b=404), method="post",
        kwargs=lambda w: {"pk": _needs(w).fgd.pk, "need_pk": 0}),
    Row("api:needs-campaign-list", only(*STAFF_VIEWERS, anonymous=401)),
    Row("api:needs-campaign-detail", only(*STAFF_VIEWERS, anonymous=401),
        kwargs=lambda w: {"pk": _needs(w).campaign.pk}),
    Row("api:needs-assessment-list", everyone(anonymous=401)),
    # The staff member's self-assessment: hidden from their supervisors until they submit theirs (no anchoring).
    Row("api:needs-assessment-detail", only("admin", "officer_a", "employee", "head", refused=404, anonymous=401),
        kwargs=lambda w: {"pk": _needs(w).assessment.pk}),
    Row("api:needs-need-list", everyone(anonymous=401, facilitator=403)),
    Row("api:needs-need-detail", only("admin", "officer_a", "supervisor", "employee", "mentor", "head", refused=404,
                                      facilitator=403, anonymous=401), kwargs=lambda w: {"pk": _needs(w).need.pk}),
    Row("api:needs-priority-weights-list", everyone(anonymous=401)),
    Row("api:needs-priority-weights-detail", everyone(anonymous=401), kwargs=lambda w: {"pk": _needs(w).weights.pk}),
]

for _module in (rows_catalog, rows_plans, rows_delivery, rows_evaluation, rows_cycle, rows_accounts, rows_siasn,
                rows_org, rows_talent):
    ROWS += [Row(name, expected, kwargs, query) for name, expected, kwargs, query in _module.ROWS]

#: URL names deliberately outside the table, with the reason.
EXEMPT = {
    **rows_catalog.EXEMPT,
    **rows_plans.EXEMPT,
    **rows_delivery.EXEMPT,
    **rows_evaluation.EXEMPT,
    **rows_cycle.EXEMPT,
    **rows_accounts.EXEMPT,
    **rows_siasn.EXEMPT,
    **rows_org.EXEMPT,
    **rows_talent.EXEMPT,
    "accounts:logout": "POST-only; tested in tests/accounts",
    "accounts:token_regenerate": "POST-only; tested in tests/accounts",
    "accounts:roles_revoke": "POST-only; allowed and refused actors in tests/accounts/test_roles_pages.py",
    "accounts:roles_active": "POST-only; allowed and refused actors in tests/accounts/test_roles_pages.py",
    "accounts:otp_reset_for_user": "POST-only; allowed and refused actors in tests/accounts/test_roles_pages.py",
    "accounts:otp_regenerate": "POST-only, own account; tested in tests/accounts/test_twofactor.py",
    "accounts:otp_remove": "POST-only, own account; tested in tests/accounts/test_twofactor.py",
    "set_language": "Django's language switch (POST); open before login too",
    "api:api-root-format": "format suffix of the API root",
    "api:not-found": "the JSON 404 of any unmatched /api/v1/ path, for everyone; tests/security/test_api_contract.py",
    "needs:fgd_attachment": "needs a stored file; allowed and refused actors in tests/needs/test_fgd.py",
}


def _names(resolver=None, namespace="") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin" or pattern.namespace == "admin":
                continue  # Django's admin has its own staff-only checks
            ns = pattern.namespace or ""
            names |= _names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.name.endswith("-format") or "format" in pattern.pattern.regex.pattern:
                continue  # DRF's format-suffix twins
            names.add(f"{namespace}{pattern.name}")
    return names


def test_it_has_a_row_for_every_url():
    covered = {row.name for row in ROWS} | set(EXEMPT)
    missing = sorted(_names() - covered)
    assert not missing, f"URL patterns without a permission row: {missing}"


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_it_allows_and_refuses_each_actor_as_the_table_says(world, client, row):
    url = reverse(row.name, kwargs=row.kwargs(world)) + (f"?{row.query}" if row.query else "")
    results = {}
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(getattr(world.users, actor), backend="django.contrib.auth.backends.ModelBackend")
        response = getattr(client, row.method)(url)
        results[actor] = response.status_code
    assert results == row.expected
