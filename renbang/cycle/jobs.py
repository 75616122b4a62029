"""Background job of the cycle app (run through core.jobs.start_job)."""

from __future__ import annotations


def close_year(job, *, agency_id: int, year: int, user_id: int | None = None) -> dict:
    from .services import year_close

    closing = year_close(agency_id=agency_id, year=year, user_id=user_id, report=job.report)
    return {"closing_id": closing.pk, "year": year, "carried": closing.carried}
