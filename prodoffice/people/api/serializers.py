"""People and companies: output shapes with private fields gated, and input whitelists."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from prodoffice.accounts.permissions import can_view_private_person
from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.people.choices import CompanyKind, Guild, Proficiency
from prodoffice.people.models import (
    PRIVATE_PERSON_FIELDS,
    Company,
    Credit,
    LanguageSkill,
    Person,
    Representation,
    UnionMembership,
)
from prodoffice.people.services import COMPANY_FIELDS, PERSON_FIELDS
from prodoffice.people.validators import normalise_phone

# Productions lie above people (STYLE.md import direction): reach the model through the relation.
Production = Person._meta.get_field("home_production").related_model
REPRESENTATION_KINDS = Representation._meta.get_field("kind").choices
PUBLIC_PERSON_FIELDS = tuple(f for f in PERSON_FIELDS if f not in PRIVATE_PERSON_FIELDS)


class UnionMembershipSerializer(serializers.ModelSerializer):
    """A union or guild card."""

    class Meta:
        model = UnionMembership
        fields = ("id", "union", "local", "member_number")
        read_only_fields = ("id",)


class LanguageSkillSerializer(serializers.ModelSerializer):
    """A language spoken, with proficiency."""

    class Meta:
        model = LanguageSkill
        fields = ("id", "language", "proficiency")
        read_only_fields = ("id",)


class CreditSerializer(serializers.ModelSerializer):
    """A past credit."""

    class Meta:
        model = Credit
        fields = ("id", "title", "year", "position")
        read_only_fields = ("id",)


class RefSerializer(serializers.Serializer):
    """A person or company by public id and name."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="*", read_only=True)  # str(obj), no inspect per row


class RepresentationSerializer(serializers.ModelSerializer):
    """Who represents the person."""

    agent = RefSerializer(read_only=True, allow_null=True)
    agency = RefSerializer(read_only=True, allow_null=True)
    kind = EnumChoiceField(REPRESENTATION_KINDS, "RepresentationKind", read_only=True)

    class Meta:
        model = Representation
        fields = ("id", "kind", "agent", "agency")
        read_only_fields = fields


class RepresentationInputSerializer(serializers.Serializer):
    """An agent (a person) or an agency (a company), by public id."""

    kind = EnumChoiceField(REPRESENTATION_KINDS, "RepresentationKind", default="agent")
    agent = ScopedSlugRelatedField(
        model=Person, slug_field="public_id", required=False, allow_null=True
    )
    agency = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )


class PersonSerializer(serializers.ModelSerializer):
    """A person; addresses, emergency contact, birth date and passport only to office and self."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    full_name = serializers.CharField(read_only=True)
    union_memberships = UnionMembershipSerializer(many=True, read_only=True)
    languages = LanguageSkillSerializer(many=True, read_only=True)
    credits = CreditSerializer(many=True, read_only=True)
    representations = RepresentationSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = (
            "id",
            "full_name",
            *PUBLIC_PERSON_FIELDS,
            *PRIVATE_PERSON_FIELDS,
            "union_memberships",
            "languages",
            "credits",
            "representations",
            "created_at",
            "updated_at",
        )
        read_only_fields = tuple(f for f in fields if f not in PRIVATE_PERSON_FIELDS)

    def build_standard_field(self, field_name, model_field):
        if field_name in PRIVATE_PERSON_FIELDS:
            return _private_field(model_field)
        return super().build_standard_field(field_name, model_field)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not can_view_private_person(self.context["request"].user, instance):
            for field in PRIVATE_PERSON_FIELDS:
                data.pop(field, None)
        return data


def _private_field(model_field) -> tuple[type, dict]:
    """A private attribute is optional in the schema: it is withheld from most readers."""
    if model_field.get_internal_type() == "DateField":
        return serializers.DateField, {"required": False, "allow_null": True}
    return serializers.CharField, {"required": False, "allow_blank": True}


class PersonInputSerializer(serializers.Serializer):
    """Writable person fields; phones are normalised (and checked) by the service."""

    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    known_as = serializers.CharField(max_length=100, required=False, allow_blank=True)
    pronouns = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    email_alt = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    phone_alt = serializers.CharField(max_length=40, required=False, allow_blank=True)
    address_line1 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    address_line2 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    region = serializers.CharField(max_length=100, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    emergency_contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    emergency_contact_relation = serializers.CharField(
        max_length=100, required=False, allow_blank=True
    )
    emergency_contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    nationality = serializers.CharField(max_length=2, required=False, allow_blank=True)
    passport_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    passport_country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    passport_expiry = serializers.DateField(required=False, allow_null=True)
    visa_details = serializers.CharField(required=False, allow_blank=True)
    years_experience = serializers.IntegerField(required=False, min_value=0, max_value=99)
    bio = serializers.CharField(required=False, allow_blank=True)


class PersonCreateSerializer(PersonInputSerializer):
    """A new person, added by the office of a production (which scopes who may see them)."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")


class UnionInputSerializer(serializers.Serializer):
    """A union card to add."""

    union = serializers.ChoiceField(choices=Guild.choices)
    local = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    member_number = serializers.CharField(
        max_length=40, required=False, default="", allow_blank=True
    )


class LanguageInputSerializer(serializers.Serializer):
    """A language to add."""

    language = serializers.CharField(max_length=12)
    proficiency = serializers.ChoiceField(choices=Proficiency.choices)


class CreditInputSerializer(serializers.Serializer):
    """A credit to add."""

    title = serializers.CharField(max_length=200)
    year = serializers.IntegerField(min_value=1880, max_value=2100)
    position = serializers.CharField(max_length=100)


class CompanySerializer(serializers.ModelSerializer):
    """A company of the directory."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    kind = EnumChoiceField(CompanyKind.choices, "CompanyKind", read_only=True)

    class Meta:
        model = Company
        fields = ("id", *COMPANY_FIELDS, "created_at", "updated_at")
        read_only_fields = fields


class CompanyInputSerializer(serializers.ModelSerializer):
    """Writable company fields; the phone is normalised by the service."""

    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    kind = EnumChoiceField(CompanyKind.choices, "CompanyKind")

    def validate_phone(self, value: str) -> str:
        # Checked here so the error names the field; the service stores the E.164 form.
        country = self.initial_data.get("country") or getattr(self.instance, "country", None)
        try:
            normalise_phone(value, country if isinstance(country, str) else None)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return value

    class Meta:
        model = Company
        fields = COMPANY_FIELDS
        # Uniqueness is checked by the service and the database (with a field-named message).
        validators: list = []


class CompanyCreateSerializer(CompanyInputSerializer):
    """A new company, added by the office of a production (which scopes who sees and edits it)."""

    production = ScopedSlugRelatedField(
        model=Production, slug_field="code", action="change", required=False
    )

    class Meta(CompanyInputSerializer.Meta):
        fields = (*COMPANY_FIELDS, "production")


class ErasureInputSerializer(serializers.Serializer):
    """Why the data is erased (recorded in the audit log)."""

    basis = serializers.CharField(max_length=2000)


class ErasureSerializer(serializers.Serializer):
    """What an erasure deleted and what the production keeps, in words."""

    person = serializers.UUIDField()
    deleted = serializers.ListField(child=serializers.CharField())
    kept = serializers.ListField(child=serializers.CharField())
