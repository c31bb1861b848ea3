"""Reads across contracts: the studio executive's counts and totals, the verdict on a sealed
PDF checked against the stored final document, why a countersignature is impossible, and the
checks `prodoffice restore` runs on a restored database (chains, executed contracts)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django_otp.plugins.otp_totp.models import TOTPDevice

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.models import Membership
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.chain import verify_chains
from prodoffice.contracts.choices import ContractStatus, DocumentKind, PartyStatus
from prodoffice.contracts.models import Contract, ContractDocument, ContractParty
from prodoffice.contracts.sealing import SealError, SigningKeyMissing, Verdict, verify_pdf
from prodoffice.contracts.sealing.keys import office_signer

CENTS = Decimal("0.01")
#: A rate total over fewer contracts than this is withheld from studio executives: a total of
#: one contract is that contract's rate (and two reveal each other's to either party).
MIN_BUCKET = 3
#: A contract reference as the seal records it: CODE-C0012-v2.
REFERENCE = re.compile(r"^(?P<code>[A-Z0-9-]+)-C(?P<number>\d{4,})-v(?P<version>\d+)$")


def contract_totals(*, user, production) -> dict:
    """Counts by status and type, and the sum of rates per currency and unit, for the office and
    studio executives; no single contract's terms are returned. For executives a total over
    fewer than MIN_BUCKET contracts is withheld (counted in `withheld`), on the web and the API
    alike."""
    if not (user.is_superuser or cperms.can_view_totals(user, production)):
        raise PermissionDenied("Contract totals are for the office and studio executives.")
    rows = Contract.objects.filter(production=production)
    by_status = dict(rows.values_list("status").annotate(n=Count("id")).order_by())
    by_type = dict(rows.values_list("contract_type").annotate(n=Count("id")).order_by())
    totals: dict[str, dict[str, str]] = defaultdict(dict)
    sums = (
        rows.exclude(rate__isnull=True)
        .exclude(status="voided")
        .values("currency", "rate_unit")
        .annotate(total=Sum("rate"), n=Count("id"))
        .order_by("currency", "rate_unit")
    )
    office = user.is_superuser or cperms.can_manage_contract(user, production)
    withheld = 0
    for row in sums:
        if not office and row["n"] < MIN_BUCKET:
            withheld += 1
            continue
        total = Decimal(row["total"] or 0).quantize(CENTS)
        totals[row["currency"]][row["rate_unit"]] = str(total)
    return {
        "count": rows.count(),
        "by_status": by_status,
        "by_type": by_type,
        "rate_totals": dict(totals),
        "withheld": withheld,
        "min_bucket": MIN_BUCKET,
    }


def awaiting_signature(*, user, production) -> list[ContractParty]:
    """The user's parties on the production's contracts that are out for signature and that they
    have not signed or declined yet, oldest sent first."""
    if not user.is_authenticated:
        return []
    visible = Contract.objects.for_user(user).filter(production=production).outstanding()
    return list(
        ContractParty.objects.filter(
            contract__in=visible,
            person__user=user,
            status__in=(PartyStatus.PENDING, PartyStatus.VIEWED),
        )
        .select_related("contract")
        .order_by("contract__sent_at", "contract__number", "id")
    )


def stored_sha256(contract_ref: str | None) -> str | None:
    """The stored SHA-256 of the final document a reference names, if it is ours."""
    m = REFERENCE.match(contract_ref or "")
    if not m:
        return None
    doc = ContractDocument.objects.filter(
        contract__production__code=m["code"],
        contract__number=int(m["number"]),
        version=int(m["version"]),
        kind=DocumentKind.FINAL,
    ).first()
    return doc.sha256 if doc else None


def pdf_verify(data: bytes) -> tuple[Verdict, bool]:
    """The verdict on a PDF's bytes: the seal, and when the file names one of this office's
    contracts, its stored final SHA-256 too. Returns (verdict, whether the stored copy was
    compared). Nothing is stored."""
    verdict = verify_pdf(data)
    expected = stored_sha256(verdict.contract_ref)
    if expected is not None:
        verdict = verify_pdf(data, stored_sha256=expected)
    return verdict, expected is not None


def countersign_obstacles(*, user, contract: Contract) -> list[dict]:
    """Why `user` cannot countersign `contract` now, each with what to do about it (empty when
    nothing stands in the way): no office seal key, not an office signatory, no authenticator.
    The contract page shows them to the office while the contract awaits its countersignature."""
    obstacles = []
    try:
        office_signer()
    except SigningKeyMissing:
        obstacles.append({"code": "no_seal"})
    except SealError as exc:
        obstacles.append({"code": "seal_broken", "text": str(exc)})
    if not cperms.can_countersign(user, contract):
        office = (
            Membership.objects.filter(production_id=contract.production_id, role__in=OFFICE_ROLES)
            .select_related("user")
            .order_by("user__username")
        )
        obstacles.append(
            {
                "code": "no_signatory",
                "signatories": [m for m in office if m.can_countersign],
                "granters": list(office),
            }
        )
    elif not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        obstacles.append({"code": "no_totp"})
    return obstacles


def contract_chain_problems() -> list[str]:
    """Every contract's event chain recomputes."""
    return [str(broken) for _contract, _count, broken in verify_chains() if broken]


def executed_contract_problems() -> list[str]:
    """Every executed contract's final PDF passes the acceptance rule (E-01)."""
    problems = []
    executed = Contract.objects.filter(status=ContractStatus.EXECUTED).select_related("production")
    finals = {
        d.contract_id: d
        for d in ContractDocument.objects.filter(kind=DocumentKind.FINAL, contract__in=executed)
    }
    for contract in executed.order_by("pk").iterator():
        doc = finals.get(contract.pk)
        if doc is None:
            problems.append(f"{contract.reference}: executed without a final document")
            continue
        try:
            with doc.file.open("rb") as fh:
                data = fh.read()
        except OSError as exc:
            problems.append(f"{contract.reference}: final PDF {doc.file.name} unreadable: {exc}")
            continue
        verdict = verify_pdf(data, stored_sha256=doc.sha256)
        if not verdict.ok:
            problems.append(f"{contract.reference}: {verdict.status}: {' '.join(verdict.messages)}")
    return problems
