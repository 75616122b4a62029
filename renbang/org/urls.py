from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("jabatan/", views.position_list, name="position_list"),
]
