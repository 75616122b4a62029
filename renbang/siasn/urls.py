from django.urls import path

from . import views

app_name = "siasn"

urlpatterns = [
    path("", views.outbox, name="outbox"),
]
