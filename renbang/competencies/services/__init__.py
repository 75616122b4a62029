"""Writes of the competencies app (HackSoft style: `<entity>_<action>(*, ...)`, atomic, full_clean before save).

One module per entity; everything is re-exported here so callers write `from renbang.competencies import services`.
"""

from .career import career_apply_defaults, career_default_next, career_set_next
from .dictionary import competency_save, competency_set_active
from .standards import (
    standard_apply_defaults,
    standard_apply_positions,
    standard_bulk_apply,
    standard_defaults_ensure,
    standard_defaults_save,
    standard_set_levels,
)

__all__ = [
    "career_apply_defaults", "career_default_next", "career_set_next", "competency_save", "competency_set_active",
    "standard_apply_defaults", "standard_apply_positions", "standard_bulk_apply", "standard_defaults_ensure",
    "standard_defaults_save", "standard_set_levels",
]
