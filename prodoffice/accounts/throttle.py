"""Login throttling: django-axes per username and address, plus a limit per address across
usernames (password spraying).

Axes locks a username tried too often from one address (`AXES_FAILURE_LIMIT`), so the real user
still gets in from elsewhere. Spraying tries one password on many usernames, once each, and never
reaches that limit. So an address that failed with `PRODOFFICE_LOGIN_SPRAY_LIMIT` distinct
usernames within the cool-off (`AXES_COOLOFF_TIME`) is paused as a whole, whatever username it
tries next, on every sign-in path: axes runs inside `authenticate()`, which the web login, the
admin login and the API token endpoint all call. The answer is axes' own lockout (the page, or
429 on the API), the same whether the usernames exist or not. The count reads the failures axes
already records (`AccessAttempt`, one row per username, address and user agent; a successful
sign-in clears that username's rows), so it holds across processes and needs no cache.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings


def failed_usernames_from(ip_address: str | None, request) -> int:
    """How many distinct usernames failed to sign in from this address within the cool-off."""
    if not ip_address:
        return 0
    return (
        AccessAttempt.objects.filter(
            ip_address=ip_address, attempt_time__gt=get_cool_off_threshold(request)
        )
        .exclude(username=None)
        .values("username")
        .distinct()
        .count()
    )


def address_is_spraying(request) -> bool:
    """Whether the request's address has failed with too many distinct usernames."""
    ip_address = getattr(request, "axes_ip_address", None)
    return failed_usernames_from(ip_address, request) >= settings.PRODOFFICE_LOGIN_SPRAY_LIMIT


class SprayAwareHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking an address that sprays many usernames."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or address_is_spraying(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # The failure that reaches the limit is already answered "locked out", as axes does.
        if request is not None and not request.axes_locked_out and address_is_spraying(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=None,
                ip_address=request.axes_ip_address,
            )
