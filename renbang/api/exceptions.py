"""One error shape for the API: a ValidationError raised with a bare message or list (DRF answers `["…"]`) becomes
`{"non_field_errors": [...]}`, the shape the schema's `ValidationError` component states."""

from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError) and isinstance(response.data, list):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response
