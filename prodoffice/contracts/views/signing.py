"""Signing pages: a party signs by link (/sign/<token>/) or signed in (/p/<code>/contracts/<id>/
sign/), in the same steps and templates.

Steps: the access code (links only), consent (no contract content before it, E-10), the frozen
document with its SHA-256 (what is served is what is hashed, E-11/E-15), the signature, done.
Every step is a service call in `contracts.services.signing`; the page shown follows the party's
state, so a step out of order is never offered and a forged POST meets the service's refusal.

A link holder proves the access code once: the server-side session keeps it under the SHA-256
of the token (never in a URL, never sent back), and every later call passes it to the services,
which check it again. Anonymous pages are throttled per address like the API's link calls.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from rest_framework.throttling import SimpleRateThrottle

from prodoffice.contracts.choices import SIGNABLE, DocumentKind, PartyStatus
from prodoffice.contracts.errors import Conflict, ContractError, LinkGone, LinkNotFound
from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.contracts.services import documents, signing
from prodoffice.contracts.services.links import token_hash
from prodoffice.core.views import apply_errors
from prodoffice.productions.views.decorators import production_view

SESSION_KEY = "signing_links"
#: Anonymous signing pages, per address: the API's anonymous rate.
LINK_RATE = "60/min"
PNG_DATA_URL = "data:image/png;base64,"


# --- throttling ----------------------------------------------------------------------------------


class AddressThrottle(SimpleRateThrottle):
    """Requests per client address, signed in or not (DRF's cache-backed history)."""

    bucket = "signing"

    def get_rate(self):
        return LINK_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.bucket, "ident": self.get_ident(request)}


def throttled(request, throttle_class=AddressThrottle) -> HttpResponse | None:
    """The "too many requests" page when the address used up its rate, else None."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    wait = int(throttle.wait() or 60)
    response = render(request, "contracts/signing/throttled.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


# --- forms ---------------------------------------------------------------------------------------


class CodeForm(forms.Form):
    """The access code of the second e-mail."""

    code = forms.RegexField(
        regex=r"^[0-9]{8}$",
        label="Access code",
        help_text="The 8 digits of the second e-mail.",
        error_messages={"invalid": "The access code is 8 digits."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 8}
        ),
    )


class DeclineForm(forms.Form):
    """Why the party does not sign."""

    reason = forms.CharField(
        label="Why do you decline?",
        max_length=2000,
        help_text="The production office reads this.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignForm(forms.Form):
    """The typed name, an optional drawn signature (a PNG data URL) and the hash shown."""

    typed_name = forms.CharField(
        label="Your full name", max_length=200, help_text="Typing your name signs the document."
    )
    signature_png = forms.CharField(required=False, widget=forms.HiddenInput)
    document_sha256 = forms.RegexField(regex=r"^[0-9a-fA-F]{64}$", widget=forms.HiddenInput)

    def clean_signature_png(self) -> bytes | None:
        value = self.cleaned_data.get("signature_png", "").strip()
        if not value:
            return None
        if not value.startswith(PNG_DATA_URL):
            raise ValidationError("The drawn signature must be a PNG image.")
        try:
            return base64.b64decode(value[len(PNG_DATA_URL) :], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError("The drawn signature could not be read; draw it again.") from exc


# --- the flow shared by link holders and signed-in parties ----------------------------------------


@dataclass
class Flow:
    """One party's way through the steps: who they are, how they authenticate, where to post."""

    party: ContractParty
    access: signing.Access
    page_url: str
    pdf_url: str
    by_link: bool
    done: str = ""  # "signed" / "declined" in this browser session (a link is used up then)

    @property
    def contract(self) -> Contract:
        return self.party.contract


def _client(request) -> dict:
    return {
        "ip": request.META.get("REMOTE_ADDR", ""),
        "user_agent": request.headers.get("User-Agent", ""),
    }


def _step(flow: Flow) -> str:
    """The page the party's state calls for."""
    party, contract = flow.party, flow.contract
    if party.status == PartyStatus.SIGNED or flow.done == "signed":
        return "done"
    if party.status == PartyStatus.DECLINED or flow.done == "declined":
        return "declined"
    if contract.status not in SIGNABLE:
        return "closed"
    return "document" if party.consent_sha256 else "consent"


def _context(flow: Flow, **extra) -> dict:
    return {
        "flow": flow,
        "party": flow.party,
        "contract": flow.contract,
        "page_url": flow.page_url,
        "pdf_url": flow.pdf_url,
        **extra,
    }


