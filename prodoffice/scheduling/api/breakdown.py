"""Breakdown over the API: scenes with their elements (read-only) and the elements themselves.

Both read through `for_user` (production-wide roles; crew and cast see none of it); an element
is changed by `services.element_update`, so the API and the web page share one path.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from prodoffice.api.base import ListRetrieveMixin, ScopedViewSet
from prodoffice.api.fields import EnumChoiceField
from prodoffice.scheduling.choices import DayNight, ElementEventKind, IntExt
from prodoffice.scheduling.filters import ElementFilter, SceneFilter
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    ElementEvent,
    Scene,
    SceneElement,
)
from prodoffice.scheduling.services import breakdown as services

# --- output ----------------------------------------------------------------------------------


class CategoryRefSerializer(serializers.ModelSerializer):
    """A breakdown category: its UCID, the production's name and colour for it."""

    class Meta:
        model = BreakdownCategory
        fields = ("ucid", "name", "colour")
        read_only_fields = fields


class CastRefSerializer(serializers.Serializer):
    """The cast engagement a character element stands for."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="person.__str__", read_only=True)
    cast_number = serializers.IntegerField(read_only=True, allow_null=True)


class ElementEventSerializer(serializers.Serializer):
    """A travel (TR), fitting (FT) or rehearsal (R) day of an element."""

    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=ElementEventKind.choices)


class ElementSerializer(serializers.ModelSerializer):
    """A breakdown element with its category, day-out-of-days rules and event days."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category = CategoryRefSerializer(read_only=True)
    engagement = CastRefSerializer(read_only=True, allow_null=True)
    events = ElementEventSerializer(many=True, read_only=True)

    class Meta:
        model = Element
        fields = (
            "id",
            "production",
            "category",
            "name",
            "board_id",
            "engagement",
            "needs_review",
            "hold_allowed",
            "drop_allowed",
            "drop_min_days",
            "notes",
            "events",
        )
        read_only_fields = fields


class SceneElementSerializer(serializers.Serializer):
    """An element in a scene's breakdown."""

    id = serializers.UUIDField(source="element.public_id", read_only=True)
    name = serializers.CharField(source="element.name", read_only=True)
    board_id = serializers.CharField(source="element.board_id", read_only=True)
    category = serializers.IntegerField(source="element.category.ucid", read_only=True)
    from_script = serializers.BooleanField(read_only=True)


class SceneSerializer(serializers.ModelSerializer):
    """A scene of a draft with its breakdown."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    production = serializers.CharField(source="script.production.code", read_only=True)
    script = serializers.UUIDField(source="script.public_id", read_only=True)
    revision_colour = serializers.CharField(source="script.revision_colour", read_only=True)
    is_current = serializers.BooleanField(source="script.is_current", read_only=True)
    int_ext = EnumChoiceField(IntExt.choices, "IntExt", read_only=True)
    day_night = EnumChoiceField(DayNight.choices, "DayNight", read_only=True)
    set = serializers.CharField(source="set_name", read_only=True)
    pages = serializers.CharField(read_only=True)
    speaking = serializers.SerializerMethodField()
    elements = SceneElementSerializer(source="breakdown", many=True, read_only=True)

    class Meta:
        model = Scene
        fields = (
            "id",
            "production",
            "script",
            "revision_colour",
            "is_current",
            "number",
            "heading",
            "int_ext",
            "set",
            "time_of_day",
            "day_night",
            "eighths",
            "pages",
            "script_page",
            "synopsis",
            "omitted",
            "speaking",
            "elements",
        )
        read_only_fields = fields

    def get_speaking(self, scene) -> list[str]:
        """The characters with dialogue, as the script names them."""
        return [sp.name for sp in scene.speaking.all()]


# --- input -----------------------------------------------------------------------------------


class ElementInputSerializer(serializers.Serializer):
    """Writable element fields; the category by its UCID in the element's production."""

    name = serializers.CharField(max_length=120, required=False)
    board_id = serializers.CharField(max_length=12, required=False, allow_blank=True)
    category = serializers.IntegerField(required=False, min_value=0, max_value=999)
    notes = serializers.CharField(required=False, allow_blank=True)
    hold_allowed = serializers.BooleanField(required=False)
    drop_allowed = serializers.BooleanField(required=False)
    drop_min_days = serializers.IntegerField(required=False, min_value=1, max_value=365)
    events = ElementEventSerializer(
        many=True, required=False, help_text="Replaces every event day of the element."
    )


# --- viewsets --------------------------------------------------------------------------------


class SceneViewSet(ListRetrieveMixin, ScopedViewSet):
    """Scenes with their breakdown (read-only): office, department heads and executives."""

    model = Scene
    output_serializer_class = SceneSerializer
    filterset_class = SceneFilter
    ordering_aliases = {"number": ("script_id", "sort_key"), "pages": ("eighths",)}
    ordering = ("script_id", "sort_key")

    def optimise(self, queryset):
        links = SceneElement.objects.select_related("element__category").order_by(
            "element__category__ucid", "element__name"
        )
        return queryset.select_related("script__production").prefetch_related(
            "speaking", Prefetch("breakdown", links)
        )


@extend_schema_view(
    partial_update=extend_schema(
        request=ElementInputSerializer, responses={200: ElementSerializer}
    ),
)
class ElementViewSet(ListRetrieveMixin, ScopedViewSet):
    """Breakdown elements: read by production-wide roles, changed by the office."""

    model = Element
    output_serializer_class = ElementSerializer
    input_serializer_classes = {"partial_update": ElementInputSerializer}
    filterset_class = ElementFilter
    ordering_aliases = {"name": ("name",), "board_id": ("board_sort",), "category": ("category",)}
    ordering = ("category__ucid", "name")

    def optimise(self, queryset):
        return queryset.select_related(
            "production", "category", "engagement__person"
        ).prefetch_related(Prefetch("events", ElementEvent.objects.order_by("date")))

    def partial_update(self, request, id=None):
        """Rename, renumber, recategorise, or change the DOOD rules or event days of an element."""
        element = self.get_object()
        values = self.validated()
        events = values.pop("events", None)
        if "category" in values:
            values["category"] = _category(element, values["category"])
        with transaction.atomic():
            element = services.element_update(actor=request.user, element=element, values=values)
            if events is not None:
                pairs = [(event["date"], event["kind"]) for event in events]
                services.element_events_set(actor=request.user, element=element, events=pairs)
        return self.answer(element)


def _category(element: Element, ucid: int) -> BreakdownCategory:
    category = BreakdownCategory.objects.filter(production=element.production, ucid=ucid).first()
    if category is None:
        raise ValidationError({"category": f"Unknown category {ucid} in this production."})
    return category
