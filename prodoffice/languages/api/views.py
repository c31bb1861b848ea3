"""The language desk over the API: the production's languages (and their dubbed versions in
the delivery schedules), linguists (rates for the office only), work items and their status
moves, subtitle tracks (uploads as multipart or base64 JSON) and their QC report in the CLI's
JSON shape, dubbing scripts and recording sessions. Every write calls the service the web
pages and the CLI call."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.fields import EnumChoiceField
from prodoffice.api.schema import ErrorSerializer
from prodoffice.api.uploads import UploadParsersMixin
from prodoffice.languages import selectors
from prodoffice.languages.api import inputs
from prodoffice.languages.choices import (
    DeliveryKind,
    LanguageRole,
    SessionStatus,
    SubtitleKind,
    WorkKind,
    WorkStatus,
)
from prodoffice.languages.filters import (
    DubbingLineFilter,
    LinguistFilter,
    ProductionLanguageFilter,
    RecordingSessionFilter,
    SubtitleFileFilter,
    VoiceRoleFilter,
    WorkItemFilter,
)
from prodoffice.languages.models import (
    DubbingLine,
    Linguist,
    ProductionLanguage,
    RecordingSession,
    SubtitleFile,
    SubtitleVersion,
    VoiceRole,
    WorkItem,
)
from prodoffice.languages.permissions import can_view_rates
from prodoffice.languages.services import deliveries, desk, dubbing, script, subtitles

# --- output ----------------------------------------------------------------------------------


class PairSerializer(serializers.Serializer):
    """A language pair; `rate` is null for whoever may not see rates."""

    source = serializers.CharField()
    target = serializers.CharField()
    proficiency = serializers.CharField()
    years_experience = serializers.IntegerField()
    rate = serializers.SerializerMethodField()
    currency = serializers.CharField()
    rate_unit = serializers.CharField()

    def get_rate(self, pair) -> str | None:
        """The rate as a decimal string, for the office only."""
        visible = self.context.get("show_rates", set())
        return str(pair.rate) if pair.linguist.production_id in visible else None


class LinguistSerializer(serializers.ModelSerializer):
    """A translator or language vendor on a production's roster."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    is_vendor = serializers.BooleanField(read_only=True)
    specialisms = serializers.ListField(child=serializers.CharField(), read_only=True)
    contract = serializers.CharField(
        source="contract.reference", read_only=True, allow_null=True, default=None
    )
    pairs = PairSerializer(many=True, read_only=True)

    class Meta:
        model = Linguist
        fields = ("id", "production", "name", "is_vendor", "specialisms", "contract", "pairs")
        read_only_fields = fields


class WorkItemSerializer(serializers.ModelSerializer):
    """A piece of language work."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = EnumChoiceField(WorkKind.choices, "LanguageWorkKind", read_only=True)
    status = EnumChoiceField(WorkStatus.choices, "LanguageWorkStatus", read_only=True)
    assignee = serializers.UUIDField(
        source="assignee.public_id", read_only=True, allow_null=True, default=None
    )
    subtitle_file = serializers.UUIDField(
        source="subtitle_file.public_id", read_only=True, allow_null=True, default=None
    )
    cut_version = serializers.CharField(
        source="cut_version.reference", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = WorkItem
        fields = (
            "id",
            "production",
            "language",
            "kind",
            "status",
            "assignee",
            "due_date",
            "subtitle_file",
            "cut_version",
            "notes",
        )
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):
    """One uploaded version of a track, with its QC counts per rule."""

    cut_version = serializers.CharField(
        source="cut_version.reference", read_only=True, allow_null=True, default=None
    )
    fps = serializers.SerializerMethodField()
    qc_counts = serializers.DictField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = SubtitleVersion
        fields = (
            "number",
            "filename",
            "format",
            "encoding",
            "event_count",
            "fps",
            "cut_version",
            "sha256",
            "qc_counts",
            "created_at",
        )
        read_only_fields = fields

    def get_fps(self, version) -> str:
        """The exact frame rate as a fraction ('24000/1001')."""
        return str(version.fps)


class SubtitleFileSerializer(serializers.ModelSerializer):
    """A subtitle track and its versions, the latest first."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = EnumChoiceField(SubtitleKind.choices, "SubtitleKind", read_only=True)
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = SubtitleFile
        fields = ("id", "production", "language", "kind", "name", "versions")
        read_only_fields = fields


class ViolationSerializer(serializers.Serializer):
    """One rule broken by one event."""

    event = serializers.IntegerField()
    rule = serializers.CharField()
    start = serializers.CharField(help_text="HH:MM:SS.mmm")
    message = serializers.CharField()


