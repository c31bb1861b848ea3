"""Who may do what on the contract pages, and the contract lookups they share.

Reads go through `Contract.objects.for_user`: a contract that is missing and one that is not the
user's both answer 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.models import Contract


def is_office(user, production) -> bool:
    """Office staff of the production (they change contracts)."""
    return cperms.can_manage_contract(user, production)


def require_office(request, production) -> None:
    """Refuse a page or action that only the production office may use."""
    if not is_office(request.user, production):
        raise PermissionDenied("Only the production office changes contracts.")


def visible_contracts(request, production, action: str = "view"):
    """The production's contracts the user may see (or, with action="change", change)."""
    return Contract.objects.for_user(request.user, action).filter(production=production)


def contract_or_404(request, production, public_id, action: str = "view") -> Contract:
    """One contract of the production the user may see, with what its page shows."""
    qs = visible_contracts(request, production, action).select_related(
        "production", "engagement__person", "engagement__position__department", "amends"
    )
    return get_object_or_404(qs, public_id=public_id)


def contract_url(production, contract) -> str:
    """A contract's page."""
    return reverse("web:contract", args=[production.code, contract.public_id])


def has_totp(user) -> bool:
    """Whether the user has a confirmed authenticator (countersigning asks for its code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
