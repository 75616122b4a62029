"""Background jobs of the SIASN connector (renbang.core.jobs): the pull and the push, with progress."""

from __future__ import annotations

from renbang.org.models import Agency

from . import pull
from .client import SiasnClient
from .models import SyncRun

SHOWN = 300


def pull_job(job, *, run_id: int | None = None, agency_id: int | None = None, nips: list[str] | None = None,
             dry: bool = False, batch: int = pull.BATCH) -> dict:
    """A saved run carried on from its checkpoint (a worker that died is re-queued by recover_jobs and resumes),
    or a dry run over `nips` whose report is the job's result."""
    with SiasnClient() as client:
        if dry:
            run = pull.dry_run(agency=Agency.objects.get(pk=agency_id), nips=nips or [], client=client,
                               progress=job.report)
        else:
            run = pull.run_pull(SyncRun.objects.get(pk=run_id), client, progress=job.report, batch=batch)
    return {"run_id": run.pk, "dry_run": dry, "totals": run.totals, "changes": run.changes[:SHOWN],
            "problems": run.problems[:SHOWN]}


def push_job(job, *, agency_id: int, year: int, item_ids: list[int] | None = None) -> dict:
    from . import push

    with SiasnClient() as client:
        result = push.push(agency=Agency.objects.get(pk=agency_id), year=year, client=client, item_ids=item_ids,
                           progress=job.report)
    return result
