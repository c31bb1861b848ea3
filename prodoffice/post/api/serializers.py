"""Input and output shapes of the post API."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.post.choices import BookingLevel, RoomKind
from prodoffice.post.models import Booking, CutVersion, PostTask, Room
from prodoffice.productions.models import Engagement, Production


@extend_schema_field(OpenApiTypes.INT)
class ScopedIdField(ScopedSlugRelatedField):
    """A row id looked up among the rows the user may see."""

    def __init__(self, model, **kwargs):
        super().__init__(model=model, slug_field="pk", **kwargs)

    def to_representation(self, value):
        return value.pk


class RoomSerializer(serializers.ModelSerializer):
    """A room a production may book: id, name, kind, noise criterion rating."""

    kind = EnumChoiceField(RoomKind.choices, "RoomKind", read_only=True)

    class Meta:
        model = Room
        fields = ("id", "name", "kind", "nc_rating")
        read_only_fields = fields


class BookingSerializer(serializers.ModelSerializer):
    """A booking of a room (and people) at a level."""

    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    room = serializers.PrimaryKeyRelatedField(read_only=True)
    task = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    level = EnumChoiceField(BookingLevel.choices, "BookingLevel", read_only=True)
    engagements = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)

    class Meta:
        model = Booking
        fields = ("id", "production", "room", "start", "end", "level", "task", "engagements",
                  "title")  # fmt: skip
        read_only_fields = fields


class BookingCreateSerializer(serializers.Serializer):
    """`POST /api/v1/bookings/`: a room for a time at a level, for a task, with people."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code")
    room = ScopedIdField(Room)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    level = EnumChoiceField(BookingLevel.choices, "BookingLevel")
    task = ScopedIdField(PostTask, required=False, allow_null=True, default=None)
    engagements = serializers.ListField(
        child=ScopedSlugRelatedField(model=Engagement, slug_field="public_id"),
        required=False,
        default=list,
        max_length=50,
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PostTaskSerializer(serializers.ModelSerializer):
    """A task of the post pipeline with its dates, slip and conform flag."""

    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="public_id", read_only=True,
                                            allow_null=True)  # fmt: skip
    depends_on = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    slip_days = serializers.IntegerField(read_only=True)

    class Meta:
        model = PostTask
        fields = ("id", "production", "kind", "name", "department", "assignee", "start_date",
                  "end_date", "planned_start", "planned_end", "slip_days", "status", "max_nc",
                  "depends_on", "needs_conform", "conform_note")  # fmt: skip
        read_only_fields = fields


class CutVersionSerializer(serializers.ModelSerializer):
    """One imported version of a cut."""

    cut = serializers.CharField(source="cut.name", read_only=True)
    production = serializers.CharField(source="cut.production.code", read_only=True)
    fps = serializers.CharField(source="fps_label", read_only=True)
    duration = serializers.CharField(read_only=True)
    events = serializers.IntegerField(source="clip_count", read_only=True)
    transitions = serializers.IntegerField(source="transition_count", read_only=True)
    gaps = serializers.IntegerField(source="gap_count", read_only=True)

    class Meta:
        model = CutVersion
        fields = ("id", "production", "cut", "number", "fps", "fps_numerator", "fps_denominator",
                  "duration_frames", "duration", "events", "transitions", "gaps", "source_format",
                  "source_name", "sha256", "imported_at")  # fmt: skip
        read_only_fields = fields


class ChangeSerializer(serializers.Serializer):
    """One entry of a change list, in frames (null where it does not apply)."""

    clip = serializers.CharField()
    old_record_in = serializers.IntegerField(allow_null=True)
    old_record_out = serializers.IntegerField(allow_null=True)
    new_record_in = serializers.IntegerField(allow_null=True)
    new_record_out = serializers.IntegerField(allow_null=True)


class ChangeListSerializer(serializers.Serializer):
    """The change list between two versions."""

    added = ChangeSerializer(many=True)
    removed = ChangeSerializer(many=True)
    trimmed = ChangeSerializer(many=True)
    moved = ChangeSerializer(many=True)
