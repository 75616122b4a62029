from django.urls import path

from . import views, views_setup

app_name = "org"
urlpatterns = [
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("jabatan/", views.position_list, name="position_list"),
    path("mulai/", views_setup.setup, name="setup"),
    path("instansi/", views_setup.agency_profile, name="agency_profile"),
    path("instansi/logo/", views_setup.agency_logo, name="agency_logo"),
    path("persiapan/", views_setup.golive_checklist, name="golive"),
]
