"""API routes: /api/v1/ (router of every app's viewsets), /api/schema/, /api/docs/.

The docs page loads Swagger UI from drf-spectacular-sidecar under /static/ and its start-up
script from a URL of its own, so the page runs under the site's `script-src 'self'` policy.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("v1/", include("prodoffice.api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
