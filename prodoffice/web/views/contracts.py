"""The contract desk: what needs attention, the full table, a contract's page and its office
actions, draft forms, bulk jobs, and "my contracts" for the parties.

Reads go through `Contract.objects.for_user`; every change is a service of the contracts app.
Department heads see existence and status only, studio executives counts and totals only.
"""

from __future__ import annotations

import datetime
import re
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import Role
from prodoffice.contracts import bulk, reminders, selectors, services, signing
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    OUTSTANDING,
    ContractStatus,
    ContractType,
    PartyStatus,
    RateUnit,
)
from prodoffice.contracts.forms import (
    AmendmentForm,
    ContractForm,
    CountersignForm,
    DeskFilterForm,
    PartyForm,
    SendForm,
    VoidForm,
)
from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.core.views import apply_errors, done, form_status, paginate
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
#: Executives see a rate total only over at least this many contracts (never one deal's rate).


def _office(user, production) -> bool:
    return cperms.can_manage_contract(user, production)


def _role(user, production) -> str | None:
    return perms.role_in(user, production.pk)


def _require_office(request, production) -> None:
    if not _office(request.user, production):
        raise PermissionDenied("Only the production office changes contracts.")


def _contracts(request, production, action: str = "view"):
    return Contract.objects.for_user(request.user, action).filter(production=production)


def _contract(request, production, public_id, action: str = "view") -> Contract:
    qs = _contracts(request, production, action).select_related(
        "production", "engagement__person", "engagement__position__department", "amends"
    )
    return get_object_or_404(qs, public_id=public_id)


def _url(production, contract) -> str:
    return reverse("web:contract", args=[production.code, contract.public_id])


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


