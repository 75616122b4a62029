"""REST endpoints of the plans app: `register(router)` adds viewsets; `urlpatterns` holds plain API views."""


def register(router) -> None:
    """Called by renbang/api/urls.py with the /api/v1/ router."""


urlpatterns: list = []
