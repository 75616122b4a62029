from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "renbang.core"
    label = "core"
    verbose_name = _("Inti")


class StaticFilesConfig(BaseStaticFilesConfig):
    """collectstatic without drf-spectacular-sidecar's ReDoc bundle (it loads its logo from cdn.redoc.ly, and
    government intranets have no internet; the API docs are the Swagger UI at /api/docs/, whose bundle is local)
    nor npm's package.json files (metadata naming CDN entry points, never served to a browser)."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "redoc", "package.json"]
