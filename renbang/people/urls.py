from django.urls import path

from . import import_views, views

app_name = "people"
urlpatterns = [
    path("", views.employee_list, name="list"),
    path("ekspor.xlsx", views.employee_export, name="export"),
    path("<int:pk>/", views.employee_detail, name="detail"),
    path("impor/", import_views.import_upload, name="import"),
    path("impor/<int:pk>/", import_views.import_job, name="import_job"),
    path("impor/<int:pk>/konfirmasi/", import_views.import_confirm, name="import_confirm"),
    path("impor/<int:pk>/laporan.csv", import_views.import_report, name="import_report"),
]
