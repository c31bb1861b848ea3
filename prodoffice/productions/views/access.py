"""The access page: who has which role on the production; the office adds and removes people.

It lives in productions, not accounts: it needs the /p/<code>/ scope (accounts sits below).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.models import Membership
from prodoffice.core.views import done, run_service
from prodoffice.productions.forms import MembershipForm
from prodoffice.productions.services import memberships
from prodoffice.productions.views.decorators import production_view, require_office


@production_view
def members(request, production):
    """Who has which role on the production; the office adds and removes people."""
    require_office(request.user, production)
    if request.method == "POST" and request.POST.get("action") == "countersign":
        return _countersign_switch(request, production)
    form = MembershipForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            lambda: memberships.membership_set(
                actor=request.user,
                production=production,
                user=data["user"],
                role=data["role"],
                department=data["department"],
            ),
        )
        if result:
            messages.success(request, f"{data['user']} is now {result.get_role_display().lower()}.")
            return done(request, reverse("web:members", args=[production.code]))
    rows = (
        Membership.objects.for_user(request.user)
        .filter(production=production)
        .select_related("user", "department")
    )
    status = 422 if form.errors else 200
    return render(
        request,
        "productions/members.html",
        {"nav_active": "members", "rows": rows, "form": form, "office_roles": OFFICE_ROLES},
        status=status,
    )


def _countersign_switch(request, production):
    """The "can countersign" switch of one member's row (through the audited service)."""
    key = request.POST.get("membership", "")
    membership = get_object_or_404(
        Membership.objects.select_related("user", "production"),
        pk=int(key) if key.isdigit() else 0,
        production=production,
    )
    allowed = request.POST.get("allowed") == "1"
    try:
        memberships.membership_countersign_set(
            actor=request.user, membership=membership, allowed=allowed
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        verb = "can now countersign" if allowed else "can no longer countersign"
        messages.success(request, f"{membership.user} {verb} {production.code}'s contracts.")
    return done(request, reverse("web:members", args=[production.code]))


@require_POST
@production_view
def member_remove(request, production, pk: int):
    """Take a role away."""
    require_office(request.user, production)
    membership = get_object_or_404(Membership, pk=pk, production=production)
    try:
        memberships.membership_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{membership.user} no longer has access to {production.code}.")
    return done(request, reverse("web:members", args=[production.code]))