def _render_step(
    request, flow: Flow, *, error: str = "", status: int = 200, **forms_
) -> HttpResponse:
    """The page of the party's current step (the document page records the view)."""
    step = _step(flow)
    context = _context(flow, step=step, error=error, **forms_)
    if step in ("consent", "document"):
        context.setdefault("decline_form", DeclineForm())
    if step == "consent":
        context["consent"] = signing.current_consent()
    elif step == "document":
        try:
            document = _document(request, flow)
        except ValidationError as exc:
            if isinstance(exc, LinkNotFound | LinkGone):
                return _link_error(request, exc)
            context["error"] = " ".join(exc.messages)
            return render(request, "contracts/signing/closed.html", context, status=409)
        context["document"] = document
        context.setdefault(
            "sign_form",
            SignForm(initial={"document_sha256": document.sha256, "typed_name": ""}),
        )
    elif step in ("done", "declined"):
        context["final"] = flow.contract.documents.filter(
            version=flow.contract.version, kind=DocumentKind.FINAL
        ).exists()
    return render(request, f"contracts/signing/{step}.html", context, status=status)


def _document(request, flow: Flow):
    """The frozen document: opening the page records the view; a form re-shown after a refused
    POST only reads it (a refusal changes nothing)."""
    if request.method == "POST":
        return documents.original(flow.contract)
    return signing.party_view(access=flow.access, party=flow.party)


def _refused(request, flow: Flow, exc: ValidationError) -> HttpResponse:
    """A service's refusal: dead links get their own page, state conflicts re-render the step."""
    if isinstance(exc, LinkNotFound | LinkGone):
        return _link_error(request, exc)
    flow.party.refresh_from_db()
    flow.party.contract.refresh_from_db()
    status = exc.http_status if isinstance(exc, Conflict) else 400
    return _render_step(request, flow, error=" ".join(exc.messages), status=status)


def _link_error(request, exc: ValidationError) -> HttpResponse:
    status = getattr(exc, "http_status", 404)
    context = {"message": " ".join(exc.messages), "gone": status == 410}
    return render(request, "contracts/signing/link_error.html", context, status=status)


def _post(request, flow: Flow) -> HttpResponse:
    """One step's form: consent, decline, sign or withdraw; success redirects to the page."""
    action = request.POST.get("action", "")
    if flow.done and action in ("sign", "decline", "consent"):
        message = "Already signed." if flow.done == "signed" else "You declined this contract."
        return _render_step(request, flow, error=message, status=409)
    try:
        if action == "consent":
            signing.party_consent(access=flow.access, party=flow.party)
        elif action == "withdraw":
            signing.party_withdraw_consent(access=flow.access, party=flow.party)
        elif action == "decline":
            form = DeclineForm(request.POST)
            if not form.is_valid():
                return _render_step(request, flow, status=400, decline_form=form)
            signing.party_decline(access=flow.access, party=flow.party, **form.cleaned_data)
            _remember_done(request, flow, "declined")
        elif action == "sign":
            form = SignForm(request.POST)
            if not form.is_valid():
                return _render_step(request, flow, status=400, sign_form=form)
            try:
                signing.party_sign(access=flow.access, party=flow.party, **form.cleaned_data)
            except ValidationError as exc:
                if isinstance(exc, ContractError) or not hasattr(exc, "error_dict"):
                    raise
                apply_errors(form, exc)
                return _render_step(request, flow, status=400, sign_form=form)
            _remember_done(request, flow, "signed")
        else:
            return _render_step(
                request, flow, error="Choose one of the page's buttons.", status=400
            )
    except PermissionDenied as exc:
        return _render_step(request, flow, error=str(exc), status=403)
    except ValidationError as exc:
        return _refused(request, flow, exc)
    return redirect(flow.page_url)


# --- link holders --------------------------------------------------------------------------------


