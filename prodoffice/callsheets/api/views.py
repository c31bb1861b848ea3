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
from rest_framework.exceptions import PermissionDenied, ValidationError
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
from prodoffice.callsheets.permissions import can_view_callsheets, can_view_own_schedule
from prodoffice.callsheets.selectors.draft import build_draft, settings_for
from prodoffice.callsheets.selectors.schedule import my_days
from prodoffice.callsheets.selectors.sheets import board_rows, for_display
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.callsheets.services.settings import SETTINGS_FIELDS, settings_update
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
            return for_display(sheet.production, sheet.snapshot)
        draft = build_draft(
            production=sheet.production, day=sheet.date, board=sheet.board, sheet=sheet
        )
        return for_display(sheet.production, draft)


class RecipientSerializer(serializers.Serializer):
    """One person a version went to, with the delivery and confirmation times."""

    engagement = serializers.UUIDField(source="engagement.public_id")
    name = serializers.CharField(source="engagement.person.__str__")
    state = EnumChoiceField(DeliveryState.choices, "DeliveryState")
    sent_at = serializers.DateTimeField(allow_null=True)
    bounced_at = serializers.DateTimeField(allow_null=True)
    opened_at = serializers.DateTimeField(allow_null=True, help_text="Unreliable.")
    confirmed_at = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(allow_blank=True, help_text="Why the mail bounced, when known.")


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


class BounceInputSerializer(serializers.Serializer):
    """A bounce: the address that bounced, the Message-ID of our mail, or the whole delivery
    status notification (RFC 3464) as the mail server returned it."""

    email = serializers.EmailField(required=False)
    message_id = serializers.CharField(required=False, max_length=200)
    dsn = serializers.CharField(required=False, max_length=200_000, trim_whitespace=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate(self, data):
        if not any(data.get(k) for k in ("email", "message_id", "dsn")):
            raise serializers.ValidationError(
                {"email": ["Give the address that bounced, the message_id, or the dsn."]}
            )
        return data


class WrapInputSerializer(serializers.Serializer):
    """When one person is dismissed; null: back to the computed wrap."""

    engagement = serializers.UUIDField()
    at = WallClockField(allow_null=True)


class WrapResultSerializer(serializers.Serializer):
    engagement = serializers.UUIDField()
    wrap = serializers.IntegerField(allow_null=True, help_text="Minutes from general call.")
    manual = serializers.BooleanField()


class SendResultSerializer(serializers.Serializer):
    queued = serializers.IntegerField(help_text="Recipients queued (others have no e-mail).")


@extend_schema_view(
    retrieve=extend_schema(responses={200: CallSheetDetailSerializer}),
    create=extend_schema(request=DraftInputSerializer, responses={201: CallSheetSerializer}),
    publish=extend_schema(request=PublishInputSerializer, responses={200: CallSheetSerializer}),
    refresh=extend_schema(request=None, responses={200: CallSheetSerializer}),
    send=extend_schema(request=None, responses={200: SendResultSerializer}),
    recipients=extend_schema(request=None, responses={200: RecipientSerializer(many=True)}),
    bounce=extend_schema(
        request=BounceInputSerializer, responses={200: RecipientSerializer(many=True)}
    ),
    wrap=extend_schema(request=WrapInputSerializer, responses={200: WrapResultSerializer}),
)
class CallSheetViewSet(ListRetrieveMixin, ScopedViewSet):
    """Call sheet versions: read by the schedule's readers, made by the office and the ADs."""

    model = CallSheet
    output_serializer_class = CallSheetSerializer
    input_serializer_classes = {
        "create": DraftInputSerializer,
        "publish": PublishInputSerializer,
        "bounce": BounceInputSerializer,
        "wrap": WrapInputSerializer,
    }
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

    @action(detail=True, methods=["post"])
    def bounce(self, request, id=None):
        """Record a bounce of a mail of this version (by address, Message-ID or the DSN)."""
        sheet = self.get_object()
        values = self.validated()
        if values.get("dsn"):
            rows = distribution.bounces_from_dsn(
                actor=request.user,
                production=sheet.production,
                raw=values["dsn"].encode("utf-8", "replace"),
                sheet=sheet,
            )
        else:
            rows = [
                distribution.recipient_bounce(
                    actor=request.user,
                    production=sheet.production,
                    sheet=sheet,
                    email=values.get("email", ""),
                    message_id=values.get("message_id", ""),
                    reason=values.get("reason", ""),
                )
            ]
        return Response(RecipientSerializer(rows, many=True).data)

    @action(detail=True, methods=["post"])
    def wrap(self, request, id=None):
        """Set when one person is dismissed (read by the next day's rest check)."""
        sheet = self.get_object()
        values = self.validated()
        engagement = sheet.production.engagements.filter(public_id=values["engagement"]).first()
        if engagement is None:
            raise ValidationError({"engagement": ["Nobody with this id is engaged here."]})
        row = sheets.call_wrap_set(
            actor=request.user, sheet=sheet, engagement=engagement, at=values["at"]
        )
        return Response(
            {"engagement": engagement.public_id, "wrap": row.wrap, "manual": row.wrap_manual}
        )

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


# --- the production's rules --------------------------------------------------------------------


class CallSettingsSerializer(serializers.Serializer):
    """A production's call sheet rules (the defaults until the office sets any)."""

    production = serializers.CharField(source="production.code", read_only=True)
    cutoff_time = WallClockField(help_text="Changing a call after this time the evening before.")
    alarm_hours = serializers.IntegerField(min_value=0, max_value=96)
    rest_hours = serializers.IntegerField(min_value=0, max_value=48)
    union_rest_hours = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=48),
        help_text='Per union, e.g. {"IATSE": 10}.',
    )
    department_offsets = serializers.DictField(
        child=serializers.IntegerField(min_value=-1440, max_value=1440),
        help_text="Minutes from general call by department slug.",
    )
    minutes_per_page = serializers.IntegerField(min_value=1, max_value=32767)
    hmu_minutes = serializers.IntegerField(min_value=0, max_value=32767)
    wardrobe_minutes = serializers.IntegerField(min_value=0, max_value=32767)
    pickup_minutes = serializers.IntegerField(min_value=0, max_value=32767)
    hide_cast_names = serializers.BooleanField()
    confirm_to = serializers.ListField(
        child=serializers.UUIDField(),
        help_text="Engagements (ids) told of confirmations and alarms.",
    )

    def to_representation(self, rules):
        data = super().to_representation(
            {
                **{name: getattr(rules, name) for name in SETTINGS_FIELDS},
                "production": rules.production,
                "confirm_to": [],
            }
        )
        data["confirm_to"] = (
            [str(e.public_id) for e in rules.confirm_to.order_by("pk")] if rules.pk else []
        )
        return data


