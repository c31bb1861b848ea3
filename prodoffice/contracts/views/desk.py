"""The contract desk: what needs attention, the full table, bulk jobs, and "my contracts" for
the parties.

Department heads see existence and status only (the filters' search keeps parties' names from
them), studio executives counts and totals only.
"""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import Role
from prodoffice.contracts import selectors
from prodoffice.contracts.choices import (
    OUTSTANDING,
    ContractStatus,
    ContractType,
    PartyStatus,
    RateUnit,
)
from prodoffice.contracts.filters import ContractFilter
from prodoffice.contracts.models import BulkJob, Contract, ContractParty
from prodoffice.contracts.services import bulk
from prodoffice.contracts.views.access import has_totp, is_office, require_office, visible_contracts
from prodoffice.core.views import done, paginate
from prodoffice.productions.models import Department
from prodoffice.productions.views.decorators import production_view

S = ContractStatus
SORTS = {
    "number": ("number",),
    "title": ("title", "number"),
    "status": ("status", "number"),
    "type": ("contract_type", "number"),
    "sent": ("sent_at", "number"),
    "deadline": ("expires_at", "number"),
}
EXPIRING_DAYS = 7
GROUP_ROWS = 8


def _role(user, production) -> str | None:
    return perms.role_in(user, production.pk)


# --- the desk ----------------------------------------------------------------------------------


def _groups(rows, office: bool) -> list[dict]:
    """What needs attention, each group with its count and first rows."""
    soon = timezone.now() + datetime.timedelta(days=EXPIRING_DAYS)
    waiting = Prefetch(
        "parties",
        ContractParty.objects.exclude(status=PartyStatus.SIGNED).select_related(
            "person", "company"
        ),
        to_attr="unsigned",
    )
    specs = [
        (
            "drafts",
            "Drafts",
            rows.filter(status__in=(S.DRAFT, S.SENDING)),
            "Not sent yet.",
        ),
        (
            "awaiting",
            "Awaiting parties",
            rows.filter(status__in=OUTSTANDING),
            "Sent; not all signed.",
        ),
        (
            "countersign",
            "Awaiting countersignature",
            rows.filter(status__in=(S.SIGNED, S.COUNTERSIGNED)),
            "Every party signed.",
        ),
        (
            "expiring",
            f"Expiring within {EXPIRING_DAYS} days",
            rows.filter(status__in=OUTSTANDING, expires_at__lte=soon).order_by("expires_at"),
            "Out for signature, deadline close.",
        ),
        ("declined", "Declined", rows.filter(status=S.DECLINED), "A party declined."),
    ]
    groups = []
    for key, label, qs, help_text in specs:
        if office and key in ("awaiting", "expiring"):
            qs = qs.prefetch_related(waiting)
        groups.append(
            {
                "key": key,
                "label": label,
                "help": help_text,
                "count": qs.count(),
                "rows": list(qs[:GROUP_ROWS]),
            }
        )
    return groups


def _filtered(request, rows):
    """The table: the shared contract filters (the privacy rule is theirs), then the sort."""
    filters = ContractFilter(request.GET or None, queryset=rows, request=request)
    sort = request.GET.get("sort", "-number")
    fields = SORTS.get(sort.lstrip("-"), SORTS["number"])
    order = [f"-{f}" if sort.startswith("-") else f for f in fields]
    return filters.form, filters.qs.order_by(*order)


@production_view
def contract_desk(request, production):
    """Groups that need attention and the full, filterable table (HTMX: the table only)."""
    user = request.user
    office = is_office(user, production)
    role = _role(user, production)
    if not office and role not in (Role.DEPARTMENT_HEAD, Role.STUDIO_EXECUTIVE):
        return redirect("web:my_contracts", production.code)
    context = {"nav_active": "contracts", "office": office}
    if not office and role == Role.STUDIO_EXECUTIVE:
        totals = selectors.contract_totals(user=user, production=production)
        context["totals"] = totals
        context["rate_totals"], context["withheld"] = _shown_totals(totals)
        context["by_status"] = [(S(k).label, n) for k, n in sorted(totals["by_status"].items())]
        context["by_type"] = [
            (ContractType(k).label, n) for k, n in sorted(totals["by_type"].items())
        ]
        return render(request, "contracts/totals.html", context)
    rows = visible_contracts(request, production).select_related(
        "production", "engagement__position__department"
    )
    form, table = _filtered(request, rows)
    if office:
        table = table.prefetch_related("parties__person", "parties__company")
    context |= {
        "groups": _groups(rows, office),
        "filter": form,
        "page": paginate(request, table),
        "departments": Department.objects.for_production(production).order_by("order", "name"),
        "can_countersign": office and _signatory(user, production),
    }
    context["has_totp"] = context["can_countersign"] and has_totp(user)
    template = "contracts/desk.html"
    if request.htmx and request.htmx.target == "contracts-results":
        template += "#contracts-results"
    return render(request, template, context)


