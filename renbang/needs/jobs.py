"""Background jobs of the needs analysis (run by core.jobs; inline in tests)."""

from __future__ import annotations

from .compute import compute_campaign
from .models import Campaign


def compute_campaign_job(job, *, campaign_id: int) -> dict:
    campaign = Campaign.objects.get(pk=campaign_id)
    return compute_campaign(campaign, job=job)
