from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "renbang.delivery"
    label = "delivery"
    verbose_name = _("Pelaksanaan pengembangan")

    def ready(self) -> None:
        pass
