from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "renbang.cycle"
    label = "cycle"
    verbose_name = _("Siklus pengembangan")

    def ready(self) -> None:
        pass