def _links(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _remember_done(request, flow: Flow, outcome: str) -> None:
    if not flow.by_link:
        return
    links = _links(request)
    entry = links.get(token_hash(flow.access.token))
    if entry is not None:
        entry["done"] = outcome
        request.session[SESSION_KEY] = links


def _link_flow(request, token: str, entry: dict) -> Flow | HttpResponse:
    """The flow of a verified link; a used link is still this session's for the done page."""
    link = signing.link_holder(token)
    if link is None or str(link.party.public_id) != entry.get("party"):
        raise Http404("This signing link is not valid.")
    if not entry.get("done"):
        try:
            signing.link_check(token)
        except ValidationError as exc:
            return _link_error(request, exc)
    return Flow(
        party=link.party,
        access=signing.Access(token=token, code=entry["code"], **_client(request)),
        page_url=reverse("web:sign_link", args=[token]),
        pdf_url=reverse("web:sign_link_document", args=[token]),
        by_link=True,
        done=entry.get("done", ""),
    )


def _code_step(request, token: str) -> HttpResponse:
    """The access-code form; a right code is kept in the server-side session."""
    try:
        signing.link_check(token)
    except ValidationError as exc:
        return _link_error(request, exc)
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            party = signing.link_party(token, form.cleaned_data["code"])
        except PermissionDenied as exc:
            form.add_error("code", str(exc))
            status = 403
        except ValidationError as exc:
            return _link_error(request, exc)
        else:
            request.session.cycle_key()
            links = _links(request)
            links[token_hash(token)] = {
                "code": form.cleaned_data["code"],
                "party": str(party.public_id),
            }
            request.session[SESSION_KEY] = links
            return redirect(reverse("web:sign_link", args=[token]))
    elif request.method == "POST":
        status = 400
    if form.is_bound:  # a refused code is never echoed back into the field
        form.data = form.data.copy()
        form.data["code"] = ""
    return render(request, "contracts/signing/code.html", {"form": form}, status=status)


@never_cache
def sign_link(request, token: str):
    """/sign/<token>/: the access code, then the party's current step."""
    if limited := throttled(request):
        return limited
    entry = _links(request).get(token_hash(token))
    if entry is None:
        return _code_step(request, token)
    flow = _link_flow(request, token, entry)
    if isinstance(flow, HttpResponse):
        return flow
    if request.method == "POST":
        return _post(request, flow)
    return _render_step(request, flow)


@never_cache
@xframe_options_sameorigin
def sign_link_document(request, token: str):
    """The PDF of a verified link: the frozen original (after consent), or the party's copy."""
    if limited := throttled(request):
        return limited
    entry = _links(request).get(token_hash(token))
    if entry is None:
        try:
            signing.link_check(token)
        except ValidationError as exc:
            return _link_error(request, exc)
        return redirect(reverse("web:sign_link", args=[token]))
    flow = _link_flow(request, token, entry)
    if isinstance(flow, HttpResponse):
        return flow
    return _pdf(request, flow)


def _pdf(request, flow: Flow) -> HttpResponse:
    """The bytes whose SHA-256 the page shows (E-15); inline for the page's frame."""
    try:
        if flow.done:
            doc = signing.party_copy(party=flow.party, access=flow.access)
        else:
            doc = signing.party_document(access=flow.access, party=flow.party)
    except ValidationError as exc:
        if isinstance(exc, LinkNotFound | LinkGone):
            return _link_error(request, exc)
        return _render_step(request, flow, error=" ".join(exc.messages), status=409)
    with doc.file.open("rb") as fh:
        data = fh.read()
    response = HttpResponse(data, content_type="application/pdf")
    kind = "executed" if doc.kind == DocumentKind.FINAL else "original"
    disposition = "attachment" if request.GET.get("download") else "inline"
    name = f"{flow.contract.reference}-{kind}.pdf"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["X-Content-SHA256"] = doc.sha256
    # The signing page frames this document: its own origin may, no one else.
    response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
    return response


# --- signed-in parties ---------------------------------------------------------------------------


def _login_flow(request, production, public_id) -> Flow:
    """The signed-in user's party on a contract they can see; not a party: 404."""
    contracts = Contract.objects.for_user(request.user).filter(production=production)
    contract = get_object_or_404(contracts.select_related("production"), public_id=public_id)
    mine = [
        p for p in contract.parties.select_related("person") if p.person.user_id == request.user.pk
    ]
    if not mine:
        raise Http404("Only the contract's parties sign it.")
    pending = [p for p in mine if p.status not in (PartyStatus.SIGNED, PartyStatus.DECLINED)]
    args = [production.code, contract.public_id]
    return Flow(
        party=(pending or mine)[0],
        access=signing.Access(user=request.user, **_client(request)),
        page_url=reverse("web:contract_sign", args=args),
        pdf_url=reverse("web:contract_sign_document", args=args),
        by_link=False,
    )


@production_view
def contract_sign(request, production, public_id):
    """/p/<code>/contracts/<id>/sign/: the same steps for a party signed in to prodoffice."""
    flow = _login_flow(request, production, public_id)
    if request.method == "POST":
        return _post(request, flow)
    return _render_step(request, flow)


@xframe_options_sameorigin
@production_view
def contract_sign_document(request, production, public_id):
    """The signed-in party's PDF (after consent; their copy once signed)."""
    return _pdf(request, _login_flow(request, production, public_id))
