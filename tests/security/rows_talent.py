"""Permission-matrix rows of talent and succession (added to ROWS in test_permission_matrix.py); see rows_catalog.py.

The builder makes, once per world: the administrator position marked as a key position with a first (empty)
succession group.
"""

from __future__ import annotations

from .rows_catalog import api, page

#: Staff who see people (talent.view_outlook; talent.view_box for the same roles here): the mentor user is the boss,
#: the chief's supervisor; the employee has no subordinate.
STAFF = ("admin", "officer_a", "officer_b", "supervisor", "mentor", "head")
SUCCESSION = ("admin", "head")


def _talent(w):
    if hasattr(w, "talent"):
        return w.talent
    from types import SimpleNamespace

    from renbang.talent.models import KeyPosition, SuccessionGroup

    key = KeyPosition.objects.create(agency=w.agency, position=w.positions.administrator)
    w.talent = SimpleNamespace(key=key, group=SuccessionGroup.objects.create(key_position=key, version=1))
    return w.talent


ROWS = [
    ("talent:outlook", page(*STAFF), lambda w: {}, ""),
    ("talent:box", page(*STAFF), lambda w: {}, ""),
    ("talent:keys", page(*SUCCESSION), lambda w: {}, ""),
    ("talent:key_detail", page(*SUCCESSION), lambda w: {"pk": _talent(w).key.pk}, ""),
    ("api:talent-employees", api(*STAFF), lambda w: {}, ""),
    ("api:talent-keyposition-list", api(*SUCCESSION), lambda w: {}, ""),
    ("api:talent-keyposition-detail", api(*SUCCESSION), lambda w: {"pk": _talent(w).key.pk}, ""),
    ("api:talent-keyposition-candidates", api(*SUCCESSION), lambda w: {"pk": _talent(w).key.pk}, ""),
    ("api:talent-successiongroup-list", api(*SUCCESSION), lambda w: {}, ""),
    ("api:talent-successiongroup-detail", api(*SUCCESSION), lambda w: {"pk": _talent(w).group.pk}, ""),
    ("talent:settings", page(*SUCCESSION), lambda w: {}, ""),
    ("api:talent-settings", api(*SUCCESSION), lambda w: {}, ""),
]
EXEMPT = {
    "talent:key_mark": "POST-only; allowed and refused actors in tests/talent/test_pages.py",
    "talent:key_defaults": "POST-only; allowed and refused actors in tests/talent/test_pages.py",
    "talent:key_unmark": "POST-only; allowed and refused actors in tests/talent/test_pages.py",
    "api:talent-keyposition-group": "POST-only; allowed and refused actors in tests/talent/test_api.py",
    "talent:settings_restore": "POST-only; allowed and refused actors in tests/talent/test_settings.py",
}
