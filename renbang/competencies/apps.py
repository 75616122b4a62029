from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "renbang.competencies"
    label = "competencies"
    verbose_name = _("Standar kompetensi")

    def ready(self) -> None:
        from renbang.core.audit import register_audited

        from . import models

        register_audited(models.Competency, models.Level, models.Indicator, models.PositionStandard,
                         models.StandardDefault)
