from django.urls import path

from . import views

app_name = "siasn"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("kirim/", views.push_year, name="push_year"),
    path("kirim/<int:pk>/", views.send_again, name="send_again"),
    path("tarik/", views.pull_page, name="pull"),
    path("tarik/<int:pk>/", views.run_detail, name="run"),
    path("pekerjaan/<int:pk>/", views.job_status, name="job"),
    path("pemetaan/", views.mapping, name="mapping"),
]