class QcReportSerializer(serializers.Serializer):
    """The QC report of a version, in the shape of `prodoffice subtitles qc --json`."""

    events = serializers.IntegerField()
    format = serializers.CharField()
    encoding = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    violations = ViolationSerializer(many=True)
    fps = serializers.CharField()
    profile = serializers.DictField()


class WorkStatusInputSerializer(serializers.Serializer):
    """The status a work item moves to."""

    status = serializers.ChoiceField(choices=WorkStatus.choices)


class ProductionLanguageSerializer(serializers.ModelSerializer):
    """A language of a production: the original, or a target with kinds and territories."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    role = EnumChoiceField(LanguageRole.choices, "LanguageRole", read_only=True)
    kinds = serializers.ListField(
        child=EnumChoiceField(DeliveryKind.choices, "LanguageDeliveryKind"), read_only=True
    )
    territories = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ProductionLanguage
        fields = (
            "id",
            "production",
            "language",
            "role",
            "kinds",
            "territories",
            "children",
            "max_chars_per_line",
            "max_cps",
        )
        read_only_fields = fields


class DubbedLinkSerializer(serializers.Serializer):
    """A dubbed-version deliverable of a territory's delivery schedule."""

    schedule = serializers.CharField(source="schedule.__str__")
    deliverable = serializers.IntegerField(source="deliverable.pk")
    language = serializers.CharField(source="deliverable.language")
    due_date = serializers.DateField(source="deliverable.due_date")
    status = serializers.CharField(source="deliverable.status")
    created = serializers.BooleanField(help_text="Added now (false: it was there already).")


class DubbedLinksSerializer(serializers.Serializer):
    """A language's dubbed versions in the delivery schedules of its territories."""

    language = serializers.CharField()
    deliverables = DubbedLinkSerializer(many=True)


class DubbingLineSerializer(serializers.ModelSerializer):
    """One line of a dubbing script."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DubbingLine
        fields = (
            "id",
            "production",
            "language",
            "number",
            "scene",
            "character",
            "original",
            "adapted",
            "tc_in",
            "tc_out",
        )
        read_only_fields = fields


class VoiceRoleSerializer(serializers.ModelSerializer):
    """Who voices a character in a dubbed language."""

    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    performer = serializers.UUIDField(
        source="performer.public_id", read_only=True, allow_null=True, default=None
    )
    engagement = serializers.UUIDField(
        source="engagement.public_id", read_only=True, allow_null=True, default=None
    )
    contract = serializers.CharField(
        source="contract.reference", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = VoiceRole
        fields = (
            "id",
            "production",
            "language",
            "character",
            "performer",
            "engagement",
            "contract",
        )
        read_only_fields = fields


class RecordingSessionSerializer(serializers.ModelSerializer):
    """A recording session and the post booking that holds its room."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    voice_role = serializers.IntegerField(source="voice_role_id", read_only=True)
    language = serializers.CharField(source="voice_role.language", read_only=True)
    character = serializers.CharField(source="voice_role.character", read_only=True)
    room = serializers.IntegerField(source="room_id", read_only=True, allow_null=True)
    booking = serializers.IntegerField(source="booking_id", read_only=True, allow_null=True)
    status = EnumChoiceField(SessionStatus.choices, "RecordingSessionStatus", read_only=True)

    class Meta:
        model = RecordingSession
        fields = (
            "id",
            "production",
            "voice_role",
            "language",
            "character",
            "room",
            "booking",
            "starts_at",
            "ends_at",
            "status",
        )
        read_only_fields = fields


class DubbingImportAnswerSerializer(serializers.Serializer):
    """The script a file became: every line, in order."""

    language = serializers.CharField()
    lines = DubbingLineSerializer(many=True)


# --- viewsets --------------------------------------------------------------------------------


def _created(view, instance):
    return view.answer(instance, status.HTTP_201_CREATED)


def _create_schema(input_cls, output_cls, description: str = ""):
    return extend_schema_view(
        create=extend_schema(
            request=input_cls, responses={201: output_cls}, description=description
        )
    )


