"""Version 1 router."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
app_name = "api"
urlpatterns = router.urls
