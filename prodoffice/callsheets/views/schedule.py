"""My schedule: a member's own work days, calls, call sheets and confirmations."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from prodoffice.callsheets.selectors.schedule import my_days
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
