from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("ekspor/", views.programme_export, name="export"),
    path("impor/", views.catalogue_import, name="import"),
    path("program/baru/", views.programme_edit, name="programme_create"),
    path("program/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("program/<int:pk>/ubah/", views.programme_edit, name="programme_edit"),
    path("program/<int:pk>/hapus/", views.programme_delete, name="programme_delete"),
    path("program/<int:pk>/jadwal/", views.recurrence_add, name="recurrence_add"),
    path("pola-jadwal/<int:pk>/hapus/", views.recurrence_delete, name="recurrence_delete"),
    path("jadwal/", views.session_list, name="session_list"),
    path("metode/", views.method_list, name="method_list"),
    path("metode/<int:pk>/ubah/", views.method_edit, name="method_edit"),
    path("penyelenggara/", views.provider_list, name="provider_list"),
    path("penyelenggara/baru/", views.provider_edit, name="provider_create"),
    path("penyelenggara/<int:pk>/ubah/", views.provider_edit, name="provider_edit"),
    path("saran/", views.suggest_view, name="suggest"),
    path("aturan-saran/", views.rule_list, name="rule_list"),
    path("aturan-saran/baru/", views.rule_edit, name="rule_create"),
    path("aturan-saran/<int:pk>/ubah/", views.rule_edit, name="rule_edit"),
    path("aturan-saran/<int:pk>/hapus/", views.rule_delete, name="rule_delete"),
]
