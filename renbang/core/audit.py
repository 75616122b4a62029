"""One place that puts models under the audit trail (django-auditlog records who changed what and when)."""

from auditlog.registry import auditlog


def register_audited(*models, exclude_fields: list[str] | None = None) -> None:
    for model in models:
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=exclude_fields or [])