@_create_schema(inputs.ProductionLanguageInputSerializer, ProductionLanguageSerializer)
class ProductionLanguageViewSet(ListRetrieveMixin, ScopedViewSet):
    """The languages of the productions; the office adds them (a dubbing target language is
    linked into its territories' delivery schedules on the way)."""

    model = ProductionLanguage
    output_serializer_class = ProductionLanguageSerializer
    input_serializer_classes = {"create": inputs.ProductionLanguageInputSerializer}
    filterset_class = ProductionLanguageFilter
    ordering_aliases = {"language": ("language",)}
    ordering = ("production_id", "role", "language")

    def optimise(self, queryset):
        return queryset.select_related("production")

    def create(self, request):
        """Add the original or a target language (office)."""
        entry = desk.production_language_add(actor=request.user, **self.validated())
        return _created(self, entry)

    @extend_schema(request=None, responses={200: DubbedLinksSerializer})
    @action(detail=True, methods=["post"], url_path="dubbed-deliverables")
    def dubbed_deliverables(self, request, id=None):
        """Find or add the dubbed version in each delivery schedule of its territories."""
        entry = self.get_object()
        links = deliveries.dubbed_versions_link(actor=request.user, entry=entry)
        data = {"language": entry.language, "deliverables": links}
        return Response(DubbedLinksSerializer(data).data)


@_create_schema(inputs.LinguistInputSerializer, LinguistSerializer)
class LinguistViewSet(ListRetrieveMixin, ScopedViewSet):
    """The language roster: production-wide roles read it; rates are shown to the office only."""

    model = Linguist
    output_serializer_class = LinguistSerializer
    input_serializer_classes = {"create": inputs.LinguistInputSerializer}
    filterset_class = LinguistFilter
    ordering_aliases = {"name": ("name",)}
    ordering = ("production_id", "name")

    def optimise(self, queryset):
        return queryset.select_related("production", "contract").prefetch_related("pairs__linguist")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        ids = Linguist.objects.for_user(user, "change").values_list("production_id", flat=True)
        context["show_rates"] = {pid for pid in ids.distinct() if _rates(user, pid)}
        return context

    def create(self, request):
        """Put a translator or vendor on the roster with their language pairs (office)."""
        values = self.validated()
        values["pairs"] = [dict(p) for p in values.get("pairs", [])]
        return _created(self, desk.linguist_add(actor=request.user, **values))


def _rates(user, production_id) -> bool:
    from prodoffice.productions.models import Production

    return can_view_rates(user, Production(pk=production_id))


