"""Input and output shapes of the paperwork desk's API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from prodoffice.api.fields import EnumChoiceField, PlainSlugRelatedField, ScopedSlugRelatedField
from prodoffice.api.uploads import FileInputSerializer, filename_field
from prodoffice.locations.choices import (
    Activity,
    DocumentKind,
    DocumentStatus,
    Facility,
    LocationType,
    PriceBasis,
    ScoutingStatus,
)
from prodoffice.locations.models import (
    CandidateVenue,
    Document,
    DocumentFile,
    JurisdictionRule,
    Location,
    LocationPhoto,
)
from prodoffice.locations.permissions import can_view_location_money
from prodoffice.people.models import Company, Person
from prodoffice.productions.models import Department, Production

# Contracts lie above locations (STYLE.md import direction): reach the model through the relation.
Contract = Document._meta.get_field("contract").related_model

# --- output ----------------------------------------------------------------------------------


@extend_schema_field(
    {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$", "example": "07:00"}
)
class WallClockField(serializers.TimeField):
    """A local wall-clock time as HH:MM (no offset: RFC 3339 "time" needs one); HH:MM:SS read."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", input_formats=["%H:%M", "%H:%M:%S"], **kwargs)


class LegalDocumentFileSerializer(serializers.ModelSerializer):
    """One stored version of the document's file."""

    class Meta:
        model = DocumentFile
        fields = ("version", "filename", "content_type", "size", "sha256", "created_at")
        read_only_fields = fields


class LegalDocumentSerializer(serializers.ModelSerializer):
    """A legal document with its dates, coverage, links, dependencies and file versions."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = EnumChoiceField(DocumentKind.choices, "LegalDocumentKind", read_only=True)
    status = EnumChoiceField(DocumentStatus.choices, "LegalDocumentStatus", read_only=True)
    activities = serializers.ListField(
        child=EnumChoiceField(Activity.choices, "PaperworkActivity"), read_only=True
    )
    location = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    company = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    contract = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    department = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    rule = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    depends_on = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    approved_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    files = LegalDocumentFileSerializer(many=True, read_only=True)
    hours_start = WallClockField(read_only=True, allow_null=True)
    hours_end = WallClockField(read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = (
            "id",
            "production",
            "kind",
            "status",
            "title",
            "issuer",
            "reference",
            "effective_date",
            "expiry_date",
            "covers_start",
            "covers_end",
            "hours_start",
            "hours_end",
            "activities",
            "fee",
            "currency",
            "insurance_limit",
            "insured_wording",
            "location",
            "person",
            "company",
            "contract",
            "department",
            "rule",
            "apply_from",
            "apply_by",
            "depends_on",
            "approved_by",
            "approved_at",
            "notes",
            "files",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ReadinessSerializer(serializers.Serializer):
    """A location on a date: its readiness and the missing pieces (the CLI's shape)."""

    date = serializers.DateField()
    location = serializers.CharField()
    status = EnumChoiceField(
        [("ready", "Ready"), ("at_risk", "At risk"), ("not_ready", "Not ready")], "Readiness"
    )
    missing = serializers.ListField(child=serializers.CharField())


class DueItemSerializer(serializers.Serializer):
    """Something to act on within the window (the CLI's shape)."""

    document = serializers.CharField()
    kind = EnumChoiceField(DocumentKind.choices, "LegalDocumentKind")
    status = EnumChoiceField(DocumentStatus.choices, "LegalDocumentStatus")
    date = serializers.DateField()
    why = EnumChoiceField(
        [("expires", "Expires"), ("apply_by", "Apply by"), ("missing", "Missing")], "DueWhy"
    )
    location = serializers.CharField(allow_null=True)


# --- input -----------------------------------------------------------------------------------


class LegalDocumentInputSerializer(serializers.Serializer):
    """Writable document fields (the status moves through the actions)."""

    title = serializers.CharField(max_length=200)
    issuer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reference = serializers.CharField(max_length=80, required=False, allow_blank=True)
    effective_date = serializers.DateField(required=False, allow_null=True)
    expiry_date = serializers.DateField(required=False, allow_null=True)
    covers_start = serializers.DateField(required=False, allow_null=True)
    covers_end = serializers.DateField(required=False, allow_null=True)
    hours_start = WallClockField(required=False, allow_null=True)
    hours_end = WallClockField(required=False, allow_null=True)
    activities = serializers.ListField(
        child=EnumChoiceField(Activity.choices, "PaperworkActivity"), required=False, max_length=8
    )
    fee = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    insurance_limit = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    insured_wording = serializers.CharField(required=False, allow_blank=True)
    location = ScopedSlugRelatedField(
        model=Location, slug_field="public_id", required=False, allow_null=True
    )
    person = ScopedSlugRelatedField(
        model=Person, slug_field="public_id", required=False, allow_null=True
    )
    department = PlainSlugRelatedField(
        slug_field="slug", queryset=Department.objects.all(), required=False, allow_null=True
    )
    company = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True
    )
    contract = ScopedSlugRelatedField(
        model=Contract,
        slug_field="public_id",
        required=False,
        allow_null=True,
        help_text="The contract desk's agreement (a location agreement), by its id.",
    )
    rule = ScopedSlugRelatedField(
        model=JurisdictionRule,
        slug_field="id",
        required=False,
        allow_null=True,
        help_text="The permit office whose rule gives the apply-by date (its id).",
    )
    notes = serializers.CharField(required=False, allow_blank=True)


