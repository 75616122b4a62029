"""One place that puts models under the audit trail (django-auditlog records who changed what and when), and the
per-row audit of bulk writes.

`bulk_create` / `bulk_update` / queryset `delete` send no model signals, so django-auditlog does not see them.
Services that write in bulk (the roster import, the bulk standard apply) call `audit_created`, `audit_updated`
and `audit_deleted` with the rows they wrote: one LogEntry per row, the same shape as auditlog's own
(`changes = {field: [old, new]}`), inserted with one `bulk_create` per 2,000 entries, with the actor, address and
correlation id that auditlog would have set (its own pre_save receiver fills a template entry). On PostgreSQL
the entries go in with COPY.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model
from django.db.models.signals import pre_save
from django.utils import timezone

BATCH = 2000
Values = dict[int, dict[str, Any]]


#: Models deliberately left out of the audit trail, with the reason (label → reason); see `register_exempt`.
EXEMPT: dict[str, str] = {}


def register_audited(*models, exclude_fields: list[str] | None = None, m2m_fields: list[str] | None = None) -> None:
    for model in models:
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=exclude_fields or [], m2m_fields=set(m2m_fields or ()))


def register_exempt(model, reason: str) -> None:
    """Say why a Renbang model is not audited (derived rows recomputed from audited sources, operational records).
    tests/security/test_audit_coverage.py fails for any Renbang model neither audited nor exempted this way."""
    EXEMPT[model._meta.label] = reason


def values_of(objects: Iterable[Model], fields: Sequence[str]) -> Values:
    """The current values of `fields` (attnames, e.g. "unit_id") of each object, by pk: call before changing them."""
    return {obj.pk: {f: getattr(obj, f) for f in fields} for obj in objects}


def audit_created(objects: Sequence[Model], fields: Sequence[str], *, describe: Callable[[Model], str] = str) -> int:
    return _log(objects, LogEntry.Action.CREATE, describe,
                lambda obj: {_name(obj, f): ["None", _text(getattr(obj, f))] for f in fields
                             if getattr(obj, f) not in (None, "")})


def audit_updated(objects: Sequence[Model], fields: Sequence[str], before: Values, *,
                  describe: Callable[[Model], str] = str) -> int:
    """Log the fields that changed from `before` (values_of taken before the change); unchanged rows: no entry."""
    changed = []
    for obj in objects:
        old = before.get(obj.pk, {})
        diff = {_name(obj, f): [_text(old.get(f)), _text(getattr(obj, f))] for f in fields
                if old.get(f) != getattr(obj, f)}
        if diff:
            changed.append((obj, diff))
    by_obj = {id(o): d for o, d in changed}
    return _log([o for o, _ in changed], LogEntry.Action.UPDATE, describe, lambda obj: by_obj[id(obj)])


def audit_deleted(objects: Sequence[Model], fields: Sequence[str], *, describe: Callable[[Model], str] = str) -> int:
    return _log(objects, LogEntry.Action.DELETE, describe,
                lambda obj: {_name(obj, f): [_text(getattr(obj, f)), "None"] for f in fields})


def _log(objects: Sequence[Model], action: int, describe: Callable[[Model], str],
         changes: Callable[[Model], dict]) -> int:
    if not objects:
        return 0
    model = type(objects[0])
    if not auditlog.contains(model) or auditlog_disabled.get():
        return 0
    template = LogEntry(action=action)
    # auditlog's set_actor (middleware, job runner) fills actor/remote_addr/cid on LogEntry pre_save.
    pre_save.send(sender=LogEntry, instance=template, raw=False, using="default", update_fields=None)
    common = {
        "content_type": ContentType.objects.get_for_model(model), "action": action, "actor_id": template.actor_id,
        "actor_email": template.actor_email, "remote_addr": template.remote_addr,
        "remote_port": template.remote_port, "cid": template.cid or get_cid(), "timestamp": timezone.now(),
    }
    entries = [LogEntry(object_pk=str(obj.pk), object_id=obj.pk if isinstance(obj.pk, int) else None,
                        object_repr=describe(obj)[:500], changes=changes(obj), **common) for obj in objects]
    if connection.vendor == "postgresql":
        _copy(entries)
    else:
        LogEntry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries)


_COPIED = ("content_type", "object_pk", "object_id", "object_repr", "action", "changes_text", "changes", "actor",
           "actor_email", "remote_addr", "remote_port", "cid", "timestamp")


def _copy(entries: list[LogEntry]) -> None:
    """PostgreSQL COPY: about three times faster than multi-row INSERTs for the 25,000 entries of a roster import."""
    fields = [LogEntry._meta.get_field(name) for name in _COPIED]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(LogEntry._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for entry in entries:
            copy.write_row([json.dumps(entry.changes, ensure_ascii=False) if f.name == "changes"
                            else getattr(entry, f.attname) for f in fields])


def _name(obj: Model, attname: str) -> str:
    """The field's name as auditlog writes it ("unit" for the attname "unit_id")."""
    for field in obj._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    return attname


def _text(value: Any) -> str:
    return "None" if value is None else str(value)
