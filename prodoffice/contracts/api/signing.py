"""Signing by link for parties without an account: the token and access code are the credentials.

Every call carries both in the JSON body (never in the URL, so they stay out of logs). Unknown
tokens answer 404, used, expired, withdrawn or locked links 410, a wrong code 403 (counted; five
lock the link). Anonymous calls are throttled per address.
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from prodoffice.api.schema import ErrorAwareAutoSchema, ErrorSerializer
from prodoffice.contracts.api.serializers import SignInputSerializer
from prodoffice.contracts.api.views import PdfRenderer
from prodoffice.contracts.services import signing

#: Unknown token 404, state refusals 409 (consent first, already signed), dead link 410, throttled.
LINK_ERRORS = {code: ErrorSerializer for code in (404, 409, 410, 429)}


class LinkSerializer(serializers.Serializer):
    """The signing link's token and its access code."""

    token = serializers.CharField(max_length=100)
    code = serializers.RegexField(r"^[0-9]{8}$")


class LinkSignSerializer(LinkSerializer, SignInputSerializer):
    """Token, code, and the signature."""


class LinkDeclineSerializer(LinkSerializer):
    """Token, code, and why."""

    reason = serializers.CharField(max_length=2000)


class LinkStateSerializer(serializers.Serializer):
    """Where the party and the contract stand."""

    contract = serializers.CharField()
    title = serializers.CharField()
    contract_status = serializers.CharField()
    party_status = serializers.CharField()
    consent_version = serializers.CharField()
    document_sha256 = serializers.CharField(allow_blank=True)


def _state(party) -> dict:
    contract = party.contract
    doc = contract.documents.filter(version=contract.version, kind="original").first()
    return {
        "contract": contract.reference,
        "title": contract.title,
        "contract_status": contract.status,
        "party_status": party.status,
        "consent_version": party.consent_version,
        "document_sha256": doc.sha256 if doc else "",
    }


class _LinkView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    schema = ErrorAwareAutoSchema()
    body = LinkSerializer

    def access(self, request) -> tuple[signing.Access, dict]:
        data = self.body(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        access = signing.Access(
            token=values.pop("token"),
            code=values.pop("code"),
            ip=request.META.get("REMOTE_ADDR", ""),
            user_agent=request.headers.get("User-Agent", ""),
        )
        return access, values


class LinkConsentView(_LinkView):
    """Consent to sign electronically (first step of a link)."""

    @extend_schema(
        request=LinkSerializer, responses={200: LinkStateSerializer, **LINK_ERRORS}, auth=[]
    )
    def post(self, request):
        access, _ = self.access(request)
        party = signing.party_consent(access=access)
        party.refresh_from_db()
        return Response(_state(party))


class LinkDocumentView(_LinkView):
    """The frozen document (after consent); X-Content-SHA256 is the hash to sign."""

    renderer_classes = [PdfRenderer, JSONRenderer]

    @extend_schema(
        request=LinkSerializer,
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **LINK_ERRORS},
        auth=[],
    )
    def post(self, request):
        access, _ = self.access(request)
        doc = signing.party_document(access=access)
        with doc.file.open("rb") as fh:
            data = fh.read()
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{doc.contract.reference}.pdf"'
        response["X-Content-SHA256"] = doc.sha256
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(response, "data", None) is not None:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


class LinkSignView(_LinkView):
    """Sign with a typed name; the link is used up."""

    body = LinkSignSerializer

    @extend_schema(
        request=LinkSignSerializer, responses={200: LinkStateSerializer, **LINK_ERRORS}, auth=[]
    )
    def post(self, request):
        access, values = self.access(request)
        party = signing.party_sign(access=access, **values)
        return Response(_state(party))


class LinkDeclineView(_LinkView):
    """Decline with a reason; the link is used up."""

    body = LinkDeclineSerializer

    @extend_schema(
        request=LinkDeclineSerializer, responses={200: LinkStateSerializer, **LINK_ERRORS}, auth=[]
    )
    def post(self, request):
        access, values = self.access(request)
        party = signing.party_decline(access=access, **values)
        return Response(_state(party))


# --- contracts signing ---
class LinkWithdrawConsentView(_LinkView):
    """Withdraw consent before signing (E-10); consent again to see the document."""

    @extend_schema(
        request=LinkSerializer, responses={200: LinkStateSerializer, **LINK_ERRORS}, auth=[]
    )
    def post(self, request):
        access, _ = self.access(request)
        party = signing.party_withdraw_consent(access=access)
        return Response(_state(party))


# --- end contracts signing ---
