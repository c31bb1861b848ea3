"""Contracts: output shapes (terms only for the office and the parties) and input whitelists."""

from __future__ import annotations

import base64
import binascii

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    PUBLICITY,
    PUBLICITY_REFUSED,
    AuthMethod,
    ContractStatus,
    ContractType,
    DocumentKind,
    PartyRole,
    PartyStatus,
)
from prodoffice.contracts.models import Contract, ContractDocument, ContractParty
from prodoffice.contracts.services.drafting import TERM_FIELDS
from prodoffice.people.models import Company, Person
from prodoffice.productions.models import Engagement, Production

#: Terms shown to the office and the contract's parties only (never filterable).
TERMS_OUTPUT = tuple(f for f in TERM_FIELDS if f not in ("title", "expires_at"))


class TermsSerializer(serializers.ModelSerializer):
    """The deal-memo terms."""

    engagement = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )
    agency = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    loan_out_company = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Contract
        fields = TERMS_OUTPUT
        read_only_fields = TERMS_OUTPUT


class PartySerializer(serializers.ModelSerializer):
    """A party with its signing evidence (for the office and the parties)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    company = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    name = serializers.CharField(source="display_name", read_only=True)
    role = EnumChoiceField(PartyRole.choices, "PartyRole", read_only=True)
    status = EnumChoiceField(PartyStatus.choices, "PartyStatus", read_only=True)
    auth_method = EnumChoiceField(
        [("", "Not yet"), *AuthMethod.choices], "AuthMethod", read_only=True
    )
    has_drawn_signature = serializers.SerializerMethodField()

    class Meta:
        model = ContractParty
        fields = (
            "id",
            "person",
            "company",
            "name",
            "role",
            "email",
            "order",
            "status",
            "consent_version",
            "consent_sha256",
            "consented_at",
            "auth_method",
            "viewed_at",
            "signed_at",
            "signed_sha256",
            "typed_name",
            "has_drawn_signature",
            "declined_at",
            "decline_reason",
        )
        read_only_fields = fields

    def get_has_drawn_signature(self, party) -> bool:
        return bool(party.signature_png)


class DocumentSerializer(serializers.ModelSerializer):
    """A frozen document: its version, kind and SHA-256."""

    kind = EnumChoiceField(DocumentKind.choices, "DocumentKind", read_only=True)

    class Meta:
        model = ContractDocument
        fields = ("version", "kind", "sha256", "size", "created_at")
        read_only_fields = fields


class ContractSerializer(serializers.ModelSerializer):
    """A contract as the user may see it: `terms`, `parties` and `documents` are null for those
    who see only that it exists and its status (department heads)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reference = serializers.CharField(read_only=True)
    contract_type = EnumChoiceField(ContractType.choices, "ContractType", read_only=True)
    status = EnumChoiceField(ContractStatus.choices, "ContractStatus", read_only=True)
    amends = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    terms = serializers.SerializerMethodField()
    parties = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    send_error = serializers.SerializerMethodField(
        help_text="The office's view: why the last send could not render the document, which "
        "put the contract back in draft (empty otherwise)."
    )
    seal_error = serializers.SerializerMethodField(
        help_text="The office's view: why the last seal attempt failed (empty otherwise)."
    )

    class Meta:
        model = Contract
        fields = (
            "id",
            "production",
            "number",
            "reference",
            "contract_type",
            "title",
            "status",
            "version",
            "amends",
            "expires_at",
            "sent_at",
            "countersigned_at",
            "send_error",
            "seal_error",
            "created_at",
            "updated_at",
            "terms",
            "parties",
            "documents",
        )
        read_only_fields = fields

    def _office_only(self, contract, value: str) -> str:
        request = self.context.get("request")
        if request is None or not cperms.can_manage_contract(request.user, contract):
            return ""
        return value

    def get_send_error(self, contract) -> str:
        return self._office_only(contract, contract.send_error)

    def get_seal_error(self, contract) -> str:
        return self._office_only(contract, contract.seal_error)

    def _sees_terms(self, contract) -> bool:
        request = self.context.get("request")
        return request is not None and cperms.can_view_terms(request.user, contract)

    @extend_schema_field(TermsSerializer(allow_null=True))
    def get_terms(self, contract):
        return TermsSerializer(contract).data if self._sees_terms(contract) else None

    @extend_schema_field(PartySerializer(many=True, allow_null=True))
    def get_parties(self, contract):
        if not self._sees_terms(contract):
            return None
        return PartySerializer(contract.parties.all(), many=True).data

    @extend_schema_field(DocumentSerializer(many=True, allow_null=True))
    def get_documents(self, contract):
        if not self._sees_terms(contract):
            return None
        return DocumentSerializer(contract.documents.all(), many=True).data


