from django.urls import path

from . import views, views_reports

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("saya/", views.my_evaluations, name="my_evaluations"),
    path("sesi/<int:session_pk>/umpan-balik/", views.feedback_form, name="feedback"),
    path("sesi/<int:pk>/hasil/", views.session_results, name="session_results"),
    path("sesi/<int:pk>/nilai/", views.test_scores, name="test_scores"),
    path("sesi/<int:pk>/nilai/ekspor/", views.test_scores_export, name="test_scores_export"),
    path("tindak-lanjut/", views.follow_up_list, name="follow_up_list"),
    path("tindak-lanjut/<int:pk>/", views.follow_up_form, name="follow_up"),
    path("pengingat/", views.reminders, name="reminders"),
    path("program/", views_reports.programme_list, name="programme_list"),
    path("program/ekspor/", views_reports.programme_export, name="programme_export"),
    path("program/<int:pk>/", views_reports.programme_report, name="programme_report"),
    path("program/<int:pk>/pdf/", views_reports.programme_pdf, name="programme_pdf"),
    path("program/<int:pk>/keputusan/", views_reports.review_create, name="review_create"),
    path("metode/", views_reports.method_comparison, name="method_comparison"),
    path("ditandai/", views_reports.flagged_list, name="flagged"),
    path("tingkat-respons/", views_reports.response_rates, name="response_rates"),
    path("tingkat-respons/ekspor/", views_reports.response_rates_export, name="response_rates_export"),
    path("pengaturan/", views_reports.settings_edit, name="settings"),
]
