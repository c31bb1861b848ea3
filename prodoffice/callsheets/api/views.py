"""Call sheets over the API: versions with their content, drafts, publish, re-read, send, the
confirmation board, and every person's own schedule.

Reads go through `CallSheet.objects.for_user` (the schedule's readers); every write calls the
same services as the pages and the CLI.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from prodoffice.api.base import (
    API_AUTHENTICATION,
    API_PERMISSIONS,
    ListRetrieveMixin,
    ScopedViewSet,
)
from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.api.schema import ErrorAwareAutoSchema
from prodoffice.callsheets.choices import DeliveryState, SheetStatus
from prodoffice.callsheets.filters import CallSheetFilter
from prodoffice.callsheets.models import CallSheet
from prodoffice.callsheets.permissions import can_view_own_schedule
from prodoffice.callsheets.selectors.draft import build_draft
from prodoffice.callsheets.selectors.schedule import my_days
from prodoffice.callsheets.selectors.sheets import board_rows
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.people.models import Person
from prodoffice.productions.models import Production

# --- output ----------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "07:00"})
class WallClockField(serializers.TimeField):
    """A local wall-clock time of the shoot day as HH:MM (no offset: RFC 3339 "time" needs one)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class CallSheetSerializer(serializers.ModelSerializer):
    """A version of a shoot day's call sheet."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    board = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    status = EnumChoiceField(SheetStatus.choices, "CallSheetStatus", read_only=True)
    general_call = WallClockField(read_only=True)
    shooting_call = WallClockField(read_only=True, allow_null=True)
    estimated_wrap = WallClockField(read_only=True, allow_null=True)

    class Meta:
        model = CallSheet
        fields = (
            "id",
            "production",
            "date",
            "shoot_day",
            "shoot_days",
            "version",
            "status",
            "board",
            "board_fingerprint",
            "time_zone",
            "general_call",
            "shooting_call",
            "estimated_wrap",
            "published_at",
            "override_reason",
            "sent_at",
        )
        read_only_fields = fields


class CallSheetDetailSerializer(CallSheetSerializer):
    """A version with its content: the frozen snapshot, or a draft as built now."""

    content = serializers.SerializerMethodField()

    class Meta(CallSheetSerializer.Meta):
        fields = (*CallSheetSerializer.Meta.fields, "content")
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_content(self, sheet) -> dict:
        if sheet.is_frozen:
            return sheet.snapshot
        return build_draft(
            production=sheet.production, day=sheet.date, board=sheet.board, sheet=sheet
        )


class RecipientSerializer(serializers.Serializer):
    """One person a version went to, with the delivery and confirmation times."""

    engagement = serializers.UUIDField(source="engagement.public_id")
    name = serializers.CharField(source="engagement.person.__str__")
    state = EnumChoiceField(DeliveryState.choices, "DeliveryState")
    sent_at = serializers.DateTimeField(allow_null=True)
    bounced_at = serializers.DateTimeField(allow_null=True)
    opened_at = serializers.DateTimeField(allow_null=True, help_text="Unreliable.")
    confirmed_at = serializers.DateTimeField(allow_null=True)


class MyDaySerializer(serializers.Serializer):
    """One of the person's work days."""

    production = serializers.CharField(help_text="The production's code.")
    shoot_day = serializers.IntegerField(source="number")
    date = serializers.DateField()
    code = serializers.CharField(allow_blank=True, help_text="The DOOD code (cast).")
    call = serializers.CharField(allow_blank=True, help_text="Once published.")
    locations = serializers.ListField(child=serializers.CharField())
    scenes = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField(allow_null=True, help_text="The published version.")
    confirmed = serializers.BooleanField()


# --- input -----------------------------------------------------------------------------------


