"""API-wide permissions: a second factor for session users, no writes from read-only roles."""

from __future__ import annotations

from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS, BasePermission

from prodoffice.accounts.choices import Role
from prodoffice.accounts.middleware import mfa_required
from prodoffice.accounts.permissions import memberships


class SecondFactorVerified(BasePermission):
    """A session that skipped the second factor may not use the API (tokens are issued after it)."""

    message = "Verify your second factor before using the API."
    code = "mfa_required"

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            return True
        user = request.user
        if not mfa_required(user):
            return True
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())


class WritesNeedAWritingRole(BasePermission):
    """Studio executives never write: refused with 403 before any input is read."""

    message = "Your role is read-only."
    code = "read_only_role"

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or request.user.is_superuser:
            return True
        roles = {m.role for m in memberships(request.user).values()}
        # Others are judged per object by the services (403) and the querysets (404).
        return roles != {Role.STUDIO_EXECUTIVE}
