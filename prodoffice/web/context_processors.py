"""Template context for the app shell: the current production and the user's productions."""

from __future__ import annotations

from prodoffice.accounts import permissions as perms


def shell(request) -> dict:
    """Productions the user can switch between, the one in view (set by views), the user's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from prodoffice.productions.selectors import request_productions
    from prodoffice.scheduling.permissions import can_view_schedule

    production = getattr(request, "production", None)
    office = production is not None and (user.is_superuser or perms.is_office(user, production.pk))
    wide = production is not None and (
        user.is_superuser or perms.sees_whole_production(user, production.pk)
    )
    return {
        # A callable: read only when the page draws the switcher, once per request (shared with
        # the production scope, `productions.selectors.request_productions`).
        "user_productions": lambda: request_productions(request),
        "current_production": production,
        "is_office": office,
        # Production-wide pages (the script, later the schedule) are not for crew and cast.
        "sees_production": wide,
        # The schedule (script, boards, calendar): production-wide roles and assistant directors;
        # a callable, so only a page that draws the navigation asks (an AD needs one query).
        "sees_schedule": (lambda: can_view_schedule(user, production)) if production else False,
    }