class LegalDocumentCreateSerializer(LegalDocumentInputSerializer):
    """A new document on a production (office)."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")
    kind = EnumChoiceField(DocumentKind.choices, "LegalDocumentKind")


class LegalDocumentStatusSerializer(serializers.Serializer):
    """The status to move to (approved: the production manager only)."""

    status = EnumChoiceField(DocumentStatus.choices, "LegalDocumentStatus")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class LegalDocumentDependSerializer(serializers.Serializer):
    """The document this one depends on (of the same production)."""

    on = ScopedSlugRelatedField(model=Document, slug_field="public_id")


class LegalDocumentUploadSerializer(FileInputSerializer):
    """A new version of the file: multipart `file`, or `filename` and `content_base64` in JSON."""

    max_name = 200
    filename = filename_field(max_name)


class ReadinessQuerySerializer(serializers.Serializer):
    """Which board (default: the working board) and dates."""

    board = serializers.UUIDField(required=False)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)


class DueQuerySerializer(serializers.Serializer):
    """How many days ahead."""

    days = serializers.IntegerField(min_value=1, max_value=366, default=30)


# --- locations -------------------------------------------------------------------------------

MONEY_FIELDS = ("fee", "deposit", "currency")


class LocationSerializer(serializers.ModelSerializer):
    """A location of a production; fee, deposit and currency are the office's (null otherwise)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = EnumChoiceField(LocationType.choices, "LocationType", read_only=True)
    scouting_status = EnumChoiceField(ScoutingStatus.choices, "ScoutingStatus", read_only=True)
    facilities = serializers.ListField(
        child=EnumChoiceField(Facility.choices, "LocationFacility"), read_only=True
    )
    permit_office = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    backups = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    fee = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, allow_null=True)
    deposit = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    currency = serializers.CharField(read_only=True, allow_null=True)
    access_start = WallClockField(read_only=True, allow_null=True)
    access_end = WallClockField(read_only=True, allow_null=True)

    class Meta:
        model = Location
        fields = (
            "id",
            "production",
            "name",
            "address",
            "latitude",
            "longitude",
            "kind",
            "scouting_status",
            "time_zone",
            "access_start",
            "access_end",
            "restrictions",
            "noise",
            "neighbours",
            "facilities",
            "power_water",
            "parking",
            "truck_access",
            "base_camp",
            "restrooms",
            "holding",
            "contact_name",
            "contact_phone",
            "contact_email",
            "hospital_name",
            "hospital_address",
            "hospital_phone",
            "permit_office",
            "backups",
            "fee",
            "deposit",
            "currency",
            "notes",
        )
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not can_view_location_money(user, instance.production):
            data.update(dict.fromkeys(MONEY_FIELDS))
        return data


class LocationInputSerializer(serializers.Serializer):
    """Writable location fields (the services check the rest: both coordinates or neither,
    a currency with a fee, access hours in order, a unique name)."""

    name = serializers.CharField(max_length=120)
    address = serializers.CharField(required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        allow_null=True,
    )
    kind = EnumChoiceField(LocationType.choices, "LocationType", required=False)
    scouting_status = EnumChoiceField(ScoutingStatus.choices, "ScoutingStatus", required=False)
    time_zone = serializers.CharField(max_length=64, required=False, allow_blank=True)
    access_start = WallClockField(required=False, allow_null=True)
    access_end = WallClockField(required=False, allow_null=True)
    facilities = serializers.ListField(
        child=EnumChoiceField(Facility.choices, "LocationFacility"), required=False, max_length=8
    )
    permit_office = ScopedSlugRelatedField(
        model=JurisdictionRule, slug_field="id", required=False, allow_null=True
    )
    fee = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    deposit = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)


for _name in (
    "restrictions",
    "noise",
    "neighbours",
    "power_water",
    "parking",
    "truck_access",
    "base_camp",
    "restrooms",
    "holding",
    "hospital_address",
    "notes",
):
    LocationInputSerializer._declared_fields[_name] = serializers.CharField(
        required=False, allow_blank=True
    )
for _name, _length in (
    ("contact_name", 120),
    ("contact_phone", 30),
    ("hospital_name", 120),
    ("hospital_phone", 30),
):
    LocationInputSerializer._declared_fields[_name] = serializers.CharField(
        max_length=_length, required=False, allow_blank=True
    )


