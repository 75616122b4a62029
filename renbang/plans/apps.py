from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "renbang.plans"
    label = "plans"
    verbose_name = _("Rencana pengembangan")

    def ready(self) -> None:
        pass
