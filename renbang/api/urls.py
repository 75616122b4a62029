from rest_framework.routers import DefaultRouter

from renbang.competencies.api import CompetencyViewSet, PositionStandardViewSet, StandardDefaultViewSet
from renbang.org.api import OrgUnitViewSet, PositionViewSet
from renbang.people.api import EmployeeViewSet

router = DefaultRouter()
router.register("employees", EmployeeViewSet, basename="employee")
router.register("org-units", OrgUnitViewSet, basename="orgunit")
router.register("positions", PositionViewSet, basename="position")
router.register("competencies", CompetencyViewSet, basename="competency")
router.register("position-standards", PositionStandardViewSet, basename="positionstandard")
router.register("standard-defaults", StandardDefaultViewSet, basename="standarddefault")

app_name = "api"
urlpatterns = router.urls