def _shown_totals(totals) -> tuple[list, int]:
    """The rate totals `contract_totals` shows (it withholds small buckets from executives)."""
    shown = [
        (currency, RateUnit(unit).label, total)
        for currency, units in sorted(totals["rate_totals"].items())
        for unit, total in sorted(units.items())
    ]
    return shown, totals["withheld"]


def _signatory(user, production) -> bool:
    m = perms.memberships(user).get(production.pk)
    return bool(m and m.can_countersign)


# --- bulk jobs ---------------------------------------------------------------------------------


def _chosen(request, production) -> list[Contract]:
    ids = request.POST.getlist("contracts")
    try:
        keys = {uuid.UUID(i) for i in ids}
    except ValueError:
        raise ValidationError({"contracts": "Tick contracts from the table."}) from None
    rows = list(visible_contracts(request, production, "change").filter(public_id__in=keys))
    if len(rows) != len(keys):
        raise ValidationError({"contracts": "Some of these contracts are not yours to change."})
    return rows


@require_POST
@production_view
def contracts_bulk(request, production):
    """Start a bulk send or countersignature of the ticked contracts; opens the job's page."""
    require_office(request, production)
    action = request.POST.get("action", "")
    user = request.user
    try:
        contracts = _chosen(request, production)
        if action == "send":
            job = bulk.bulk_send(actor=user, production=production, contracts=contracts)
        elif action == "countersign":
            job = bulk.bulk_countersign(
                actor=user,
                production=production,
                contracts=contracts,
                otp_code=request.POST.get("otp_code", ""),
                ip=request.META.get("REMOTE_ADDR", ""),
                user_agent=request.headers.get("User-Agent", ""),
            )
        else:
            raise ValidationError({"action": "Choose send or countersign."})
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Nothing started: {text}")
        return done(request, reverse("web:contracts", args=[production.code]))
    messages.info(request, f"{job.get_kind_display()} of {job.total} contracts started.")
    return done(request, reverse("web:contract_job", args=[production.code, job.public_id]))


@production_view
def contract_job(request, production, public_id):
    """A bulk job: a progress bar polled every second until it finishes, then the results."""
    require_office(request, production)
    job = get_object_or_404(BulkJob.objects.filter(production=production), public_id=public_id)
    contracts = list(job.contracts.order_by("number"))
    results = [
        {
            "c": c,
            "handled": i < job.done,
            "error": job.errors.get(str(c.public_id), ""),
        }
        for i, c in enumerate(contracts)
    ]
    context = {"nav_active": "contracts", "job": job, "results": results}
    template = "contracts/job.html"
    if request.htmx and request.htmx.target == "job-status":
        template += "#job-status"
    return render(request, template, context)


# --- my contracts ------------------------------------------------------------------------------


def _next_step(contract, party) -> tuple[str, str]:
    """(what the party does next, "sign" / "download" / "")."""
    if contract.status in (S.SENT, S.PARTLY_SIGNED) and party.status in (
        PartyStatus.PENDING,
        PartyStatus.VIEWED,
    ):
        return "Read and sign it.", "sign"
    if party.status == PartyStatus.DECLINED:
        return "You declined it; the office will be in touch.", ""
    if contract.status == S.EXECUTED:
        return "Done: download your copy.", "download"
    if contract.status in (S.SENT, S.PARTLY_SIGNED):
        return "Signed; waiting for the other parties.", ""
    if contract.status in (S.SIGNED, S.COUNTERSIGNED):
        return "Signed; waiting for the office's countersignature.", ""
    if contract.status == S.DRAFT:
        return "Not sent yet: nothing to do.", ""
    return f"{contract.get_status_display()}: nothing to do.", ""


@production_view
def my_contracts(request, production):
    """The signed-in user's contracts as a party, with what to do next."""
    parties = (
        ContractParty.objects.filter(
            contract__in=visible_contracts(request, production), person__user=request.user
        )
        .select_related("contract__production", "company")
        .order_by("-contract__number")
    )
    rows = [{"c": p.contract, "party": p, "next": _next_step(p.contract, p)} for p in parties]
    return render(request, "contracts/mine.html", {"nav_active": "contracts", "rows": rows})
