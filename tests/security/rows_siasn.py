"""Permission-matrix rows of the SIASN connector (added to ROWS in test_permission_matrix.py); see rows_catalog.py.

The builder makes, once per world: an outbox item about the employee of unit B (Siti), a pull run and a push job.
"""

from __future__ import annotations

from .rows_catalog import api, page

OUTBOX = ("admin", "officer_a", "officer_b")


def _siasn(w):
    if hasattr(w, "siasn"):
        return w.siasn
    from types import SimpleNamespace

    from renbang.core.models import Job
    from renbang.siasn.models import OutboxItem, SyncRun

    item = OutboxItem.objects.create(agency=w.agency, employee=w.other, source="claim", year=2026,
                                     title="Seminar Kearsipan", jp=4)
    run = SyncRun.objects.create(agency=w.agency, nips=[w.other.nip])
    job = Job.objects.create(kind="siasn_push", function_path="renbang.siasn.jobs.push_job", agency=w.agency,
                             params={"agency_id": w.agency.pk, "year": 2026})
    w.siasn = SimpleNamespace(item=item, run=run, job=job)
    return w.siasn


ROWS = [
    ("siasn:outbox", page(*OUTBOX), lambda w: {}, ""),
    ("siasn:pull", page("admin"), lambda w: {}, ""),
    ("siasn:run", page("admin"), lambda w: {"pk": _siasn(w).run.pk}, ""),
    ("siasn:job", page(*OUTBOX), lambda w: {"pk": _siasn(w).job.pk}, ""),
    ("siasn:mapping", page("admin"), lambda w: {}, ""),
    ("api:siasn-outbox-list", api(*OUTBOX), lambda w: {}, ""),
    ("api:siasn-outbox-detail", api(*OUTBOX) | {"officer_a": 404}, lambda w: {"pk": _siasn(w).item.pk}, ""),
]
EXEMPT: dict[str, str] = {
    "siasn:push_year": "POST-only; allowed and refused actors in tests/siasn/test_pages.py",
    "siasn:send_again": "POST-only; allowed and refused actors in tests/siasn/test_pages.py",
    "api:siasn-outbox-send-again": "POST-only; allowed and refused actors in tests/siasn/test_pages.py",
}
