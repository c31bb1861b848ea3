"""Productions and engagements: output shapes, and input whitelists that feed the services."""

from __future__ import annotations

from rest_framework import serializers

from prodoffice.accounts.permissions import can_view_rates
from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.people.models import Company, Person
from prodoffice.productions.choices import (
    EngagementStatus,
    Phase,
    ProductionType,
    RateUnit,
    UnavailabilityKind,
)
from prodoffice.productions.models import Engagement, Position, Production, Unavailability
from prodoffice.productions.permissions import can_view_availability_reason

PRODUCTION_OUTPUT_FIELDS = (
    "id",
    "code",
    "title",
    "kind",
    "phase",
    "start_date",
    "shoot_start",
    "shoot_end",
    "end_date",
    "original_language",
    "studio",
    "production_company",
    "office_address",
    "office_phone",
    "office_email",
    "time_zone",
    "currency",
    "use_24h_clock",
    "created_at",
    "updated_at",
)


class ProductionSerializer(serializers.ModelSerializer):
    """A production as members see it."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    kind = EnumChoiceField(ProductionType.choices, "ProductionType", read_only=True)
    studio = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    production_company = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Production
        fields = PRODUCTION_OUTPUT_FIELDS
        read_only_fields = PRODUCTION_OUTPUT_FIELDS


class ProductionInputSerializer(serializers.ModelSerializer):
    """Writable production fields (phase moves by its own action; ids and times never)."""

    studio = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )
    production_company = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )

    # Upper-casing and uniqueness of the code are the service's to decide (with its own message).
    code = serializers.CharField(max_length=20)
    kind = EnumChoiceField(ProductionType.choices, "ProductionType")

    class Meta:
        model = Production
        fields = tuple(
            f
            for f in PRODUCTION_OUTPUT_FIELDS
            if f not in ("id", "phase", "created_at", "updated_at")
        )


class PhaseInputSerializer(serializers.Serializer):
    """The phase to move to."""

    phase = serializers.ChoiceField(choices=Phase.choices)


class NamedRefSerializer(serializers.Serializer):
    """A reference to a person or company: public id and display name."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="*", read_only=True)  # str(obj), no inspect per row


class PositionRefSerializer(serializers.ModelSerializer):
    """A catalogue position with its department."""

    department = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Position
        fields = ("id", "title", "department", "department_name", "is_key")
        read_only_fields = fields


class EngagementSerializer(serializers.ModelSerializer):
    """One line of the crew list; the pay fields only for the office and the person."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = EnumChoiceField(EngagementStatus.choices, "EngagementStatus", read_only=True)
    person = NamedRefSerializer(read_only=True)
    position = PositionRefSerializer(read_only=True)
    reports_to = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )
    # Not read-only on purpose: the schema must not list them as always present.
    rate = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    rate_unit = serializers.ChoiceField(choices=RateUnit.choices, required=False, allow_blank=True)
    currency = serializers.CharField(required=False, allow_blank=True)

    class Meta:
        model = Engagement
        fields = (
            "id",
            "production",
            "person",
            "position",
            "status",
            "start_date",
            "end_date",
            "reports_to",
            "cast_number",
            "character",
            "notes",
            "experience_warning",
            "rate",
            "rate_unit",
            "currency",
            "created_at",
            "updated_at",
        )
        read_only_fields = tuple(f for f in fields if f not in ("rate", "rate_unit", "currency"))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not can_view_rates(self.context["request"].user, instance):
            for field in ("rate", "rate_unit", "currency"):
                data.pop(field, None)
        return data


class EngagementInputSerializer(serializers.Serializer):
    """Writable engagement terms; status moves by its own action, production never moves."""

    position = serializers.PrimaryKeyRelatedField(queryset=Position.objects.all())
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    reports_to = ScopedSlugRelatedField(
        model=Engagement, slug_field="public_id", required=False, allow_null=True
    )
    cast_number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    character = serializers.CharField(required=False, allow_blank=True, max_length=120)
    rate = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    rate_unit = serializers.ChoiceField(choices=RateUnit.choices, required=False, allow_blank=True)
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    notes = serializers.CharField(required=False, allow_blank=True)


class EngagementCreateSerializer(EngagementInputSerializer):
    """A new engagement: which production (by code), who (by public id), and the initial status."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code")
    person = ScopedSlugRelatedField(model=Person, slug_field="public_id")
    status = EnumChoiceField(
        EngagementStatus.choices,
        "EngagementStatus",
        required=False,
        default=EngagementStatus.PROSPECT,
    )


class StatusInputSerializer(serializers.Serializer):
    """The engagement status to move to."""

    status = EnumChoiceField(EngagementStatus.choices, "EngagementStatus")


class UnavailabilitySerializer(serializers.ModelSerializer):
    """Dates someone cannot work; the reason only for the office and the person."""

    kind = EnumChoiceField(UnavailabilityKind.choices, "UnavailabilityKind", read_only=True)
    # Not read-only on purpose: the schema must not list it as always present.
    reason = serializers.CharField(required=False, allow_blank=True)

    class Meta:
        model = Unavailability
        fields = ("id", "start_date", "end_date", "kind", "reason", "created_at")
        read_only_fields = ("id", "start_date", "end_date", "created_at")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        if not can_view_availability_reason(user, instance.engagement):
            data.pop("reason", None)
        return data


class UnavailabilityInputSerializer(serializers.Serializer):
    """A range of dates (both ends included) someone cannot work."""

    start_date = serializers.DateField()
    end_date = serializers.DateField()
    kind = EnumChoiceField(
        UnavailabilityKind.choices, "UnavailabilityKind", default=UnavailabilityKind.OTHER
    )
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
