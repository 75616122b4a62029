from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "renbang.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluasi dan umpan balik")

    def ready(self) -> None:
        pass
