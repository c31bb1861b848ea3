"""My schedule: a member's own work days, calls, call sheets and confirmations."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.models import CallSheet
from prodoffice.callsheets.selectors.schedule import my_days
from prodoffice.callsheets.selectors.sides import sides_for
from prodoffice.callsheets.views.link import sides_response
from prodoffice.people.models import Person
from prodoffice.productions.views.decorators import production_view


@production_view
def my_schedule(request, production):
    """The signed-in person's work days on this production (any member; none without a person)."""
    person = Person.objects.filter(user=request.user).first()
    days = my_days(production=production, person=person, today=None)
    today = timezone.localdate()
    context = {
        "nav_active": "my_schedule",
        "person": person,
        "today": today,
        "upcoming": [d for d in days if d.date >= today],
        "past": [d for d in days if d.date < today],
    }
    return render(request, "callsheets/my_schedule.html", context)


@never_cache
@production_view
def my_sides(request, production, public_id):
    """The signed-in performer's sides of a published call sheet (their own only)."""
    person = Person.objects.filter(user=request.user).first()
    sheet = CallSheet.objects.filter(
        production=production,
        public_id=public_id,
        status__in=[SheetStatus.PUBLISHED, SheetStatus.SUPERSEDED],
    ).first()
    if person is None or sheet is None:
        raise Http404("No such call sheet.")
    for engagement in person.engagements.filter(production=production):
        if sides_for(sheet, str(engagement.public_id)) is not None:
            return sides_response(sheet, engagement)
    raise Http404("No sides: you are not cast on this day.")
