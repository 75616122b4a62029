from django.urls import path

from . import views_admin, views_campaigns, views_forms, views_results, views_survey

app_name = "needs"
urlpatterns = [
    path("", views_campaigns.index, name="index"),
    path("kampanye/", views_campaigns.campaign_list, name="campaigns"),
    path("kampanye/baru/", views_campaigns.campaign_edit, name="campaign_create"),
    path("kampanye/<int:pk>/", views_campaigns.campaign_detail, name="campaign"),
    path("kampanye/<int:pk>/ubah/", views_campaigns.campaign_edit, name="campaign_edit"),
    path("kampanye/<int:pk>/<str:action>/", views_campaigns.campaign_action, name="campaign_action"),
    path("kampanye/<int:pk>/isi/diri/", views_forms.self_form, name="self_form"),
    path("kampanye/<int:pk>/isi/rekan/", views_forms.peer_list, name="peers"),
    path("kampanye/<int:pk>/isi/rekan/<int:assessment_pk>/", views_forms.peer_form, name="peer_form"),
    path("kampanye/<int:pk>/isi/atasan/", views_forms.supervisor_overview, name="supervisor"),
    path("kampanye/<int:pk>/isi/atasan/<int:competency_pk>/", views_forms.supervisor_grid, name="supervisor_grid"),
    path("hasil/", views_results.heatmap, name="results"),
    path("hasil/sel/", views_results.cell, name="cell"),
    path("hasil/ekspor.xlsx", views_results.export, name="export"),
    path("hasil/saya/", views_results.my_profile, name="my_profile"),
    path("hasil/pegawai/<int:pk>/", views_results.profile, name="profile"),
    path("bobot/", views_campaigns.weights_edit, name="weights"),
    path("impor-asesmen/", views_admin.ac_import, name="ac_import"),
    path("survei/", views_survey.survey_list, name="surveys"),
    path("survei/<int:pk>/isi/", views_survey.survey_answer, name="survey_answer"),
    path("survei/<int:pk>/rekap/", views_survey.survey_results, name="survey_results"),
    path("fgd/", views_admin.fgd_list, name="fgds"),
    path("fgd/baru/", views_admin.fgd_create, name="fgd_create"),
    path("fgd/<int:pk>/", views_admin.fgd_detail, name="fgd"),
    path("fgd/<int:pk>/lampiran/<int:attachment_pk>/", views_admin.fgd_attachment, name="fgd_attachment"),
    path("fgd/<int:pk>/kebutuhan/<int:need_pk>/hapus/", views_admin.fgd_need_delete, name="fgd_need_delete"),
]
