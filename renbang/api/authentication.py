"""Token authentication that names the user in the audit trail.

django-auditlog's middleware takes the actor from `request.user` before the view runs, when a token-authenticated
API user is still anonymous (DRF authenticates inside the view), so changes made through the API with a token would
be logged without an actor. Once the token is accepted, the actor is set in auditlog's context for the request.
"""

from __future__ import annotations

from auditlog.context import auditlog_value
from rest_framework.authentication import TokenAuthentication


class AuditedTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            try:
                context = auditlog_value.get()
            except LookupError:  # outside AuditlogMiddleware (e.g. a management command): nothing to name
                return result
            if context.get("actor") is None:
                context["actor"] = result[0]
        return result
