"""API routes: /api/v1/ (router of every app's viewsets), /api/schema/, /api/docs/.

The docs page loads Swagger UI from drf-spectacular-sidecar under /static/ and its start-up
script from a URL of its own, so the page runs under the site's `script-src 'self'` policy.
"""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView, _get_sidecar_url


class OfflineSwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with every asset (the favicon too) served from this site."""

    @staticmethod
    def _swagger_ui_favicon():
        # The default favicon is a CDN address; SWAGGER_UI_DIST="SIDECAR" does not cover it.
        return _get_sidecar_url("swagger-ui-dist/favicon-32x32.png")


@csrf_exempt  # it changes nothing; a CSRF refusal would answer with an HTML page instead
def not_found(request, *args, **kwargs):
    """Anything else under /api/ answers 404 in the API's error format, never an HTML page."""
    body = {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}
    return JsonResponse(body, status=404)


urlpatterns = [
    path("v1/", include("prodoffice.api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", OfflineSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^", not_found),
]
