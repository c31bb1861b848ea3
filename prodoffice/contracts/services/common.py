"""The steps every contract service shares: the row locks, the checked status move, the audit
entry, and a background failure as the office reads it."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from prodoffice.audit.services import record
from prodoffice.contracts.choices import CONTRACT_TRANSITIONS
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.core.transitions import check_transition


def lock(contract: Contract) -> Contract:
    """The contract re-read under a row lock: concurrent transitions queue here (F-07)."""
    return Contract.objects.select_for_update().select_related("production").get(pk=contract.pk)


def lock_party(party_id: int) -> ContractParty | None:
    """A party under its row lock, with its contract and production (a background mail step);
    None when it is gone."""
    return (
        ContractParty.objects.select_for_update()
        .select_related("contract__production", "person")
        .filter(pk=party_id)
        .first()
    )


def move(contract: Contract, target: str, *, field: str = "status") -> str:
    """Set a status by the transition table (a refused move is a 409 conflict)."""
    try:
        check_transition(CONTRACT_TRANSITIONS, contract.status, target, field=field)
    except ValidationError as exc:
        code = "already" if exc.error_dict[field][0].code == "no_change" else "invalid_transition"
        raise Conflict(field, " ".join(exc.messages), code) from exc
    old, contract.status = contract.status, target
    return old


def audit(actor, action: str, contract: Contract, **kwargs) -> None:
    """The project audit event of a contract change (`contract.<action>`)."""
    record(
        actor=actor,
        action=f"contract.{action}",
        target=contract,
        production=contract.production_id,
        **kwargs,
    )


def failure_message(exc: Exception) -> str:
    """A background failure as the office reads it: the exception's kind and its messages."""
    text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return f"{type(exc).__name__}: {text}"[:2000]