class ContractTypeField(serializers.CharField):
    """A contract type; publicity is refused with the office's own message."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value == PUBLICITY:
            raise serializers.ValidationError(PUBLICITY_REFUSED, code="publicity_refused")
        if value not in ContractType.values:
            allowed = ", ".join(ContractType.values)
            raise serializers.ValidationError(f"Unknown contract type {value!r} ({allowed}).")
        return value


class TermsInputSerializer(serializers.ModelSerializer):
    """Writable terms of a draft (status, number, version and evidence are never writable)."""

    engagement = ScopedSlugRelatedField(
        model=Engagement, slug_field="public_id", required=False, allow_null=True
    )
    agency = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )
    loan_out_company = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )

    class Meta:
        model = Contract
        fields = TERM_FIELDS
        # Model validators (currency, ranges) run in the service with its clear messages.
        extra_kwargs = {"title": {"required": False}}


class ContractCreateSerializer(TermsInputSerializer):
    """A new draft: the production (by code) and the type, then any terms."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")
    contract_type = ContractTypeField()

    class Meta(TermsInputSerializer.Meta):
        fields = ("production", "contract_type", *TERM_FIELDS)
        extra_kwargs = {"title": {"required": True}}


class AmendmentInputSerializer(TermsInputSerializer):
    """An amendment of an executed contract: its title and changed terms."""

    class Meta(TermsInputSerializer.Meta):
        extra_kwargs = {"title": {"required": True}}


class PartyInputSerializer(serializers.Serializer):
    """A counterparty: a person (the signatory), optionally the company they sign for."""

    person = ScopedSlugRelatedField(model=Person, slug_field="public_id")
    company = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )
    role = EnumChoiceField(PartyRole.choices, "PartyRole")
    email = serializers.EmailField(required=False, allow_blank=True)
    order = serializers.IntegerField(required=False, min_value=1, max_value=99)


class SendInputSerializer(serializers.Serializer):
    """Optional signing deadline."""

    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class SignInputSerializer(serializers.Serializer):
    """A signature: the typed name, the SHA-256 the signer was shown, an optional drawn PNG."""

    typed_name = serializers.CharField(max_length=200)
    document_sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$", required=False)
    signature_png = serializers.CharField(
        required=False, help_text="The drawn signature: a PNG, base64-encoded."
    )

    def validate_signature_png(self, value):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError("Not base64.") from exc


class ReasonInputSerializer(serializers.Serializer):
    """Why a party declines or the office voids."""

    reason = serializers.CharField(max_length=2000)


class VoidInputSerializer(serializers.Serializer):
    """Why the office voids."""

    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CountersignInputSerializer(serializers.Serializer):
    """A fresh code of the signatory's authenticator."""

    otp_code = serializers.RegexField(r"^[0-9]{6,8}$")


class EmptySerializer(serializers.Serializer):
    """No body."""


class TotalsSerializer(serializers.Serializer):
    """Counts and totals of a production's contracts."""

    count = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_type = serializers.DictField(child=serializers.IntegerField())
    rate_totals = serializers.DictField(child=serializers.DictField(child=serializers.CharField()))
