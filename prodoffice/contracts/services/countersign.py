"""The office's countersignature: last, by the office signatory with a fresh TOTP code, one
contract or a batch (one code for the batch); the seal follows in the background (`sealing.py`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from prodoffice.contracts import faults, tasks
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import SIGNABLE, ContractStatus, EventAction, PartyStatus
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract
from prodoffice.contracts.sealing import SealError
from prodoffice.contracts.sealing.keys import office_signer
from prodoffice.contracts.services import signing
from prodoffice.contracts.services.common import audit, lock, move
from prodoffice.contracts.services.documents import original
from prodoffice.core.services import require

S = ContractStatus


def verify_second_factor(user, otp_code: str) -> None:
    """A fresh TOTP code of the user's confirmed device (a code is accepted once)."""
    code = (otp_code or "").strip()
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    if not code:
        raise ValidationError({"otp_code": "Countersigning needs a code from your authenticator."})
    if not any(d.verify_token(code) for d in devices):
        raise PermissionDenied("The authenticator code is wrong or already used.")


def contract_countersign(
    *, actor, contract: Contract, otp_code: str, ip: str = "", user_agent: str = ""
) -> Contract:
    """The office signatory countersigns last, with a fresh TOTP code: the contract is
    countersigned and its seal queued (the `seal_contract` task makes it executed). Two
    concurrent calls: the row lock lets one win."""
    require(
        actor is not None and cperms.can_countersign(actor, contract),
        "Only the office signatory countersigns.",
    )
    with transaction.atomic():
        contract = lock(contract)
        faults.point("countersign:locked")
        _countersign_state(contract)
        verify_second_factor(actor, otp_code)
        _countersign_locked(
            actor, contract, signing.Access(user=actor, ip=ip, user_agent=user_agent)
        )
        faults.point("countersign:before-commit")
    faults.point("countersign:committed")
    return contract


def contracts_countersign_many(
    *, actor, contracts, otp_code: str, ip: str = "", user_agent: str = ""
) -> list[tuple[Contract, str]]:
    """Bulk countersignature: one fresh TOTP code for the batch, then each contract in its own
    transaction (a refusal or a failed seal of one leaves the others done). Returns
    (contract, error message or "") per contract, in order."""
    require(actor is not None, "Only the office signatory countersigns.")
    verify_second_factor(actor, otp_code)
    access = signing.Access(user=actor, ip=ip, user_agent=user_agent)
    results: list[tuple[Contract, str]] = []
    for contract in contracts:
        try:
            results.append(
                (countersign_verified(actor=actor, contract=contract, access=access), "")
            )
        except (ValidationError, PermissionDenied) as exc:
            results.append((contract, "; ".join(error_messages(exc))))
    return results


def countersign_verified(*, actor, contract: Contract, access: signing.Access) -> Contract:
    """Countersign one contract in its own transaction, for a batch whose second factor was
    checked by `verify_second_factor` (bulk.py): the permission and state checks still apply."""
    require(
        actor is not None and cperms.can_countersign(actor, contract),
        "Only the office signatory countersigns.",
    )
    with transaction.atomic():
        locked = lock(contract)
        _countersign_state(locked)
        _countersign_locked(actor, locked, access)
    return locked


def error_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [str(m) for m in exc.messages]
    return [str(exc)]


def _countersign_state(contract: Contract) -> None:
    if contract.status in (S.COUNTERSIGNED, S.EXECUTED):
        raise Conflict("status", "Already countersigned.", "already_countersigned")
    if contract.status in SIGNABLE:
        waiting = contract.parties.exclude(status=PartyStatus.SIGNED).count()
        raise Conflict(
            "status",
            f"The office countersigns last: {waiting} of {contract.parties.count()} parties "
            "have not signed yet.",
            "parties_first",
        )
    if contract.status != S.SIGNED:
        message = f"A {contract.get_status_display().lower()} contract cannot be countersigned."
        raise Conflict("status", message, "invalid_transition")


def _countersign_locked(actor, contract: Contract, access: signing.Access) -> None:
    """Countersign a locked contract whose state and second factor are checked, and queue its
    seal in the same transaction (the task exists exactly when the countersignature does)."""
    seal_ready()  # no office seal at all: refused before anything changes (bulk path too)
    now = timezone.now()
    move(contract, S.COUNTERSIGNED)
    contract.countersigned_by, contract.countersigned_at = actor, now
    contract.seal_error = ""
    contract.save(
        update_fields=["status", "countersigned_by", "countersigned_at", "seal_error", "updated_at"]
    )
    source = original(contract)
    signing.signer_event(contract, EventAction.COUNTERSIGNED, None, access, sha256=source.sha256)
    faults.point("countersign:after-event")
    audit(actor, "countersign", contract, changes={"status": [S.SIGNED, S.COUNTERSIGNED]})
    tasks.seal_contract.enqueue(contract.pk)
    # Inline tasks (tests, PRODOFFICE_TASKS_IMMEDIATE) sealed it already: answer as it is now.
    contract.refresh_from_db()


def seal_ready() -> None:
    """Refuse the countersignature up front when the office seal cannot sign at all."""
    try:
        office_signer()
    except SealError as exc:
        raise ValidationError({"seal": f"The office seal could not be applied: {exc}"}) from exc
