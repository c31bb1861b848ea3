"""Token authentication with the standard `Authorization: Bearer <token>` header (and `Token`)."""

from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """DRF tokens, accepted as `Bearer` (OpenAPI's http bearer scheme) or `Token`."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Token "):
            request.META["HTTP_AUTHORIZATION"] = "Bearer " + header[len("Token ") :]
        return super().authenticate(request)
