"""Demo step of talent: the default key positions and a succession group for the key positions with the most
ready candidates (deterministic: candidates are ranked by score, ties by name). The retirement wave itself comes
from the workforce generator (renbang.people.demo.generate: PNS born 1966–1970)."""

from __future__ import annotations

import time

DEMO_GROUPS = 8


def seed(ctx) -> None:
    from . import services, succession
    from .models import KeyPosition, SuccessionGroup

    t = time.perf_counter()
    agency = ctx.agency
    added = services.key_positions_apply_defaults(agency=agency)
    if SuccessionGroup.objects.filter(key_position__agency=agency).exists():
        ctx.log(f"  talent: {added} jabatan kunci baru; kelompok suksesi demo sudah ada")
        return
    keys = list(KeyPosition.objects.filter(agency=agency, active=True).select_related("position")
                .order_by("-position__position_type", "position__name"))
    saved = 0
    for key in keys:
        if saved >= DEMO_GROUPS:
            break
        eligible = [c for c in succession.candidates(key) if c.eligible][:3]
        if eligible:
            services.succession_group_save(key=key, employee_ids=[c.employee.pk for c in eligible],
                                           note="Data demo")
            saved += 1
    ctx.log(f"  talent: {len(keys)} jabatan kunci, {saved} kelompok suksesi ({time.perf_counter() - t:.1f} s)")
