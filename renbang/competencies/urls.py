from django.urls import path

from .views import dictionary, standards

app_name = "competencies"
urlpatterns = [
    path("", dictionary.competency_list, name="list"),
    path("<int:pk>/", dictionary.competency_detail, name="detail"),
    path("<int:pk>/ubah/", dictionary.competency_edit, name="edit"),
    path("teknis/baru/", dictionary.competency_edit, name="create"),
    path("teknis/ekspor.xlsx", dictionary.technical_export, name="technical_export"),
    path("teknis/impor/", dictionary.technical_import_view, name="technical_import"),
    path("standar/", standards.standard_list, name="standard_list"),
    path("standar/terapkan/", standards.standard_bulk_apply_view, name="standard_bulk_apply"),
    path("standar/karier-bawaan/", standards.career_defaults_view, name="career_defaults"),
    path("standar/default/", standards.defaults_table, name="defaults"),
    path("standar/ekspor.xlsx", standards.standard_export, name="standard_export"),
    path("standar/impor/", standards.standard_import_view, name="standard_import"),
    path("standar/<int:pk>/", standards.standard_detail, name="standard_detail"),
    path("standar/<int:pk>/terapkan/", standards.standard_apply_view, name="standard_apply"),
    path("standar/<int:pk>/karier/", standards.career_edit_view, name="career_edit"),
]
