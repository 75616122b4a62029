from django.urls import path

from . import views, views_settings, views_succession

app_name = "talent"
urlpatterns = [
    path("pensiun/", views.outlook_view, name="outlook"),
    path("kotak-talenta/", views.box_view, name="box"),
    path("jabatan-kunci/", views_succession.key_list_view, name="keys"),
    path("jabatan-kunci/tandai/", views_succession.key_mark_view, name="key_mark"),
    path("jabatan-kunci/bawaan/", views_succession.key_defaults_view, name="key_defaults"),
    path("jabatan-kunci/<int:pk>/", views_succession.key_detail_view, name="key_detail"),
    path("jabatan-kunci/<int:pk>/lepas/", views_succession.key_unmark_view, name="key_unmark"),
    path("pengaturan/", views_settings.settings_view, name="settings"),
    path("pengaturan/bawaan/", views_settings.settings_restore_view, name="settings_restore"),
]
