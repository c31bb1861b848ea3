"""Input and output shapes of the post API."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.api.uploads import FileInputSerializer, filename_field
from prodoffice.post.choices import (
    BookingLevel,
    CueStatus,
    DeliverableKind,
    DeliverableStatus,
    RoomKind,
    TaskKind,
)
from prodoffice.post.models import (
    AdrCue,
    Booking,
    CutVersion,
    Deliverable,
    PostTask,
    Room,
    VfxShot,
)
from prodoffice.post.services.delivery import MAX_FILE
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


class BookingLevelSerializer(serializers.Serializer):
    """`POST /api/v1/bookings/{id}/level/`: the new level (confirming re-checks clashes: 409)."""

    level = EnumChoiceField(BookingLevel.choices, "BookingLevel")


class PostTaskInputSerializer(serializers.Serializer):
    """A task's fields; on PATCH any subset (new dates slip the dependants)."""

    kind = EnumChoiceField(TaskKind.choices, "TaskKind")
    name = serializers.CharField(max_length=160)
    department = serializers.CharField(max_length=40, required=False, allow_blank=True)
    assignee = ScopedSlugRelatedField(
        model=Engagement, slug_field="public_id", required=False, allow_null=True
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    max_nc = serializers.IntegerField(min_value=0, max_value=70, required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class PostTaskCreateSerializer(PostTaskInputSerializer):
    """`POST /api/v1/post-tasks/`: a task of a production."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code")


class DependencySerializer(serializers.Serializer):
    """The task this one waits for (same production)."""

    depends_on = ScopedIdField(PostTask)


class DeliverableSerializer(serializers.ModelSerializer):
    """One item of a delivery schedule, its status and delivered file."""

    production = serializers.CharField(source="schedule.production.code", read_only=True)
    territory = serializers.CharField(source="schedule.territory", read_only=True)
    distributor = serializers.CharField(source="schedule.distributor", read_only=True)
    kind = EnumChoiceField(DeliverableKind.choices, "DeliverableKind", read_only=True)
    status = EnumChoiceField(DeliverableStatus.choices, "DeliverableStatus", read_only=True)
    task = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = ("id", "production", "territory", "distributor", "kind", "language", "status",
                  "due_date", "task", "file_name", "sha256", "has_file")  # fmt: skip
        read_only_fields = fields

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class DeliverableStatusSerializer(serializers.Serializer):
    """The deliverable's next status (by its transition table)."""

    status = EnumChoiceField(DeliverableStatus.choices, "DeliverableStatus")


class DeliverableFileSerializer(FileInputSerializer):
    """A delivered file: multipart `file` (large masters), or `filename` and `content_base64`
    in JSON (small files; JSON bodies are capped by PRODOFFICE_UPLOAD_MAX_BYTES)."""

    max_bytes = MAX_FILE
    max_name = 200
    filename = filename_field(max_name)


class DeliverableContentSerializer(serializers.Serializer):
    """The delivered file's name, SHA-256 and bytes (base64)."""

    filename = serializers.CharField()
    sha256 = serializers.CharField()
    content_base64 = serializers.CharField()


class _RangedSerializer(serializers.ModelSerializer):
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cut_version = serializers.PrimaryKeyRelatedField(read_only=True)
    status = EnumChoiceField(CueStatus.choices, "CueStatus", read_only=True)

    RANGED = ("id", "production", "cut_version", "record_in", "record_out", "status",
              "needs_conform", "conform_note", "notes")  # fmt: skip


class AdrCueSerializer(_RangedSerializer):
    """An ADR cue with its record range and conform flag."""

    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True,
                                              allow_null=True)  # fmt: skip

    class Meta:
        model = AdrCue
        fields = (*_RangedSerializer.RANGED, "cue", "character", "engagement", "line")
        read_only_fields = fields


class VfxShotSerializer(_RangedSerializer):
    """A VFX shot with its record range and conform flag."""

    class Meta:
        model = VfxShot
        fields = (*_RangedSerializer.RANGED, "shot", "description", "vendor")
        read_only_fields = fields


class _RangedCreateSerializer(serializers.Serializer):
    production = ScopedSlugRelatedField(model=Production, slug_field="code")
    cut_version = ScopedIdField(CutVersion)
    record_in = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    record_out = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    status = EnumChoiceField(CueStatus.choices, "CueStatus", required=False, default="open")
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class AdrCueCreateSerializer(_RangedCreateSerializer):
    """`POST /api/v1/adr-cues/`."""

    cue = serializers.CharField(max_length=40)
    character = serializers.CharField(max_length=120)
    engagement = ScopedSlugRelatedField(
        model=Engagement, slug_field="public_id", required=False, allow_null=True, default=None
    )
    line = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class VfxShotCreateSerializer(_RangedCreateSerializer):
    """`POST /api/v1/vfx-shots/`."""

    shot = serializers.CharField(max_length=40)
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default=""
    )
    vendor = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")


class AdrCueUpdateSerializer(AdrCueCreateSerializer):
    """`PATCH /api/v1/adr-cues/{id}/`: any of the cue's fields (not its production)."""

    production = None


class VfxShotUpdateSerializer(VfxShotCreateSerializer):
    """`PATCH /api/v1/vfx-shots/{id}/`: any of the shot's fields (not its production)."""

    production = None


class CueStatusSerializer(serializers.Serializer):
    """The cue's or shot's new status (done clears its conform flag)."""

    status = EnumChoiceField(CueStatus.choices, "CueStatus")


class RoomLinkSerializer(serializers.Serializer):
    """The room's new secret calendar link: shown once, only its hash is kept."""

    room = serializers.IntegerField()
    url = serializers.CharField()
