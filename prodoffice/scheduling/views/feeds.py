"""Calendar feeds: the public .ics URL (the secret is the credential) and the page where the
office manages production feeds and members manage the feed of their own work days.

A new feed's URL is shown once: the server keeps only a hash of its secret. It waits in the
session between the POST that made it and the page that shows it, and is dropped on display.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from prodoffice.core.views import done
from prodoffice.people.models import Person
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.ical import feed_calendar
from prodoffice.scheduling.models import FeedKind, FeedToken
from prodoffice.scheduling.permissions import (
    can_manage_person_feed,
    can_manage_production_feeds,
)
from prodoffice.scheduling.selectors.feeds import feed_by_secret
from prodoffice.scheduling.services.feeds import feed_create, feed_mark_used, feed_revoke

SESSION_KEY = "new_feed_url"


@require_safe
def feed_ics(request, token: str):
    """The feed itself, for calendar apps: no sign-in; unknown or revoked secrets answer 404."""
    feed = feed_by_secret(token)
    if feed is None:
        raise Http404("No such feed.")
    body = feed_calendar(feed)
    feed_mark_used(feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{feed.production.code.lower()}.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _own_person(request, production) -> Person | None:
    """The signed-in user's person record, when it is engaged in this production."""
    person = Person.objects.filter(user=request.user).first()
    if person is None or not can_manage_person_feed(request.user, production, person):
        return None
    return person


def _feed_url(request, secret: str) -> str:
    return request.build_absolute_uri(reverse("web:feed", args=[secret]))


@production_view
def feeds_page(request, production):
    """List the feeds the user may see; POST kind=production|person makes a new one."""
    person = _own_person(request, production)
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in FeedKind.values:
            messages.error(request, "kind: choose production or person.")
        elif kind == FeedKind.PERSON and person is None:
            raise PermissionDenied("Feeds of work days are for people engaged on the production.")
        else:
            feed, secret = feed_create(
                actor=request.user,
                production=production,
                person=person if kind == FeedKind.PERSON else None,
            )
            request.session[SESSION_KEY] = {
                "production": production.code,
                "url": _feed_url(request, secret),
                "feed": str(feed.public_id),
            }
            messages.success(request, f"{feed} created. Copy its address now.")
        return done(request, reverse("web:feeds", args=[production.code]))
    feeds = (
        FeedToken.objects.for_user(request.user)
        .in_production(production)
        .select_related("person", "created_by")
    )
    new = request.session.pop(SESSION_KEY, None)
    if new and new["production"] != production.code:
        new = None
    context = {
        "nav_active": "feeds",
        "feeds": feeds,
        "new_feed": new,
        "can_production": can_manage_production_feeds(request.user, production),
        "own_person": person,
    }
    return render(request, "scheduling/feeds.html", context)


@require_POST
@production_view
def feed_revoke_view(request, production, public_id):
    """Revoke a feed (the office, or the person of a person feed)."""
    feed = get_object_or_404(
        FeedToken.objects.for_user(request.user).in_production(production).select_related("person"),
        public_id=public_id,
    )
    if feed.is_active:
        feed_revoke(actor=request.user, feed=feed)
        messages.success(request, f"{feed} revoked: its address no longer answers.")
    return done(request, reverse("web:feeds", args=[production.code]))
