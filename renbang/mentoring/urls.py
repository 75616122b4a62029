from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("baru/", views.programme_edit, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/ubah/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/peserta/", views.participants_add, name="participants_add"),
    path("<int:pk>/peserta/<int:participant_pk>/hapus/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/pasangkan/", views.programme_match, name="programme_match"),
    path("<int:pk>/pasangan/tambah/", views.pair_add, name="pair_add"),
    path("pasangan/<int:pair_pk>/", views.pair_detail, name="pair_detail"),
    path("pasangan/<int:pair_pk>/<str:action>/", views.pair_action, name="pair_action"),
    path("catatan/<int:log_pk>/hapus/", views.log_delete, name="log_delete"),
]
