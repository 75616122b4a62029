"""Background jobs of the people app (run through renbang.core.jobs.start_job)."""

from __future__ import annotations

from renbang.core.tabular import TabularError

from .importing import import_employees, uploads

PREVIEW_KIND = "people.import_preview"
APPLY_KIND = "people.import_apply"


def run_import(job, *, token: str, filename: str, dry_run: bool, skip_invalid: bool, full_roster: bool = False,
               force: bool = False, **_ignored) -> dict:
    """Dry run (preview) or real import of an uploaded roster; the file is deleted once the real run is over."""
    data = uploads.load(token)
    if data is None:
        return {"refused": "Berkas unggahan sudah tidak tersedia (kedaluwarsa); unggah ulang."}
    try:
        report = import_employees(data=data, filename=filename, agency=job.agency, dry_run=dry_run,
                                  skip_invalid=skip_invalid, progress=job.report, full_roster=full_roster,
                                  force=force)
    except TabularError as exc:
        uploads.delete(token)
        return {"refused": str(exc)}
    finally:
        if not dry_run:
            uploads.delete(token)
    return {"report": report.as_dict()}
