"""The OpenAPI schema states what the API really does (checked by schemathesis with all its checks).

`AutoSchema` (settings.REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS) adds to every operation the error statuses it can
answer, with their bodies, so a new endpoint is documented without anyone remembering to:

- 400 `ValidationError` (field name → messages; `detail` for a malformed body) on every write and on every read
  that takes query parameters (filters, pagination);
- 401 and 403 `ErrorDetail` unless the view is open to anonymous users;
- 404 `ErrorDetail` on paths with an id and on paginated lists (a page past the last one);
- 409 `ErrorDetail` on DELETE (a row other data still points to); other operations that answer 409 say so in
  their `extend_schema(responses=...)`.

Path ids are integers in 1..2^63-1. `postprocess` (a SPECTACULAR_SETTINGS postprocessing hook) rewrites
`format: time` — JSON Schema's RFC 3339 time, which needs a UTC offset — into the pattern of the "HH:MM[:SS]"
wall-clock times DRF reads and writes.
"""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from .filters import INT64_MAX


class ErrorDetailSerializer(serializers.Serializer):
    """Pesan kesalahan."""

    detail = serializers.CharField()

    class Meta:
        ref_name = "ErrorDetail"


_MESSAGES = {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}}
VALIDATION_ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "Badan permintaan tidak dapat dibaca."},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"anyOf": [_MESSAGES, {"type": "object"}]},
    "description": "Kesalahan per isian: nama isian → daftar pesan (isian bertingkat: objek per isian).",
}
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"

_DESCRIPTIONS = {
    "400": "Permintaan tidak valid (lihat pesan per isian).",
    "401": "Belum masuk (token atau sesi tidak ada).",
    "403": "Tidak berwenang.",
    "404": "Tidak ditemukan (atau di luar cakupan Anda).",
    "409": "Bentrok dengan data lain.",
}


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if parameter["in"] == "path" and schema.get("type") == "integer":
                schema.setdefault("minimum", 1)
                schema.setdefault("maximum", INT64_MAX)
        responses = operation.setdefault("responses", {})
        for code in self._error_statuses(parameters, operation):
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    self._validation_error() if code == "400" else ErrorDetailSerializer, code)
                responses[code]["description"] = _DESCRIPTIONS[code]
        return operation

    def _error_statuses(self, parameters, operation) -> list[str]:
        codes = []
        writes = self.method not in ("GET", "HEAD", "OPTIONS")
        if writes or "requestBody" in operation or any(p["in"] == "query" for p in parameters):
            codes.append("400")
        if not all(issubclass(cls, AllowAny) for cls in self._permission_classes()):
            codes += ["401", "403"]
        if any(p["in"] == "path" for p in parameters) or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        if self.method == "DELETE":
            codes.append("409")
        return codes

    def _permission_classes(self) -> list[type]:
        classes = getattr(self.view, "permission_classes", None)
        return list(classes) if classes is not None else []

    def _validation_error(self) -> dict:
        component = ResolvedComponent(name="ValidationError", type=ResolvedComponent.SCHEMA, schema=VALIDATION_ERROR,
                                      object="ValidationError")
        self.registry.register_on_missing(component)
        return component.ref


def _rewrite_time(node) -> None:
    if isinstance(node, dict):
        if node.get("format") == "time" and node.get("type") == "string":
            del node["format"]
            node["pattern"] = TIME_PATTERN
        for value in node.values():
            _rewrite_time(value)
    elif isinstance(node, list):
        for value in node:
            _rewrite_time(value)


def postprocess(result, generator, request, public):
    """SPECTACULAR_SETTINGS POSTPROCESSING_HOOKS: wall-clock times as the pattern DRF really uses."""
    _rewrite_time(result)
    return result
