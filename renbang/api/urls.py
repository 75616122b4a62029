from rest_framework.routers import DefaultRouter

from renbang.needs.api import AssessmentViewSet, CampaignViewSet, NeedViewSet, PriorityWeightsViewSet
from renbang.org.api import OrgUnitViewSet, PositionViewSet
from renbang.people.api import EmployeeViewSet

router = DefaultRouter()
router.register("employees", EmployeeViewSet, basename="employee")
router.register("org-units", OrgUnitViewSet, basename="orgunit")
router.register("positions", PositionViewSet, basename="position")
router.register("needs/campaigns", CampaignViewSet, basename="needs-campaign")
router.register("needs/assessments", AssessmentViewSet, basename="needs-assessment")
router.register("needs/needs", NeedViewSet, basename="needs-need")
router.register("needs/priority-weights", PriorityWeightsViewSet, basename="needs-priority-weights")

app_name = "api"
urlpatterns = router.urls
