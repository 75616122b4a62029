from django.urls import path

from . import views, views_idp

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("skenario/baru/", views.scenario_edit, name="scenario_create"),
    path("skenario/bandingkan/", views.scenario_compare, name="scenario_compare"),
    path("skenario/<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("skenario/<int:pk>/ubah/", views.scenario_edit, name="scenario_edit"),
    path("skenario/<int:pk>/jalankan/", views.scenario_run, name="scenario_run"),
    path("skenario/<int:pk>/status/", views.scenario_status, name="scenario_status"),
    path("rpk/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("rpk/<int:pk>/tindakan/", views.plan_action, name="plan_action"),
    path("rpk/<int:pk>/perbedaan/", views.plan_diff, name="plan_diff"),
    path("rpk/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("rpk/<int:pk>/xlsx/", views.plan_xlsx, name="plan_xlsx"),
    path("item/<int:pk>/", views.item_detail, name="item_detail"),
    path("item/<int:pk>/tindakan/", views.item_action, name="item_action"),
    path("idp/", views_idp.idp_list, name="idp_list"),
    path("idp/<int:pk>/", views_idp.idp_detail, name="idp_detail"),
    path("idp/<int:pk>/tindakan/", views_idp.idp_action, name="idp_action"),
    path("idp/<int:pk>/pdf/", views_idp.idp_pdf, name="idp_pdf"),
]
