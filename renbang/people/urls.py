from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.employee_list, name="list"),
    path("ekspor.xlsx", views.employee_export, name="export"),
    path("<int:pk>/", views.employee_detail, name="detail"),
]
