from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "renbang.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from . import fields

        fields.install()