@_create_schema(
    inputs.WorkItemInputSerializer,
    WorkItemSerializer,
    "Without a due date, the work takes the date of the earliest open deliverable it feeds.",
)
class WorkItemViewSet(ListRetrieveMixin, ScopedViewSet):
    """Language work items; the office adds them and moves them along their transition table."""

    model = WorkItem
    output_serializer_class = WorkItemSerializer
    input_serializer_classes = {"create": inputs.WorkItemInputSerializer}
    filterset_class = WorkItemFilter
    ordering_aliases = {"due_date": ("due_date",), "status": ("status",)}
    ordering = ("production_id", "due_date", "pk")

    def optimise(self, queryset):
        return queryset.select_related(
            "production", "assignee", "subtitle_file", "cut_version__cut__production"
        )

    def create(self, request):
        """Add a piece of language work (office)."""
        return _created(self, desk.work_item_create(actor=request.user, **self.validated()))

    @extend_schema(
        request=WorkStatusInputSerializer,
        responses={200: WorkItemSerializer, 422: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def move(self, request, id=None):
        """Move the work item to another status (office)."""
        item = self.get_object()
        status = self.validated(WorkStatusInputSerializer)["status"]
        return self.answer(desk.work_item_transition(actor=request.user, item=item, status=status))


@_create_schema(
    inputs.SubtitleUploadInputSerializer,
    SubtitleFileSerializer,
    "Upload a subtitle file (multipart `file`, or JSON `filename` + `content_base64`): the "
    "next version of its track (production, language, kind, name), read and checked first.",
)
class SubtitleFileViewSet(UploadParsersMixin, ListRetrieveMixin, ScopedViewSet):
    """Subtitle tracks with their versions and QC counts; the full report per version."""

    model = SubtitleFile
    output_serializer_class = SubtitleFileSerializer
    input_serializer_classes = {"create": inputs.SubtitleUploadInputSerializer}
    filterset_class = SubtitleFileFilter
    ordering_aliases = {"name": ("name",), "language": ("language",)}
    ordering = ("production_id", "language", "name")
    upload_actions = frozenset({"create"})

    def optimise(self, queryset):
        versions = SubtitleVersion.objects.defer("data").select_related(
            "cut_version__cut__production"
        )
        return queryset.select_related("production").prefetch_related(
            Prefetch("versions", versions.order_by("-number"))
        )

    def create(self, request):
        """Keep an uploaded file as the next version of its track (office)."""
        version = subtitles.subtitle_version_upload(actor=request.user, **self.validated())
        return _created(self, version.subtitle_file)

    @extend_schema(responses={200: QcReportSerializer})
    @action(detail=True, methods=["get"])
    def qc(self, request, id=None):
        """The QC report per event of the latest version (the CLI's JSON)."""
        track = self.get_object()
        version = track.versions.select_related("cut_version").order_by("-number").first()
        return Response(selectors.version_report(version).as_dict())


@_create_schema(
    inputs.DubbingLineInputSerializer,
    DubbingLineSerializer,
    "Without a number the line goes after the last one of the language's script.",
)
class DubbingLineViewSet(ListRetrieveMixin, ScopedViewSet):
    """Dubbing scripts, line by line (`?production=CODE&language=de`); the office adds lines or
    replaces a language's script from a CSV or XLSX file."""

    model = DubbingLine
    output_serializer_class = DubbingLineSerializer
    input_serializer_classes = {
        "create": inputs.DubbingLineInputSerializer,
        "import_script": inputs.DubbingImportInputSerializer,
    }
    filterset_class = DubbingLineFilter
    ordering_aliases = {"number": ("number",)}
    ordering = ("production_id", "language", "number")

    def optimise(self, queryset):
        return queryset.select_related("production")

    def create(self, request):
        """Add a line to a language's dubbing script (office)."""
        return _created(self, script.dubbing_line_add(actor=request.user, **self.validated()))

    @extend_schema(
        request=inputs.DubbingImportInputSerializer,
        responses={201: DubbingImportAnswerSerializer, 422: ErrorSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_script(self, request):
        """Replace a language's dubbing script with a CSV or XLSX file; a bad line refuses it."""
        values = self.validated()
        lines = script.dubbing_script_import(
            actor=request.user,
            production=values["production"],
            language=values["language"],
            filename=values["filename"],
            data=values["content_base64"],
        )
        rows = self.get_queryset().filter(pk__in=[x.pk for x in lines]).order_by("number")
        data = {"language": lines[0].language, "lines": rows}
        return Response(DubbingImportAnswerSerializer(data).data, status=status.HTTP_201_CREATED)


@_create_schema(
    inputs.RecordingSessionInputSerializer,
    RecordingSessionSerializer,
    "Books the post room (and the voice's engagement) through post's booking service; a clash "
    "at confirmed level answers 409 naming the booking.",
)
class RecordingSessionViewSet(ListRetrieveMixin, ScopedViewSet):
    """Dubbing recording sessions, each held by a booking of a post room."""

    model = RecordingSession
    output_serializer_class = RecordingSessionSerializer
    input_serializer_classes = {
        "create": inputs.RecordingSessionInputSerializer,
        "move": inputs.SessionStatusInputSerializer,
    }
    filterset_class = RecordingSessionFilter
    ordering_aliases = {"starts_at": ("starts_at",)}
    ordering = ("production_id", "starts_at", "pk")

    def optimise(self, queryset):
        return queryset.select_related("production", "voice_role")

    def create(self, request):
        """Book a recording session in a post room (office)."""
        values = self.validated()
        return _created(self, dubbing.recording_session_book(actor=request.user, **values))

    @extend_schema(
        request=inputs.SessionStatusInputSerializer,
        responses={200: RecordingSessionSerializer, 422: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def move(self, request, id=None):
        """Recorded, cancelled (the room is released) or booked again (office)."""
        session = self.get_object()
        values = self.validated(inputs.SessionStatusInputSerializer)
        return self.answer(
            dubbing.recording_session_transition(
                actor=request.user, session=session, status=values["status"]
            )
        )


@_create_schema(
    inputs.VoiceRoleInputSerializer,
    VoiceRoleSerializer,
    "Casts the voice, or recasts it when the language already has that character.",
)
class VoiceRoleViewSet(ListRetrieveMixin, ScopedViewSet):
    """The voice cast per language and character (ids are row ids, as recording sessions use)."""

    model = VoiceRole
    output_serializer_class = VoiceRoleSerializer
    input_serializer_classes = {"create": inputs.VoiceRoleInputSerializer}
    filterset_class = VoiceRoleFilter
    lookup_field = "pk"
    lookup_value_regex = INT_RE
    ordering_aliases = {"character": ("character",)}
    ordering = ("production_id", "language", "character")

    def optimise(self, queryset):
        return queryset.select_related("production", "performer", "engagement", "contract")

    def create(self, request):
        """Cast a character's voice in a dubbed language (office)."""
        return _created(self, dubbing.voice_role_cast(actor=request.user, **self.validated()))
