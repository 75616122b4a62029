from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from django.conf import settings
from django.utils import translation

from .client_ip import client_ip


class ChosenLanguageMiddleware:
    """Indonesian unless the user chose another language with the switch (stored in the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most office PCs run an English
    browser: the product must open in Indonesian all the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards: a thread that served an English request must
        # not keep speaking English to the next one (or to code running outside requests).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AuditlogMiddleware(_AuditlogMiddleware):
    """django-auditlog's middleware with the client address of `renbang.core.client_ip` (its own trusts the first
    X-Forwarded-For entry, which any client can forge) and no port taken from the forgeable X-Forwarded-Port."""

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None
