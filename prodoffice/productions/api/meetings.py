"""Meetings: the kickoff and production meetings, their agenda, decisions, actions, attendance."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.fields import EnumChoiceField, PlainSlugRelatedField, ScopedSlugRelatedField
from prodoffice.api.renderers import PdfRenderer
from prodoffice.productions.choices import AttendanceStatus, MeetingKind, MeetingStatus
from prodoffice.productions.filters import MeetingFilter
from prodoffice.productions.minutes import minutes_pdf
from prodoffice.productions.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Department,
    Engagement,
    Meeting,
    Production,
)
from prodoffice.productions.services import meetings

# --- output ----------------------------------------------------------------------------------


class EngagementRefSerializer(serializers.Serializer):
    """Someone on the production: engagement public id, name and position."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="person.__str__", read_only=True)
    position = serializers.CharField(source="position.title", read_only=True)


class AgendaItemSerializer(serializers.ModelSerializer):
    """One point of the agenda."""

    department = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = AgendaItem
        fields = ("id", "order", "title", "notes", "department")
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    """A decision taken."""

    class Meta:
        model = Decision
        fields = ("id", "text", "created_at")
        read_only_fields = fields


class ActionItemSerializer(serializers.ModelSerializer):
    """A task with an assignee and a due date."""

    assignee = EngagementRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ActionItem
        fields = ("id", "text", "assignee", "due_date", "done")
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer):
    """An invitation and whether the person came."""

    engagement = EngagementRefSerializer(read_only=True)
    status = EnumChoiceField(AttendanceStatus.choices, "AttendanceStatus", read_only=True)

    class Meta:
        model = Attendance
        fields = ("id", "engagement", "status")
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting with everything the minutes show."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = EnumChoiceField(MeetingKind.choices, "MeetingKind", read_only=True)
    status = EnumChoiceField(MeetingStatus.choices, "MeetingStatus", read_only=True)
    invited_departments = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    action_items = ActionItemSerializer(many=True, read_only=True)
    attendances = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = (
            "id",
            "production",
            "kind",
            "title",
            "starts_at",
            "duration_minutes",
            "location",
            "status",
            "minutes",
            "invited_departments",
            "agenda_items",
            "decisions",
            "action_items",
            "attendances",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


# --- input -----------------------------------------------------------------------------------


class MeetingInputSerializer(serializers.Serializer):
    """Writable meeting fields."""

    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    duration_minutes = serializers.IntegerField(required=False, min_value=1, max_value=1440)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    minutes = serializers.CharField(required=False, allow_blank=True)


class MeetingCreateSerializer(MeetingInputSerializer):
    """A new meeting on a production (office staff); invited departments by slug."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")
    kind = EnumChoiceField(
        [c for c in MeetingKind.choices if c[0] != MeetingKind.KICKOFF],
        "NewMeetingKind",
        default=MeetingKind.PRODUCTION,
    )
    departments = PlainSlugRelatedField(
        slug_field="slug", queryset=Department.objects.all(), many=True, required=False
    )


class MeetingStatusSerializer(serializers.Serializer):
    """The meeting status to move to."""

    status = EnumChoiceField(MeetingStatus.choices, "MeetingStatus")


class AgendaItemInputSerializer(serializers.Serializer):
    """A point to add to the agenda."""

    title = serializers.CharField(max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    department = PlainSlugRelatedField(
        slug_field="slug", queryset=Department.objects.all(), required=False, allow_null=True
    )


class DecisionInputSerializer(serializers.Serializer):
    """A decision to record."""

    text = serializers.CharField()


class ActionItemInputSerializer(serializers.Serializer):
    """A task to assign; the assignee is an engagement of the meeting's production."""

    text = serializers.CharField()
    assignee = ScopedSlugRelatedField(
        model=Engagement, slug_field="public_id", required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)


class ActionItemDoneSerializer(serializers.Serializer):
    """Tick an action item off, or back on."""

    done = serializers.BooleanField()


class AttendanceInputSerializer(serializers.Serializer):
    """Invite someone, or record whether they came."""

    engagement = ScopedSlugRelatedField(model=Engagement, slug_field="public_id")
    status = EnumChoiceField(AttendanceStatus.choices, "AttendanceStatus")


class AttendanceMarkAllSerializer(serializers.Serializer):
    """Mark everyone still only invited; marks already recorded are kept."""

    status = EnumChoiceField(
        [c for c in AttendanceStatus.choices if c[0] != AttendanceStatus.INVITED],
        "AttendanceMark",
        default=AttendanceStatus.PRESENT,
    )


class AttendanceMarkedSerializer(serializers.Serializer):
    """How many people were marked."""

    marked = serializers.IntegerField(min_value=0)


# --- viewset ---------------------------------------------------------------------------------


def _post(input_cls, output_cls, http_status=201, **kwargs):
    """An action that takes `input_cls` and answers `output_cls`."""

    def wrap(func):
        documented = extend_schema(request=input_cls, responses={http_status: output_cls}, **kwargs)
        return documented(func)

    return wrap


@extend_schema_view(
    create=extend_schema(request=MeetingCreateSerializer, responses={201: MeetingSerializer}),
    partial_update=extend_schema(
        request=MeetingInputSerializer, responses={200: MeetingSerializer}
    ),
)
class MeetingViewSet(ListRetrieveMixin, ScopedViewSet):
    """Meetings of the user's productions (crew and cast: the ones they are invited to)."""

    model = Meeting
    output_serializer_class = MeetingSerializer
    input_serializer_classes = {
        "create": MeetingCreateSerializer,
        "partial_update": MeetingInputSerializer,
    }
    filterset_class = MeetingFilter
    ordering_aliases = {"starts_at": ("starts_at",), "title": ("title",)}
    ordering = ("starts_at",)

    def optimise(self, queryset):
        person_rel = ("engagement__person", "engagement__position")
        return queryset.select_related("production").prefetch_related(
            "invited_departments",
            Prefetch("agenda_items", AgendaItem.objects.select_related("department")),
            "decisions",
            Prefetch(
                "action_items",
                ActionItem.objects.select_related("assignee__person", "assignee__position"),
            ),
            Prefetch("attendances", Attendance.objects.select_related(*person_rel)),
        )

    def create(self, request):
        """Call a meeting; the confirmed people of the invited departments are invited."""
        values = self.validated()
        departments = values.pop("departments", [])
        meeting = meetings.meeting_create(
            actor=request.user, department_ids=[d.pk for d in departments], **values
        )
        return self.answer(meeting, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change the time, place, title or minutes."""
        meeting = meetings.meeting_update(
            actor=request.user, meeting=self.get_object(), **self.validated()
        )
        return self.answer(meeting)

    @_post(MeetingStatusSerializer, MeetingSerializer, 200)
    @action(detail=True, methods=["post"])
    def status(self, request, id=None):
        """Mark the meeting held or cancelled, by the transition table."""
        meeting = meetings.meeting_set_status(
            actor=request.user, meeting=self.get_object(), **self.validated(MeetingStatusSerializer)
        )
        return self.answer(meeting)

    @_post(AgendaItemInputSerializer, AgendaItemSerializer)
    @action(detail=True, methods=["post"], url_path="agenda-items")
    def agenda_items(self, request, id=None):
        """Add a point at the end of the agenda."""
        item = meetings.agenda_item_add(
            actor=request.user,
            meeting=self.get_object(),
            **self.validated(AgendaItemInputSerializer),
        )
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @_post(DecisionInputSerializer, DecisionSerializer)
    @action(detail=True, methods=["post"])
    def decisions(self, request, id=None):
        """Record a decision."""
        decision = meetings.decision_add(
            actor=request.user, meeting=self.get_object(), **self.validated(DecisionInputSerializer)
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @_post(ActionItemInputSerializer, ActionItemSerializer)
    @action(detail=True, methods=["post"], url_path="action-items")
    def action_items(self, request, id=None):
        """Assign a task to someone on the production."""
        item = meetings.action_item_add(
            actor=request.user,
            meeting=self.get_object(),
            **self.validated(ActionItemInputSerializer),
        )
        return Response(ActionItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @_post(
        ActionItemDoneSerializer,
        ActionItemSerializer,
        200,
        parameters=[OpenApiParameter("item_id", int, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=rf"action-items/(?P<item_id>{INT_RE})/done",
        url_name="action-items-done",
    )
    def action_item_done(self, request, id=None, item_id=None):
        """Tick an action item off (office staff, or the assignee)."""
        item = get_object_or_404(self.get_object().action_items.all(), pk=item_id)
        item = meetings.action_item_set_done(
            actor=request.user, item=item, **self.validated(ActionItemDoneSerializer)
        )
        return Response(ActionItemSerializer(item).data)

    @_post(AttendanceInputSerializer, AttendanceSerializer, 200)
    @action(detail=True, methods=["post"])
    def attendance(self, request, id=None):
        """Invite someone, or record whether they came."""
        att = meetings.attendance_set(
            actor=request.user,
            meeting=self.get_object(),
            **self.validated(AttendanceInputSerializer),
        )
        return Response(AttendanceSerializer(att).data)

    @_post(AttendanceMarkAllSerializer, AttendanceMarkedSerializer, 200)
    @action(
        detail=True,
        methods=["post"],
        url_path="attendance/mark-all",
        url_name="attendance-mark-all",
    )
    def attendance_mark_all(self, request, id=None):
        """Mark everyone not marked yet present (or the status given), then change the
        exceptions one by one."""
        marked = meetings.attendance_mark_all(
            actor=request.user,
            meeting=self.get_object(),
            **self.validated(AttendanceMarkAllSerializer),
        )
        return Response({"marked": marked})

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        operation_id="meetings_minutes_pdf_retrieve",
    )
    def minutes_pdf(self, request, id=None):
        """The minutes as a PDF (agenda, attendance, decisions, action items, notes)."""
        meeting = self.get_object()
        response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{meeting.production.code}-minutes-{meeting.public_id}.pdf"'
        )
        return response

    def get_renderers(self):
        if self.action == "minutes_pdf":
            return [PdfRenderer(), JSONRenderer()]
        return super().get_renderers()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action == "minutes_pdf" and getattr(response, "data", None) is not None:
            # Errors of the PDF route are answered in the API's JSON error format.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response
