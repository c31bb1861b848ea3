"""Two-factor enforcement for office users (S-08)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect

from prodoffice.accounts.permissions import is_office_anywhere

_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/api/", "/healthz")


def mfa_required(user) -> bool:
    """Office staff (who see rates and personal data) must use a second factor when enabled."""
    return bool(
        settings.PRODOFFICE_MFA_REQUIRED
        and user.is_authenticated
        and (user.is_superuser or is_office_anywhere(user))
    )


class MfaRequiredMiddleware:
    """Send an office user without a verified second factor to enrol or verify it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and mfa_required(user)
            and not user.is_verified()
        ):
            return redirect(f"{settings.LOGIN_URL_MFA}?next={request.get_full_path()}")
        return self.get_response(request)
