"""The browser crawl's tools: which pages to visit (generated from the URL resolver), and what a page must not do.

The pages come from the URL resolver, not from a hand list: every named URL of the project has a row in the
permission matrix (tests/security/test_permission_matrix.py fails for a URL without one), and that row says how
to build the URL's arguments from the `world` and which actors get a 200. The crawl visits, for each role, every
GET row that role may open. A new page is therefore crawled as soon as its permission row exists; a URL name the
resolver knows but neither the matrix nor the exclusions below name fails the crawl with its name.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse

#: URL names the crawl does not open in the browser, by why. Each entry is a file or data answer, not a page; a
#: page whose response is not HTML but is missing here fails the crawl with its name.
NOT_PAGES = {
    # Downloads (Excel, PDF, CSV): read by tests/*/test_exports*, tests/documents; a browser only saves them.
    "people:export", "people:import_report", "competencies:technical_export", "competencies:standard_export",
    "catalog:export", "needs:export", "plans:plan_pdf", "plans:plan_xlsx", "plans:idp_pdf",
    "delivery:certificate_pdf", "delivery:claim_file", "evaluation:test_scores_export",
    "evaluation:programme_export", "evaluation:programme_pdf", "evaluation:response_rates_export",
    "cycle:my_history", "cycle:dashboard_pdf", "cycle:bulk_history", "cycle:employee_history", "cycle:annual_pdf",
    "cycle:annual_xlsx", "needs:fgd_attachment",
    # JSON for scripts and widgets (the calendar's events feed, the health check, the OpenAPI schema).
    "delivery:calendar_events", "core:healthz", "schema", "redoc-bundle",
}
#: Namespaces outside the crawl: the REST API (JSON; its contract is checked by schemathesis) and Django's admin.
NOT_CRAWLED_NAMESPACES = ("api", "admin")

ROLES = {  # role → the `world` user who holds it
    "admin": "admin", "officer": "officer_a", "supervisor": "supervisor", "employee": "employee",
    "mentor": "mentor", "facilitator": "facilitator", "head": "head",
}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}
AXE_SOURCE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")

#: Collects Content-Security-Policy violations as the page reports them (init scripts run before the page's own
#: and are not subject to its CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${where})`);
});
"""


@dataclass
class Target:
    name: str
    url: str
    visitors: set[str]  # world user attribute names that get a 200


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


def targets(world) -> list[Target]:
    """Every page of the project with the users who may open it, from the resolver and the permission matrix."""
    from tests.security.test_permission_matrix import EXEMPT, ROWS, _names

    rows = {row.name: row for row in ROWS}
    crawled = sorted(name for name in _names() if name.split(":")[0] not in NOT_CRAWLED_NAMESPACES)
    unmapped = [name for name in crawled if name not in rows and name not in EXEMPT and name not in NOT_PAGES]
    assert not unmapped, (
        f"URL names the crawl cannot build: {unmapped}. Give each a row in tests/security/test_permission_matrix.py "
        "(its arguments and who may open it), or add it to NOT_PAGES in tests/browser/crawl.py with the reason.")
    result = []
    for name in crawled:
        row = rows.get(name)
        if row is None or row.method != "get" or name in NOT_PAGES:
            continue  # POST-only actions (the matrix's EXEMPT says why) and downloads
        url = reverse(name, kwargs=row.kwargs(world)) + (f"?{row.query}" if row.query else "")
        visitors = {actor for actor, code in row.expected.items() if code == 200 and actor != "anonymous"}
        result.append(Target(name, url, visitors))
    return result


#: The markup of a page's <main> with its texts reduced to "x" (empty stays empty) and the CSRF token left out: two
#: pages with the same key have the same elements, attributes and classes, so axe finds the same on both.
MARKUP_KEY = r"""() => {
  const main = document.querySelector("main") || document.body;
  return main.innerHTML.replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "").replace(/>[^<]*\S[^<]*</g, ">x<");
}"""


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line per rule."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())  # evaluate() is not subject to the page's CSP; a <script> would be
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n')[1])})))",
        AXE_TAGS,
    )
    lines = []
    for v in result:
        if v["impact"] in AXE_FAILING_IMPACTS:
            more = f" (+{len(v['nodes']) - 4} more)" if len(v["nodes"]) > 4 else ""
            lines.append(f"axe {v['impact']} {v['id']}: {json.dumps(v['nodes'][:4], ensure_ascii=False)}{more}")
    return lines


class AxeOnce:
    """Runs axe on a page unless a page with the same markup was checked already (the first page of each role is
    always checked whole, so each role's menu is checked once; after that pages differ by their <main>)."""

    def __init__(self):
        self.seen: set[str] = set()
        self.skipped = 0

    def __call__(self, page, first_of_role: bool) -> list[str]:
        key = hashlib.sha256(page.evaluate(MARKUP_KEY).encode()).hexdigest()
        if key in self.seen and not first_of_role:
            self.skipped += 1
            return []
        self.seen.add(key)
        return axe_violations(page)


def watch(page, findings: Findings, where: list[str]) -> None:
    """Console errors and uncaught page errors go to `findings`, tagged with the page being visited. axe-core is
    loaded into every document of the page as an init script: not subject to the page's CSP, and compiled once."""
    page.add_init_script(CSP_LISTENER)
    page.add_init_script(path=str(AXE_SOURCE))
    page.on("console", lambda msg: msg.type == "error" and findings.add(where[0], f"console error: {msg.text}"))
    page.on("pageerror", lambda error: findings.add(where[0], f"uncaught error: {error}"))


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing sticks out sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
