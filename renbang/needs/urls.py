app_name = "needs"
urlpatterns = []
