from django.urls import path

from . import views, views_reports, views_years

app_name = "cycle"
urlpatterns = [
    path("saya/", views.my_development, name="my_development"),
    path("saya/riwayat.xlsx", views_reports.my_history, name="my_history"),
    path("pimpinan/", views.dashboard, name="dashboard"),
    path("pimpinan/ringkasan.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("tahun/", views_years.years, name="years"),
    path("tahun/<int:year>/", views_years.year_detail, name="year_detail"),
    path("tahun/<int:year>/tutup/", views_years.year_close, name="year_close"),
    path("tahun/<int:year>/dibawa/", views_years.carried, name="carried"),
    path("tahun/pekerjaan/<int:pk>/", views_years.close_job, name="close_job"),
    path("laporan/", views_reports.index, name="reports"),
    path("laporan/riwayat.xlsx", views_reports.bulk_history, name="bulk_history"),
    path("laporan/riwayat/<int:pk>.xlsx", views_reports.employee_history, name="employee_history"),
    path("laporan/tahunan/<int:year>.pdf", views_reports.annual_pdf, name="annual_pdf"),
    path("laporan/tahunan/<int:year>.xlsx", views_reports.annual_xlsx, name="annual_xlsx"),
]