class LocationCreateSerializer(LocationInputSerializer):
    """A new location on a production (office)."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")


# --- permit offices --------------------------------------------------------------------------


class RuleSerializer(serializers.ModelSerializer):
    """A permit office's rule: lead time in business days, how far ahead, insurance required."""

    production = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    holidays = serializers.ListField(child=serializers.DateField(), read_only=True)

    class Meta:
        model = JurisdictionRule
        fields = (
            "id",
            "production",
            "name",
            "jurisdiction",
            "lead_business_days",
            "max_days_ahead",
            "required_limit",
            "currency",
            "required_wording",
            "holidays",
        )
        read_only_fields = fields


class RuleInputSerializer(serializers.Serializer):
    """Writable rule fields."""

    name = serializers.CharField(max_length=120)
    jurisdiction = serializers.CharField(max_length=120, required=False, allow_blank=True)
    lead_business_days = serializers.IntegerField(min_value=0, max_value=365, required=False)
    max_days_ahead = serializers.IntegerField(min_value=0, max_value=3650, required=False)
    required_limit = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    required_wording = serializers.CharField(required=False, allow_blank=True)
    holidays = serializers.ListField(child=serializers.DateField(), required=False, max_length=400)

    def validate_holidays(self, value):
        return sorted({d.isoformat() for d in value})

    def validate_currency(self, value):
        return value.strip().upper()


class RuleCreateSerializer(RuleInputSerializer):
    """A production's own rule (office; no production: a shared one, administrators)."""

    production = ScopedSlugRelatedField(
        model=Production, slug_field="code", action="change", required=False, allow_null=True
    )


# --- scouting photos -------------------------------------------------------------------------


class LocationPhotoSerializer(serializers.ModelSerializer):
    """A scouting photo: its location, name, type, SHA-256, size and caption (bytes: `file/`)."""

    location = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = LocationPhoto
        fields = ("id", "location", "filename", "content_type", "sha256", "size", "caption")
        read_only_fields = fields


class LocationPhotoUploadSerializer(LegalDocumentUploadSerializer):
    """A new photo of a location (PNG or JPEG, checked by content): multipart `file`, or
    `filename` and `content_base64` in JSON."""

    location = ScopedSlugRelatedField(model=Location, slug_field="public_id", action="change")
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


# --- candidate venues ------------------------------------------------------------------------

CANDIDATE_MONEY = ("price", "currency")


class CandidateSerializer(serializers.ModelSerializer):
    """A location considered for a set; price and currency are the office's (null otherwise)."""

    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    location = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    location_name = serializers.CharField(source="location.name", read_only=True)
    basis = EnumChoiceField(PriceBasis.choices, "PriceBasis", read_only=True)
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    currency = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = CandidateVenue
        fields = (
            "id",
            "production",
            "set_name",
            "location",
            "location_name",
            "price",
            "basis",
            "currency",
            "notes",
        )
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = getattr(self.context.get("request"), "user", None)
        if not can_view_location_money(user, instance.production):
            data.update(dict.fromkeys(CANDIDATE_MONEY))
        return data


class CandidateInputSerializer(serializers.Serializer):
    """A candidate's price (flat or per day), currency and notes."""

    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    basis = EnumChoiceField(PriceBasis.choices, "PriceBasis", required=False)
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)


class CandidateCreateSerializer(CandidateInputSerializer):
    """Consider a location of the production for a set (office)."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")
    set_name = serializers.CharField(max_length=200)
    location = ScopedSlugRelatedField(model=Location, slug_field="public_id", action="change")


class CandidateQuerySerializer(serializers.Serializer):
    """One set only (as the scene headings write it)."""

    set = serializers.CharField(max_length=200, required=False, allow_blank=True)


class VenueOptionSerializer(serializers.Serializer):
    """A venue of the comparison: the candidate, its location's scouting facts, and the total
    for the set's shoot days on the working board (null without a price, or for non-office)."""

    candidate = serializers.IntegerField()
    location = serializers.UUIDField()
    location_name = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    basis = EnumChoiceField(PriceBasis.choices, "PriceBasis")
    currency = serializers.CharField(allow_null=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    scouting_status = EnumChoiceField(ScoutingStatus.choices, "ScoutingStatus")
    kind = EnumChoiceField(LocationType.choices, "LocationType")
    facilities = serializers.ListField(child=EnumChoiceField(Facility.choices, "LocationFacility"))
    notes = serializers.CharField()


class SetComparisonSerializer(serializers.Serializer):
    """One set: its shoot days on the working board and its venues, cheapest total first."""

    set_name = serializers.CharField()
    shoot_days = serializers.IntegerField()
    venues = VenueOptionSerializer(many=True)
