from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from rest_framework.routers import DefaultRouter

from renbang.accounts.api import EmployeeAccountViewSet
from renbang.catalog.api import (
    MethodViewSet,
    OfferView,
    PlannedSessionViewSet,
    ProgrammeViewSet,
    ProviderViewSet,
    SuggestionRuleViewSet,
    SuggestionView,
)
from renbang.competencies.api import CompetencyViewSet, PositionStandardViewSet, StandardDefaultViewSet
from renbang.mentoring.api import (
    FeedbackViewSet,
    LogViewSet,
    MentoringProgrammeViewSet,
    PairViewSet,
    ParticipantViewSet,
)
from renbang.needs.api import AssessmentViewSet, CampaignViewSet, NeedViewSet, PriorityWeightsViewSet
from renbang.org.api import GoLiveView, OrgUnitViewSet, PositionViewSet
from renbang.people.api import EmployeeViewSet

from .roles import RoleGrantViewSet


@csrf_exempt  # a JSON 404 for any method, with or without credentials (no CSRF page, no login redirect)
@login_not_required
def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": gettext("Tidak ditemukan.")}, status=404)


router = DefaultRouter()
router.register("employees", EmployeeViewSet, basename="employee")
router.register("org-units", OrgUnitViewSet, basename="orgunit")
router.register("positions", PositionViewSet, basename="position")
router.register("competencies", CompetencyViewSet, basename="competency")
router.register("position-standards", PositionStandardViewSet, basename="positionstandard")
router.register("standard-defaults", StandardDefaultViewSet, basename="standarddefault")
router.register("catalog/methods", MethodViewSet, basename="method")
router.register("catalog/providers", ProviderViewSet, basename="provider")
router.register("catalog/programmes", ProgrammeViewSet, basename="programme")
router.register("catalog/planned-sessions", PlannedSessionViewSet, basename="plannedsession")
router.register("catalog/suggestion-rules", SuggestionRuleViewSet, basename="suggestionrule")
router.register("mentoring/programmes", MentoringProgrammeViewSet, basename="mentoringprogramme")
router.register("mentoring/participants", ParticipantViewSet, basename="mentoringparticipant")
router.register("mentoring/pairs", PairViewSet, basename="mentoringpair")
router.register("mentoring/logs", LogViewSet, basename="mentoringlog")
router.register("mentoring/feedback", FeedbackViewSet, basename="mentoringfeedback")
router.register("needs/campaigns", CampaignViewSet, basename="needs-campaign")
router.register("needs/assessments", AssessmentViewSet, basename="needs-assessment")
router.register("needs/needs", NeedViewSet, basename="needs-need")
router.register("needs/priority-weights", PriorityWeightsViewSet, basename="needs-priority-weights")
router.register("accounts/role-grants", RoleGrantViewSet, basename="rolegrant")
router.register("accounts/employee-accounts", EmployeeAccountViewSet, basename="employeeaccount")

# The later apps register their own viewsets and plain views (one import each, no edits here when they grow).
from renbang.cycle import api as cycle_api  # noqa: E402
from renbang.delivery import api as delivery_api  # noqa: E402
from renbang.evaluation import api as evaluation_api  # noqa: E402
from renbang.plans import api as plans_api  # noqa: E402
from renbang.siasn import api as siasn_api  # noqa: E402
from renbang.talent import api as talent_api  # noqa: E402

LATER_APPS = (talent_api, plans_api, delivery_api, evaluation_api, cycle_api, siasn_api)
for module in LATER_APPS:
    module.register(router)

app_name = "api"
urlpatterns = [
    *(pattern for module in LATER_APPS for pattern in module.urlpatterns),
    path("catalog/suggestions/", SuggestionView.as_view(), name="catalog-suggestions"),
    path("go-live/", GoLiveView.as_view(), name="go-live"),
    path("catalog/programme-offers/", OfferView.as_view(), name="catalog-offers"),
    *router.urls,
    # Anything else under /api/v1/ (an id that is not a number, a misspelt path) answers JSON like the API.
    re_path(r"^.*/$", not_found, name="not-found"),
]
