"""Pagination whose parameters mean what the schema says: a page number (or limit/offset) that is not a whole
number in range is a 400 with the field's message, never silently page 1 (DRF's default for `?page=`) nor a 404
("Invalid page" for `?page=abc`); a page past the last one stays a 404 (documented on every list)."""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

from .filters import INT64_MAX

#: Page numbers and offsets are bounded like ids (int64); the page size by `max_limit`.
PAGE_MAX = INT64_MAX


def whole_number(request, name: str, *, minimum: int, maximum: int, default: int | None) -> int | None:
    """The query parameter `name` as an int in [minimum, maximum]; absent → default; anything else → 400."""
    if name not in request.query_params:
        return default
    values = request.query_params.getlist(name)
    raw = values[-1].strip() if values else ""
    if len(values) > 1 or not raw.isdigit() or not raw.isascii():
        raise ValidationError({name: [_("Harus satu bilangan bulat.")]})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ValidationError({name: [_("Harus antara %(min)s dan %(max)s.") % {"min": minimum, "max": maximum}]})
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        number = whole_number(request, self.page_query_param, minimum=1, maximum=PAGE_MAX, default=1)
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise NotFound(_("Halaman %(n)s tidak ada.") % {"n": number}) from None
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": PAGE_MAX}
        return parameters


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    default_limit = 50
    max_limit = 1000

    def get_limit(self, request):
        return whole_number(request, self.limit_query_param, minimum=1, maximum=self.max_limit,
                            default=self.default_limit)

    def get_offset(self, request):
        return whole_number(request, self.offset_query_param, minimum=0, maximum=self.max_offset, default=0)

    @property
    def max_offset(self) -> int:  # offset + limit must stay an int64 in the SQL
        return PAGE_MAX - self.max_limit

    @classmethod
    def openapi_parameters(cls) -> list[OpenApiParameter]:
        """For a plain APIView that paginates with this class (`@extend_schema(parameters=[...])`)."""
        return [OpenApiParameter(p["name"], p["schema"], required=False, description=p["description"])
                for p in cls().get_schema_operation_parameters(None)]

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, self.max_offset)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
        return parameters
