"""Token authentication with the standard `Authorization: Bearer <token>` header (and `Token`)."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header

_KEYWORDS = (b"bearer", b"token")


class BearerTokenAuthentication(TokenAuthentication):
    """DRF tokens, accepted as `Bearer` (OpenAPI's http bearer scheme) or `Token`."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in _KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header: use `Bearer <token>`.")
        try:
            key = parts[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid characters in the token.") from exc
        return self.authenticate_credentials(key)
