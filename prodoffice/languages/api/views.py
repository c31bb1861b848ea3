"""The language desk over the API: linguists (rates for the office only), work items and their
status moves, subtitle tracks and their QC report in the CLI's JSON shape."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from prodoffice.api.base import ListRetrieveMixin, ScopedViewSet
from prodoffice.api.fields import EnumChoiceField
from prodoffice.api.schema import ErrorSerializer
from prodoffice.languages import selectors
from prodoffice.languages.choices import SubtitleKind, WorkKind, WorkStatus
from prodoffice.languages.filters import LinguistFilter, SubtitleFileFilter, WorkItemFilter
from prodoffice.languages.models import Linguist, SubtitleFile, SubtitleVersion, WorkItem
from prodoffice.languages.permissions import can_view_rates
from prodoffice.languages.services import desk

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


# --- viewsets --------------------------------------------------------------------------------


class LinguistViewSet(ListRetrieveMixin, ScopedViewSet):
    """The language roster: production-wide roles read it; rates are shown to the office only."""

    model = Linguist
    output_serializer_class = LinguistSerializer
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


def _rates(user, production_id) -> bool:
    from prodoffice.productions.models import Production

    return can_view_rates(user, Production(pk=production_id))


class WorkItemViewSet(ListRetrieveMixin, ScopedViewSet):
    """Language work items; the office moves them along their transition table."""

    model = WorkItem
    output_serializer_class = WorkItemSerializer
    filterset_class = WorkItemFilter
    ordering_aliases = {"due_date": ("due_date",), "status": ("status",)}
    ordering = ("production_id", "due_date", "pk")

    def optimise(self, queryset):
        return queryset.select_related(
            "production", "assignee", "subtitle_file", "cut_version__cut__production"
        )

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


class SubtitleFileViewSet(ListRetrieveMixin, ScopedViewSet):
    """Subtitle tracks with their versions and QC counts; the full report per version."""

    model = SubtitleFile
    output_serializer_class = SubtitleFileSerializer
    filterset_class = SubtitleFileFilter
    ordering_aliases = {"name": ("name",), "language": ("language",)}
    ordering = ("production_id", "language", "name")

    def optimise(self, queryset):
        versions = SubtitleVersion.objects.defer("data").select_related(
            "cut_version__cut__production"
        )
        return queryset.select_related("production").prefetch_related(
            Prefetch("versions", versions.order_by("-number"))
        )

    @extend_schema(responses={200: QcReportSerializer})
    @action(detail=True, methods=["get"])
    def qc(self, request, id=None):
        """The QC report per event of the latest version (the CLI's JSON)."""
        track = self.get_object()
        version = track.versions.select_related("cut_version").order_by("-number").first()
        return Response(selectors.version_report(version).as_dict())
