from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("renbang.core.urls")),
    path("akun/", include("renbang.accounts.urls")),
    path("organisasi/", include("renbang.org.urls")),
    path("pegawai/", include("renbang.people.urls")),
    path("kompetensi/", include("renbang.competencies.urls")),
    path("kebutuhan/", include("renbang.needs.urls")),
    path("katalog/", include("renbang.catalog.urls")),
    path("talenta/", include("renbang.talent.urls")),
    path("mentoring/", include("renbang.mentoring.urls")),
    path("rencana/", include("renbang.plans.urls")),
    path("pelaksanaan/", include("renbang.delivery.urls")),
    path("evaluasi/", include("renbang.evaluation.urls")),
    path("siklus/", include("renbang.cycle.urls")),
    path("api/v1/", include("renbang.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    # The language switch works before login too (the login page offers it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
admin.site.site_header = "Renbang ASN"
admin.site.site_title = "Renbang ASN"

