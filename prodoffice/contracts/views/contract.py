"""A contract's page and its office actions, its document and preview, and the draft forms.

Department heads see existence and status only; every change is a service of the contracts app.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import ContractStatus
from prodoffice.contracts.forms import (
    AmendmentForm,
    ContractForm,
    CountersignForm,
    PartyForm,
    SendForm,
    VoidForm,
)
from prodoffice.contracts.models import ContractParty
from prodoffice.contracts.selectors import countersign_obstacles
from prodoffice.contracts.services import (
    countersign,
    drafting,
    ending,
    reminders,
    sending,
    signing,
)
from prodoffice.contracts.views.access import (
    contract_or_404,
    contract_url,
    has_totp,
    is_office,
    require_office,
)
from prodoffice.core.views import apply_errors, done, form_status, run_service
from prodoffice.productions.views.decorators import production_view

S = ContractStatus


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
            lambda d: sending.contract_send(
                actor=user, contract=contract, expires_at=d["expires_at"]
            ),
            f"{contract.reference} sent to its parties.",
        ),
        "void": (
            VoidForm(post, auto_id="void_%s"),
            lambda d: ending.contract_void(actor=user, contract=contract, reason=d["reason"]),
            f"{contract.reference} voided.",
        ),
        "remind": (
            _Empty(post),
            lambda d: reminders.contract_remind(actor=user, contract=contract),
            "Reminder sent: each party who has not signed gets a fresh link and access code.",
        ),
        "new_version": (
            _Empty(post),
            lambda d: drafting.contract_new_version(actor=user, contract=contract),
            f"{contract.title}: a new draft version; the earlier signatures are void.",
        ),
        "amend": (
            AmendmentForm(post, auto_id="amend_%s"),
            lambda d: drafting.amendment_create(actor=user, contract=contract, title=d["title"]),
            "Amendment drafted.",
        ),
        "countersign": (
            CountersignForm(post, auto_id="countersign_%s"),
            lambda d: countersign.contract_countersign(
                actor=user, contract=contract, otp_code=d["otp_code"], ip=ip, user_agent=agent
            ),
            f"{contract.reference} countersigned and sealed.",
        ),
        "party_add": (
            PartyForm(post, user=user, auto_id="party_%s"),
            lambda d: drafting.party_add(actor=user, contract=contract, **d),
            "Party added.",
        ),
        "party_remove": (
            _Empty(post),
            lambda d: drafting.party_remove(actor=user, party=_party(contract, post.get("party"))),
            "Party removed.",
        ),
    }


class _Empty(forms.Form):
    """The form of an action without fields (new version, remove a party)."""


def _detail_context(request, production, contract, forms: dict | None = None) -> dict:
    user = request.user
    office = is_office(user, production)
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
            "has_totp": signatory and has_totp(user),
            "can_void": contract.status not in (S.EXECUTED, S.VOIDED, S.COUNTERSIGNED),
            "can_revise": contract.status
            in (S.SENT, S.PARTLY_SIGNED, S.SIGNED, S.DECLINED, S.EXPIRED),
            "send_form": forms.get("send") or SendForm(auto_id="send_%s"),
            "void_form": forms.get("void") or VoidForm(auto_id="void_%s"),
            "amend_form": forms.get("amend") or AmendmentForm(auto_id="amend_%s"),
            "countersign_form": forms.get("countersign")
            or CountersignForm(auto_id="countersign_%s"),
            "party_form": forms.get("party_add") or PartyForm(user=user, auto_id="party_%s"),
            "countersign_obstacles": (
                countersign_obstacles(user=user, contract=contract)
                if contract.status == S.SIGNED
                else []
            ),
            "missing": (
                list(sending.contract_missing(contract).values())
                if contract.status == S.DRAFT
                else []
            ),
        }
    return context


@production_view
def contract_detail(request, production, public_id):
    """Summary, terms, parties with evidence, documents, timeline; POST runs one office action
    named by `action` (a refused action changes nothing and shows why next to it)."""
    contract = contract_or_404(request, production, public_id)
    forms: dict = {}
    if request.method == "POST":
        require_office(request, production)
        actions = _actions(request, contract)
        name = request.POST.get("action", "")
        if name not in actions:
            messages.error(
                request, "Choose an action: send, void, new version, amend, countersign."
            )
            return redirect(contract_url(production, contract))
        if name == "countersign" and not cperms.can_countersign(request.user, contract):
            raise PermissionDenied("Only the office signatory countersigns.")
        form, call, success = actions[name]
        result = _act(form, call)
        if result is not None:
            level, text = _outcome(name, result, success)
            messages.add_message(request, level, text)
            target = result if name == "amend" else contract
            return done(request, contract_url(production, target))
        forms[name] = form
        messages.error(request, "Not done: " + " ".join(_form_messages(form)))
        contract.refresh_from_db()
    context = _detail_context(request, production, contract, forms)
    status = 422 if forms and request.htmx else 200
    return render(request, "contracts/detail.html", context, status=status)


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
    contract = contract_or_404(request, production, public_id)
    user = request.user
    ip, agent = request.META.get("REMOTE_ADDR", ""), request.headers.get("User-Agent", "")
    try:
        if is_office(user, production):
            doc = signing.document_download(actor=user, contract=contract, ip=ip, user_agent=agent)
        else:
            party = next((p for p in contract.parties.all() if p.person.user_id == user.pk), None)
            if party is None:
                raise PermissionDenied("Only the office and the parties download this.")
            access = signing.Access(user=user, ip=ip, user_agent=agent)
            doc = signing.party_document(access=access, party=party)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(contract_url(production, contract))
    name = f"{contract.reference}-{doc.kind}.pdf"
    return FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@production_view
def contract_preview(request, production, public_id):
    """A draft's PDF as the parties would receive it, marked as a preview (office staff)."""
    contract = contract_or_404(request, production, public_id)
    require_office(request, production)
    try:
        data = sending.contract_preview(actor=request.user, contract=contract)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(contract_url(production, contract))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{contract.reference}-preview.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- drafting ----------------------------------------------------------------------------------


def _render_form(request, form, contract=None, frozen: str = ""):
    context = {"nav_active": "contracts", "form": form, "c": contract, "frozen": frozen}
    return render(request, "contracts/form.html", context, status=form_status(request, form))


@production_view
def contract_create(request, production):
    """Draft a contract (office staff)."""
    require_office(request, production)
    initial = {"currency": production.currency, "contract_type": "crew"}
    form = ContractForm(request.POST or None, production=production, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        contract = run_service(
            form,
            lambda: drafting.contract_create(
                actor=request.user,
                production=production,
                contract_type=form.cleaned_data["contract_type"],
                **values,
            ),
        )
        if contract:
            messages.success(request, f"{contract.reference} drafted. Add its parties next.")
            return done(request, contract_url(production, contract))
    return _render_form(request, form)


@production_view
def contract_edit(request, production, public_id):
    """Change a draft's terms (office staff); a sent contract is refused by the service."""
    contract = contract_or_404(request, production, public_id, "change")
    frozen = "" if contract.status == S.DRAFT else drafting.FROZEN
    form = ContractForm(request.POST or None, instance=contract, production=production)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        saved = run_service(
            form,
            lambda: drafting.contract_update(actor=request.user, contract=contract, **values),
        )
        if saved:
            messages.success(request, f"{saved.reference} saved.")
            return done(request, contract_url(production, saved))
    return _render_form(request, form, contract, frozen)
