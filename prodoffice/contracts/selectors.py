"""Reads across contracts: the studio executive's counts and totals."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.models import Contract

CENTS = Decimal("0.01")
#: A rate total over fewer contracts than this is withheld from studio executives: a total of
#: one contract is that contract's rate (and two reveal each other's to either party).
MIN_BUCKET = 3


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