def _number(text: str) -> int | None:
    """A contract number out of a reference or part of one: "HARBOR-C0012-v2", "C12", "12"."""
    match = re.search(r"(?:^|-|\b)C?0*(\d{1,6})(?:-v\d+)?$", text.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


def _filtered(request, rows, office: bool):
    form = DeskFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    if data.get("status"):
        rows = rows.filter(status=data["status"])
    if data.get("type"):
        rows = rows.filter(contract_type=data["type"])
    if data.get("department"):
        rows = rows.filter(engagement__position__department__slug=data["department"])
    text = (data.get("q") or "").strip()
    if text:
        match = Q(title__icontains=text)
        number = _number(text)
        if number is not None:
            match |= Q(number=number)
        if office:  # parties' names are not for those who see existence and status only
            match |= (
                Q(parties__person__first_name__icontains=text)
                | Q(parties__person__last_name__icontains=text)
                | Q(parties__person__known_as__icontains=text)
                | Q(parties__company__name__icontains=text)
            )
        rows = rows.filter(match).distinct()
    sort = request.GET.get("sort", "-number")
    fields = SORTS.get(sort.lstrip("-"), SORTS["number"])
    order = [f"-{f}" if sort.startswith("-") else f for f in fields]
    return form, rows.order_by(*order)


@production_view
def contract_desk(request, production):
    """Groups that need attention and the full, filterable table (HTMX: the table only)."""
    user = request.user
    office = _office(user, production)
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
        return render(request, "web/contracts/totals.html", context)
    rows = _contracts(request, production).select_related(
        "production", "engagement__position__department"
    )
    form, table = _filtered(request, rows, office)
    if office:
        table = table.prefetch_related("parties__person", "parties__company")
    context |= {
        "groups": _groups(rows, office),
        "filter": form,
        "page": paginate(request, table),
        "departments": Department.objects.order_by("order", "name"),
        "can_countersign": office and _signatory(user, production),
    }
    context["has_totp"] = context["can_countersign"] and _has_totp(user)
    template = "web/contracts/desk.html"
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


def _has_totp(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- a contract's page -------------------------------------------------------------------------


def _act(form, call) -> object | None:
    """Call a service for an action form; refusals become the form's errors."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data) or True
    except ValidationError as exc:
        apply_errors(form, exc)
    except PermissionDenied as exc:  # a wrong authenticator code
        form.add_error(None, str(exc))
    return None


def _party(contract, public_id) -> ContractParty:
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        raise ValidationError({"party": "Choose a party of this contract."}) from None
    party = contract.parties.filter(public_id=key).first()
    if party is None:
        raise ValidationError({"party": "Choose a party of this contract."})
    return party


def _actions(request, contract):
    """action -> (form, service call on the cleaned data, success message)."""
    user, post = request.user, request.POST
    ip, agent = request.META.get("REMOTE_ADDR", ""), request.headers.get("User-Agent", "")
    return {
        "send": (
            SendForm(post, auto_id="send_%s"),
            lambda d: services.contract_send(
                actor=user, contract=contract, expires_at=d["expires_at"]
            ),
            f"{contract.reference} sent to its parties.",
        ),
        "void": (
            VoidForm(post, auto_id="void_%s"),
            lambda d: services.contract_void(actor=user, contract=contract, reason=d["reason"]),
            f"{contract.reference} voided.",
        ),
        "remind": (
            _Empty(post),
            lambda d: reminders.contract_remind(actor=user, contract=contract),
            "Reminder sent: each party who has not signed gets a fresh link and access code.",
        ),
        "new_version": (
            _Empty(post),
            lambda d: services.contract_new_version(actor=user, contract=contract),
            f"{contract.title}: a new draft version; the earlier signatures are void.",
        ),
        "amend": (
            AmendmentForm(post, auto_id="amend_%s"),
            lambda d: services.amendment_create(actor=user, contract=contract, title=d["title"]),
            "Amendment drafted.",
        ),
        "countersign": (
            CountersignForm(post, auto_id="countersign_%s"),
            lambda d: signing.contract_countersign(
                actor=user, contract=contract, otp_code=d["otp_code"], ip=ip, user_agent=agent
            ),
            f"{contract.reference} countersigned and sealed.",
        ),
        "party_add": (
            PartyForm(post, user=user, auto_id="party_%s"),
            lambda d: services.party_add(actor=user, contract=contract, **d),
            "Party added.",
        ),
        "party_remove": (
            _Empty(post),
            lambda d: services.party_remove(actor=user, party=_party(contract, post.get("party"))),
            "Party removed.",
        ),
    }


class _Empty(forms.Form):
    """The form of an action without fields (new version, remove a party)."""


def _detail_context(request, production, contract, forms: dict | None = None) -> dict:
    user = request.user
    office = _office(user, production)
    terms = cperms.can_view_terms(user, contract)
    party_view = office or cperms.is_party(user, contract)
    forms = forms or {}
    parties = contract.parties.select_related("person", "company").order_by("order", "id")
    context = {
        "nav_active": "contracts",
        "c": contract,
        "office": office,
        "show_terms": terms,
        "show_parties": party_view,
        "parties": parties,
        "mine": [p for p in parties if p.person.user_id == user.pk],
        "is_draft": contract.status == S.DRAFT,
        "forms": forms,
        "amendments": contract.amendments.all() if party_view else [],
    }
    if office:
        signatory = cperms.can_countersign(user, contract)
        context |= {
            "documents": contract.documents.order_by("-version", "kind"),
            "events": contract.events.order_by("seq"),
            "can_countersign": signatory,
            "has_totp": signatory and _has_totp(user),
            "can_void": contract.status not in (S.EXECUTED, S.VOIDED, S.COUNTERSIGNED),
            "can_revise": contract.status
            in (S.SENT, S.PARTLY_SIGNED, S.SIGNED, S.DECLINED, S.EXPIRED),
            "send_form": forms.get("send") or SendForm(auto_id="send_%s"),
            "void_form": forms.get("void") or VoidForm(auto_id="void_%s"),
            "amend_form": forms.get("amend") or AmendmentForm(auto_id="amend_%s"),
            "countersign_form": forms.get("countersign")
            or CountersignForm(auto_id="countersign_%s"),
            "party_form": forms.get("party_add") or PartyForm(user=user, auto_id="party_%s"),
        }
    return context


@production_view
def contract_detail(request, production, public_id):
    """Summary, terms, parties with evidence, documents, timeline; POST runs one office action
    named by `action` (a refused action changes nothing and shows why next to it)."""
    contract = _contract(request, production, public_id)
    forms: dict = {}
    if request.method == "POST":
        _require_office(request, production)
        actions = _actions(request, contract)
        name = request.POST.get("action", "")
        if name not in actions:
            messages.error(
                request, "Choose an action: send, void, new version, amend, countersign."
            )
            return redirect(_url(production, contract))
        if name == "countersign" and not cperms.can_countersign(request.user, contract):
            raise PermissionDenied("Only the office signatory countersigns.")
        form, call, success = actions[name]
        result = _act(form, call)
        if result is not None:
            level, text = _outcome(name, result, success)
            messages.add_message(request, level, text)
            target = result if name == "amend" else contract
            return done(request, _url(production, target))
        forms[name] = form
        messages.error(request, "Not done: " + " ".join(_form_messages(form)))
        contract.refresh_from_db()
    context = _detail_context(request, production, contract, forms)
    status = 422 if forms and request.htmx else 200
    return render(request, "web/contracts/detail.html", context, status=status)


def _outcome(name: str, result, success: str) -> tuple[int, str]:
    """The message after an action; sending and countersigning say how far the background work
    got (with inline tasks it is already done)."""
    if name == "send":
        if result.status == S.SENDING:
            return messages.SUCCESS, (
                f"{result.reference}: sending. The document is being rendered; the signing "
                "links go out as soon as it is ready."
            )
        if result.status == S.DRAFT and result.send_error:
            return messages.ERROR, f"Not sent: {result.send_error}"
    if name == "countersign" and result.status == S.COUNTERSIGNED:
        if result.seal_error:
            return messages.ERROR, (
                f"{result.reference} countersigned, but the seal failed: {result.seal_error}"
            )
        return messages.SUCCESS, f"{result.reference} countersigned; the office seal follows."
    return messages.SUCCESS, success


def _form_messages(form) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


@production_view
def contract_document(request, production, public_id):
    """The latest document: the office's copy, or a party's own copy (both logged)."""
    contract = _contract(request, production, public_id)
    user = request.user
    ip, agent = request.META.get("REMOTE_ADDR", ""), request.headers.get("User-Agent", "")
    try:
        if _office(user, production):
            doc = signing.document_download(actor=user, contract=contract, ip=ip, user_agent=agent)
        else:
            party = next((p for p in contract.parties.all() if p.person.user_id == user.pk), None)
            if party is None:
                raise PermissionDenied("Only the office and the parties download this.")
            access = signing.Access(user=user, ip=ip, user_agent=agent)
            doc = signing.party_document(access=access, party=party)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_url(production, contract))
    name = f"{contract.reference}-{doc.kind}.pdf"
    return FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@production_view
def contract_preview(request, production, public_id):
    """A draft's PDF as the parties would receive it, marked as a preview (office staff)."""
    contract = _contract(request, production, public_id)
    _require_office(request, production)
    try:
        data = services.contract_preview(actor=request.user, contract=contract)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_url(production, contract))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{contract.reference}-preview.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- drafting ----------------------------------------------------------------------------------


def _render_form(request, form, contract=None, frozen: str = ""):
    context = {"nav_active": "contracts", "form": form, "c": contract, "frozen": frozen}
    return render(request, "web/contracts/form.html", context, status=form_status(request, form))


@production_view
def contract_create(request, production):
    """Draft a contract (office staff)."""
    _require_office(request, production)
    initial = {"currency": production.currency, "contract_type": "crew"}
    form = ContractForm(request.POST or None, production=production, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        contract = _service(
            form,
            lambda: services.contract_create(
                actor=request.user,
                production=production,
                contract_type=form.cleaned_data["contract_type"],
                **values,
            ),
        )
        if contract:
            messages.success(request, f"{contract.reference} drafted. Add its parties next.")
            return done(request, _url(production, contract))
    return _render_form(request, form)


@production_view
def contract_edit(request, production, public_id):
    """Change a draft's terms (office staff); a sent contract is refused by the service."""
    contract = _contract(request, production, public_id, "change")
    frozen = "" if contract.status == S.DRAFT else services.FROZEN
    form = ContractForm(request.POST or None, instance=contract, production=production)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        saved = _service(
            form,
            lambda: services.contract_update(actor=request.user, contract=contract, **values),
        )
        if saved:
            messages.success(request, f"{saved.reference} saved.")
            return done(request, _url(production, saved))
    return _render_form(request, form, contract, frozen)


def _service(form, call):
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


# --- bulk jobs ---------------------------------------------------------------------------------


def _chosen(request, production) -> list[Contract]:
    ids = request.POST.getlist("contracts")
    try:
        keys = {uuid.UUID(i) for i in ids}
    except ValueError:
        raise ValidationError({"contracts": "Tick contracts from the table."}) from None
    rows = list(_contracts(request, production, "change").filter(public_id__in=keys))
    if len(rows) != len(keys):
        raise ValidationError({"contracts": "Some of these contracts are not yours to change."})
    return rows


@require_POST
@production_view
def contracts_bulk(request, production):
    """Start a bulk send or countersignature of the ticked contracts; opens the job's page."""
    _require_office(request, production)
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
    _require_office(request, production)
    job = get_object_or_404(bulk.BulkJob.objects.filter(production=production), public_id=public_id)
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
    template = "web/contracts/job.html"
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
            contract__in=_contracts(request, production), person__user=request.user
        )
        .select_related("contract__production", "company")
        .order_by("-contract__number")
    )
    rows = [{"c": p.contract, "party": p, "next": _next_step(p.contract, p)} for p in parties]
    return render(request, "web/contracts/mine.html", {"nav_active": "contracts", "rows": rows})