class CallSettingsInputSerializer(CallSettingsSerializer):
    """Changes to the rules: any of the fields."""


@extend_schema_view(
    retrieve=extend_schema(responses={200: CallSettingsSerializer}),
    partial_update=extend_schema(
        request=CallSettingsInputSerializer, responses={200: CallSettingsSerializer}
    ),
)
class CallSettingsViewSet(ScopedViewSet):
    """`/api/v1/callsheet-settings/{code}/`: the production's call sheet rules; read by the
    schedule's readers, changed by the office and the ADs (the same service as the page and
    `prodoffice callsheet settings`)."""

    model = Production
    lookup_field = "code"
    lookup_url_kwarg = "code"
    lookup_value_regex = r"[A-Za-z0-9][A-Za-z0-9-]{1,19}"
    output_serializer_class = CallSettingsSerializer
    input_serializer_classes = {"partial_update": CallSettingsInputSerializer}
    filter_backends = []

    def _production(self) -> Production:
        production = self.get_object()
        if not can_view_callsheets(self.request.user, production):
            raise PermissionDenied("Call sheet rules are read by the office, heads and the ADs.")
        return production

    def retrieve(self, request, code=None):
        """The rules (defaults until set)."""
        return Response(CallSettingsSerializer(settings_for(self._production())).data)

    def partial_update(self, request, code=None):
        """Change some of the rules."""
        production = self._production()
        values = self.validated()
        confirm_to = None
        if "confirm_to" in values:
            ids = values.pop("confirm_to")
            found = {e.public_id: e for e in production.engagements.filter(public_id__in=ids)}
            missing = [str(i) for i in ids if i not in found]
            if missing:
                raise ValidationError(
                    {"confirm_to": [f"No engagement {missing[0]} on this production."]}
                )
            confirm_to = [found[i] for i in ids]
        rules = settings_update(
            actor=request.user, production=production, values=values, confirm_to=confirm_to
        )
        return Response(CallSettingsSerializer(rules).data)
