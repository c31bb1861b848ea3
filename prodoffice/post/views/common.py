"""Guards every post page shares."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from prodoffice.post.permissions import can_manage_post, can_view_post


def require_view(request, production) -> None:
    """Refuse (403) whoever may not read the production's post."""
    if not can_view_post(request.user, production):
        raise PermissionDenied("Post is read by the office, department heads and executives.")


def require_manage(request, production) -> None:
    """Refuse (403) whoever may not change the production's post."""
    if not can_manage_post(request.user, production):
        raise PermissionDenied("Only the production office and post supervisors manage post.")


def week_start(request) -> datetime.date:
    """?week=YYYY-MM-DD, else today; a bad value falls back to today."""
    from django.utils import timezone

    try:
        return datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return timezone.localdate()