class DraftInputSerializer(serializers.Serializer):
    """The draft of a shoot day (the open one, or a new version from the working board)."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code")
    date = serializers.DateField()


class PublishInputSerializer(serializers.Serializer):
    """Publishing; a reason is needed (and the production manager) when warnings are open."""

    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SendResultSerializer(serializers.Serializer):
    queued = serializers.IntegerField(help_text="Recipients queued (others have no e-mail).")


@extend_schema_view(
    retrieve=extend_schema(responses={200: CallSheetDetailSerializer}),
    create=extend_schema(request=DraftInputSerializer, responses={201: CallSheetSerializer}),
    publish=extend_schema(request=PublishInputSerializer, responses={200: CallSheetSerializer}),
    refresh=extend_schema(request=None, responses={200: CallSheetSerializer}),
    send=extend_schema(request=None, responses={200: SendResultSerializer}),
    recipients=extend_schema(request=None, responses={200: RecipientSerializer(many=True)}),
)
class CallSheetViewSet(ListRetrieveMixin, ScopedViewSet):
    """Call sheet versions: read by the schedule's readers, made by the office and the ADs."""

    model = CallSheet
    output_serializer_class = CallSheetSerializer
    input_serializer_classes = {"create": DraftInputSerializer, "publish": PublishInputSerializer}
    filterset_class = CallSheetFilter
    ordering_aliases = {"date": ("date", "-version"), "-date": ("-date", "-version")}
    ordering = ("date", "-version")

    def optimise(self, queryset):
        return queryset.select_related("production", "board")

    def retrieve(self, request, *args, **kwargs):
        return Response(CallSheetDetailSerializer(self.get_object()).data)

    def create(self, request):
        """The day's draft (an open draft is answered as it is)."""
        values = self.validated()
        sheet = sheets.callsheet_draft(
            actor=request.user, production=values["production"], day=values["date"]
        )
        return self.answer(sheet, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def publish(self, request, id=None):
        """Publish and freeze the draft (the gate: warnings need the override)."""
        reason = self.validated().get("override_reason", "")
        sheet = sheets.callsheet_publish(
            actor=request.user, sheet=self.get_object(), override_reason=reason
        )
        return self.answer(sheet)

    @action(detail=True, methods=["post"])
    def refresh(self, request, id=None):
        """Re-read the board into the draft; manual calls kept."""
        return self.answer(sheets.callsheet_refresh(actor=request.user, sheet=self.get_object()))

    @action(detail=True, methods=["post"])
    def send(self, request, id=None):
        """Queue the published version to everyone it calls."""
        queued = distribution.callsheet_send(actor=request.user, sheet=self.get_object())
        return Response({"queued": queued})

    @action(detail=True, methods=["get"], pagination_class=None)
    def recipients(self, request, id=None):
        """Who it went to and who confirmed (the office and the ADs)."""
        sheet = get_object_or_404(
            CallSheet.objects.for_user(request.user, "change"),
            public_id=self.get_object().public_id,
        )
        return Response(RecipientSerializer(board_rows(sheet), many=True).data)


class MyScheduleView(APIView):
    """`GET /api/v1/my-schedule/?production=CODE`: the signed-in person's work days."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = API_PERMISSIONS
    schema = ErrorAwareAutoSchema()

    @extend_schema(
        parameters=[OpenApiParameter("production", OpenApiTypes.STR, required=False)],
        responses={200: MyDaySerializer(many=True)},
        operation_id="my_schedule",
    )
    def get(self, request):
        """Work days with DOOD codes, published calls and confirmations (every production the
        user belongs to, or the one named)."""
        productions = Production.objects.for_user(request.user).order_by("code")
        code = request.query_params.get("production")
        if code is not None:
            productions = [get_object_or_404(productions, code=code)]
        person = Person.objects.filter(user=request.user).first()
        rows = []
        for production in productions:
            if can_view_own_schedule(request.user, production):
                days = my_days(production=production, person=person)
                rows += [{"production": production.code, **_day(day)} for day in days]
        return Response(MyDaySerializer(rows, many=True).data)


def _day(day) -> dict:
    return {
        "number": day.number,
        "date": day.date,
        "code": day.code,
        "call": day.call,
        "locations": day.locations,
        "scenes": day.scenes,
        "version": day.sheet.version if day.sheet else None,
        "confirmed": day.confirmed,
    }
