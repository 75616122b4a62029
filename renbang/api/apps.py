from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "renbang.api"
    label = "api"
    verbose_name = "API"
