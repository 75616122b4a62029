from rest_framework.routers import DefaultRouter

from renbang.org.api import OrgUnitViewSet, PositionViewSet
from renbang.people.api import EmployeeViewSet

router = DefaultRouter()
router.register("employees", EmployeeViewSet, basename="employee")
router.register("org-units", OrgUnitViewSet, basename="orgunit")
router.register("positions", PositionViewSet, basename="position")

app_name = "api"
urlpatterns = router.urls
