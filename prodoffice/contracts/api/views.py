"""Contracts API: drafts and parties as thin CRUD, domain verbs as action endpoints.

Every POST (creates and verbs alike) honours an Idempotency-Key (F-08), applied by ScopedViewSet:
a retry with the same key and body gets the stored answer, another body with the same key 422.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from prodoffice.api.base import UUID_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.renderers import PdfRenderer
from prodoffice.api.schema import ErrorSerializer
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.api import serializers as s
from prodoffice.contracts.choices import DocumentKind, PartyStatus
from prodoffice.contracts.filters import ContractFilter
from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.contracts.selectors import contract_totals
from prodoffice.contracts.services import countersign, drafting, ending, reminders, sending, signing
from prodoffice.core.services import require
from prodoffice.productions.models import Production

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Retry safely: the same key and body replay the first answer.",
)


#: Lifecycle refusals (409) and idempotency-key reuse (422), in the API's error format.
REFUSALS = {409: ErrorSerializer, 422: ErrorSerializer}


def _access(request) -> signing.Access:
    return signing.Access(
        user=request.user,
        ip=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.headers.get("User-Agent", ""),
    )


def _post(request_serializer, code=200, **kwargs):
    return extend_schema(
        request=request_serializer,
        responses={code: s.ContractSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY],
        **kwargs,
    )


@extend_schema_view(
    create=extend_schema(request=s.ContractCreateSerializer, responses={201: s.ContractSerializer}),
    partial_update=extend_schema(
        request=s.TermsInputSerializer, responses={200: s.ContractSerializer, **REFUSALS}
    ),
)
class ContractViewSet(ListRetrieveMixin, ScopedViewSet):
    """Contracts the user may see: the office all of its productions', parties their own,
    department heads their department's (without terms)."""

    model = Contract
    output_serializer_class = s.ContractSerializer
    input_serializer_classes = {
        "create": s.ContractCreateSerializer,
        "partial_update": s.TermsInputSerializer,
    }
    filterset_class = ContractFilter
    ordering_aliases = {"number": ("number",), "status": ("status",), "created": ("created_at",)}
    ordering = ("-created_at",)

    def optimise(self, queryset):
        return queryset.select_related("production", "amends", "engagement").prefetch_related(
            "parties__person", "parties__company", "documents"
        )

    def create(self, request):
        """Draft a contract (office staff); publicity contracts are refused."""
        contract = drafting.contract_create(actor=request.user, **self.validated())
        return self.answer(contract, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a draft's terms; a sent contract answers 409 (it changes by a new version)."""
        contract = drafting.contract_update(
            actor=request.user, contract=self.get_object(), **self.validated()
        )
        return self.answer(contract)

    @extend_schema(
        parameters=[OpenApiParameter("production", str, OpenApiParameter.QUERY, required=True)],
        responses={200: s.TotalsSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=False, methods=["get"])
    def totals(self, request):
        """Counts by status and type and rate totals of a production (office, studio executives)."""
        code = request.query_params.get("production", "").strip()
        if not code:
            raise ValidationError({"production": "Name the production: ?production=CODE."})
        production = get_object_or_404(Production.objects.for_user(request.user), code=code)
        return Response(contract_totals(user=request.user, production=production))

    @extend_schema(
        request=s.PartyInputSerializer, responses={201: s.ContractSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def parties(self, request, id=None):
        """Add a counterparty to a draft."""
        contract = self.get_object()
        drafting.party_add(
            actor=request.user, contract=contract, **self.validated(s.PartyInputSerializer)
        )
        return self.answer(contract, status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None, **REFUSALS},
        parameters=[OpenApiParameter("item_id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=rf"parties/(?P<item_id>{UUID_RE})",
        url_name="party-remove",
    )
    def party_remove(self, request, id=None, item_id=None):
        """Remove a counterparty from a draft."""
        party = get_object_or_404(self.get_object().parties.all(), public_id=item_id)
        drafting.party_remove(actor=request.user, party=party)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @_post(s.SendInputSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, id=None):
        """Render, freeze (bytes and SHA-256) and e-mail the signing links."""
        contract = sending.contract_send(
            actor=request.user, contract=self.get_object(), **self.validated(s.SendInputSerializer)
        )
        return self.answer(contract)

    def _my_party(self, contract) -> ContractParty:
        mine = [p for p in contract.parties.all() if p.person.user_id == self.request.user.pk]
        if not mine:
            require(False, "Only the contract's parties sign it.")
        pending = [p for p in mine if p.status != PartyStatus.SIGNED]
        return (pending or mine)[0]

    @_post(s.EmptySerializer)
    @action(detail=True, methods=["post"])
    def consent(self, request, id=None):
        """A party consents to sign electronically (the consent text's version and hash)."""
        contract = self.get_object()
        signing.party_consent(access=_access(request), party=self._my_party(contract))
        return self.answer(contract)

    @_post(s.SignInputSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, id=None):
        """A party signs the frozen document (after consent), with a typed name."""
        contract = self.get_object()
        signing.party_sign(
            access=_access(request),
            party=self._my_party(contract),
            **self.validated(s.SignInputSerializer),
        )
        return self.answer(contract)

    @_post(s.ReasonInputSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, id=None):
        """A party declines, with a reason."""
        contract = self.get_object()
        signing.party_decline(
            access=_access(request),
            party=self._my_party(contract),
            **self.validated(s.ReasonInputSerializer),
        )
        return self.answer(contract)

    @_post(s.CountersignInputSerializer)
    @action(detail=True, methods=["post"])
    def countersign(self, request, id=None):
        """The office signatory countersigns last, with a fresh TOTP code; the PDF is sealed."""
        contract = countersign.contract_countersign(
            actor=request.user,
            contract=self.get_object(),
            ip=request.META.get("REMOTE_ADDR", ""),
            user_agent=request.headers.get("User-Agent", ""),
            **self.validated(s.CountersignInputSerializer),
        )
        return self.answer(contract)

    @_post(s.EmptySerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, id=None):
        """Remind the parties who have not signed: each gets a fresh link and access code."""
        contract = self.get_object()
        reminders.contract_remind(actor=request.user, contract=contract)
        contract.refresh_from_db()
        return self.answer(contract)

    @_post(s.VoidInputSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, id=None):
        """Void a contract that is not executed."""
        contract = ending.contract_void(
            actor=request.user, contract=self.get_object(), **self.validated(s.VoidInputSerializer)
        )
        return self.answer(contract)

    @_post(s.EmptySerializer)
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, id=None):
        """Back to draft as the next version; outstanding signatures are voided."""
        contract = drafting.contract_new_version(actor=request.user, contract=self.get_object())
        return self.answer(contract)

    @_post(s.AmendmentInputSerializer, 201)
    @action(detail=True, methods=["post"])
    def amendments(self, request, id=None):
        """Draft an amendment of an executed contract, with the same parties."""
        amendment = drafting.amendment_create(
            actor=request.user,
            contract=self.get_object(),
            **self.validated(s.AmendmentInputSerializer),
        )
        return self.answer(amendment, status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, **REFUSALS})
    @action(detail=True, methods=["get"])
    def document(self, request, id=None):
        """The PDF: parties get the frozen original (after consent), the office the final
        sealed document once executed. The bytes served are the bytes hashed."""
        contract = self.get_object()
        if cperms.can_manage_contract(request.user, contract):
            doc = signing.document_download(actor=request.user, contract=contract)
        elif cperms.is_party(request.user, contract):
            doc = signing.party_document(access=_access(request), party=self._my_party(contract))
        else:
            require(False, "The document is for the office and the contract's parties.")
        with doc.file.open("rb") as fh:
            data = fh.read()
        response = HttpResponse(data, content_type="application/pdf")
        kind = "executed" if doc.kind == DocumentKind.FINAL else "original"
        response["Content-Disposition"] = f'attachment; filename="{contract.reference}-{kind}.pdf"'
        response["X-Content-SHA256"] = doc.sha256
        return response

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, **REFUSALS})
    @action(detail=True, methods=["get"])
    def preview(self, request, id=None):
        """A draft's PDF as the parties would receive it, marked as a preview on every page
        (office staff). Nothing is stored; sent contracts answer 409: use `document`."""
        contract = self.get_object()
        data = sending.contract_preview(actor=request.user, contract=contract)
        response = HttpResponse(data, content_type="application/pdf")
        name = f"{contract.reference}-preview.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response

    def get_renderers(self):
        if self.action in ("document", "preview"):
            return [PdfRenderer(), JSONRenderer()]
        return super().get_renderers()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        pdf = self.action in ("document", "preview")
        if pdf and getattr(response, "data", None) is not None:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response

    # --- contracts signing ---
    @_post(s.EmptySerializer)
    @action(detail=True, methods=["post"], url_path="withdraw-consent")
    def withdraw_consent(self, request, id=None):
        """A party who consented but has not signed withdraws consent (E-10); the document is
        not served again until they consent again."""
        contract = self.get_object()
        signing.party_withdraw_consent(access=_access(request), party=self._my_party(contract))
        return self.answer(contract)

    # --- end contracts signing ---
