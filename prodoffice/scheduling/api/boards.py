"""Stripboards over the API: boards with their strips in order, moves, the working board, and
the board's conflicts.

Reads go through `Board.objects.for_user` (the schedule's readers: office, department heads,
executives); moves call `services.boards.strip_place`, the same audited service as the board
page's drag and drop, keyboard and form, so the API and the web never disagree. Positions count
from 1, as on the board page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from prodoffice.api.base import ListRetrieveMixin, ScopedViewSet
from prodoffice.scheduling.filters import BoardFilter
from prodoffice.scheduling.models import Board, Strip, StripKind
from prodoffice.scheduling.selectors.conflicts import board_conflicts
from prodoffice.scheduling.selectors.stripboard import strip_rows
from prodoffice.scheduling.services import boards as services

# --- output ----------------------------------------------------------------------------------


class BoardSerializer(serializers.ModelSerializer):
    """A board: its name, whether it is the working board, and its strip counts."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # The board it was copied from, or null (a dotted source would drop the key when null).
    created_from = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )
    scenes = serializers.IntegerField(source="n_scenes", read_only=True)
    boneyard = serializers.IntegerField(source="n_boneyard", read_only=True)
    shoot_days = serializers.IntegerField(source="n_days", read_only=True)

    class Meta:
        model = Board
        fields = (
            "id",
            "production",
            "name",
            "is_working",
            "created_from",
            "scenes",
            "boneyard",
            "shoot_days",
        )
        read_only_fields = fields


class StripSerializer(serializers.Serializer):
    """One strip in board order: a scene, a day break (ending shoot day N) or a banner."""

    position = serializers.IntegerField(read_only=True, help_text="1 = the top of the board.")
    kind = serializers.ChoiceField(choices=StripKind.choices, read_only=True)
    shoot_day = serializers.IntegerField(read_only=True, allow_null=True)
    date = serializers.DateField(
        read_only=True, allow_null=True, help_text="From the production calendar."
    )
    in_boneyard = serializers.BooleanField(read_only=True)
    scene = serializers.UUIDField(read_only=True, allow_null=True)
    number = serializers.CharField(read_only=True, allow_blank=True)
    int_ext = serializers.CharField(read_only=True, allow_blank=True)
    set = serializers.CharField(read_only=True, allow_blank=True)
    day_night = serializers.CharField(read_only=True, allow_blank=True)
    eighths = serializers.IntegerField(read_only=True, allow_null=True)
    banner_kind = serializers.CharField(read_only=True, allow_blank=True)
    text = serializers.CharField(read_only=True, allow_blank=True)


class BoardDetailSerializer(BoardSerializer):
    """A board with every strip in order."""

    strips = serializers.SerializerMethodField()

    class Meta(BoardSerializer.Meta):
        fields = (*BoardSerializer.Meta.fields, "strips")
        read_only_fields = fields

    @extend_schema_field(StripSerializer(many=True))
    def get_strips(self, board) -> list[dict]:
        return StripSerializer(strip_rows(board), many=True).data


class ConflictSerializer(serializers.Serializer):
    """A scheduling conflict (the CLI's `conflicts --json` shape)."""

    kind = serializers.CharField()
    date = serializers.DateField()
    shoot_day = serializers.IntegerField()
    scene = serializers.CharField()
    scene_id = serializers.UUIDField()
    element = serializers.CharField(allow_null=True)
    location = serializers.CharField(allow_null=True)
    message = serializers.CharField()


# --- input -----------------------------------------------------------------------------------


class MoveSerializer(serializers.Serializer):
    """Move the strip at `from_position` to `to_position` (both from 1, as listed); `boneyard`
    true or false moves it into or out of the boneyard in the same step."""

    from_position = serializers.IntegerField(min_value=1)
    to_position = serializers.IntegerField(min_value=1)
    boneyard = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- viewset ---------------------------------------------------------------------------------


@extend_schema_view(
    retrieve=extend_schema(responses={200: BoardDetailSerializer}),
    move=extend_schema(request=MoveSerializer, responses={200: BoardDetailSerializer}),
    working=extend_schema(request=None, responses={200: BoardSerializer}),
    conflicts=extend_schema(
        request=None,
        responses={
            200: ConflictSerializer(many=True),
            409: OpenApiResponse(description="No production calendar dates the shoot days."),
        },
    ),
)
class BoardViewSet(ListRetrieveMixin, ScopedViewSet):
    """Stripboards: read by the schedule's readers, changed by the office and the ADs."""

    model = Board
    output_serializer_class = BoardSerializer
    input_serializer_classes = {"move": MoveSerializer}
    filterset_class = BoardFilter
    ordering_aliases = {"name": ("name",), "working": ("-is_working", "name")}
    ordering = ("-is_working", "name")

    def optimise(self, queryset):
        scene = Q(strips__kind=StripKind.SCENE)
        return queryset.select_related("production", "created_from").annotate(
            n_scenes=Count("strips", filter=scene & Q(strips__in_boneyard=False)),
            n_boneyard=Count("strips", filter=scene & Q(strips__in_boneyard=True)),
            n_days=Count(
                "strips",
                filter=Q(strips__kind=StripKind.DAY_BREAK, strips__in_boneyard=False),
            ),
        )

    def prepare_rows(self, rows):
        for board in rows or []:
            # Day breaks end days; a board with scenes after its last break has one more day.
            board.n_days = board.n_days + 1 if board.n_scenes else 0
        return rows

    def retrieve(self, request, *args, **kwargs):
        board = self.get_object()
        self.prepare_rows([board])
        return Response(BoardDetailSerializer(board).data)

    @action(detail=True, methods=["post"])
    def move(self, request, id=None):
        """Move one strip, as on the board page (audited as `strip.move`)."""
        board = self.get_object()
        values = self.validated()
        strip = Strip.objects.filter(board=board, position=values["from_position"] - 1).first()
        if strip is None:
            count = Strip.objects.filter(board=board).count()
            raise ValidationError(
                {
                    "from_position": f"No strip at position {values['from_position']}: the board "
                    f"has {count} strips."
                }
            )
        services.strip_place(
            actor=request.user,
            board=board,
            strip=strip,
            to_position=values["to_position"] - 1,
            in_boneyard=values["boneyard"],
        )
        board = self.get_queryset().get(pk=board.pk)
        self.prepare_rows([board])
        return Response(BoardDetailSerializer(board).data)

    @action(detail=True, methods=["post"])
    def working(self, request, id=None):
        """Make this board the production's working board (reports, feeds, conflicts)."""
        board = services.board_set_working(actor=request.user, board=self.get_object())
        return self.answer(board)

    # A plain list (every conflict of the board), not a page: the schema says so too.
    @action(detail=True, methods=["get"], pagination_class=None)
    def conflicts(self, request, id=None):
        """The board's scheduling conflicts by date (409 without a production calendar)."""
        board = self.get_object()
        try:
            found = board_conflicts(board)
        except ValidationError as exc:
            return Response(
                {
                    "error": {
                        "code": "no_calendar",
                        "message": " ".join(exc.messages),
                        "fields": {},
                    }
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response([c.as_dict() for c in found])
