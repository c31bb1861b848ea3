"""Pure permission functions for contracts, decided from memberships alone."""

from __future__ import annotations

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import Role


def is_party(user, contract) -> bool:
    """The user signs this contract (as a person, or as a company's signatory)."""
    if user is None or not user.is_authenticated:
        return False
    return any(p.person.user_id == user.pk for p in contract.parties.all())


def can_view_terms(user, contract) -> bool:
    """Terms and rates: office staff of the production and the contract's parties."""
    return (
        user.is_superuser
        or perms.is_office(user, contract.production_id)
        or is_party(user, contract)
    )


def can_manage_contract(user, contract_or_production) -> bool:
    """Draft, edit, send, void: office staff of the production."""
    pid = getattr(contract_or_production, "production_id", None) or contract_or_production.pk
    return user.is_superuser or perms.is_office(user, pid)


def can_countersign(user, contract) -> bool:
    """The office signatory: office staff whose membership carries `can_countersign`."""
    m = perms.memberships(user).get(contract.production_id)
    return bool(m and m.can_countersign and perms.is_office(user, contract.production_id))


def can_view_totals(user, production) -> bool:
    """Counts and totals of a production's contracts: the office and studio executives."""
    return perms.is_office(user, production.pk) or (
        perms.role_in(user, production.pk) == Role.STUDIO_EXECUTIVE
    )
