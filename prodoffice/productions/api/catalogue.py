"""The catalogue: the shared departments and positions (changed by site administrators) and each
production's local ones (changed by its office), read by members of the production."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.fields import ScopedSlugRelatedField
from prodoffice.productions.models import Department, Position, Production
from prodoffice.productions.services import catalogue


class DepartmentSerializer(serializers.ModelSerializer):
    """A department as members see it."""

    class Meta:
        model = Department
        fields = ("id", "name", "slug", "order", "is_cast", "production")
        read_only_fields = fields

    production = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Null for the shared catalogue.",
    )


class DepartmentInputSerializer(serializers.ModelSerializer):
    """Writable department fields."""

    class Meta:
        model = Department
        fields = catalogue.DEPARTMENT_FIELDS
        extra_kwargs = {"name": {"validators": []}, "slug": {"validators": []}}
        validators: list = []


def _production_field():
    return ScopedSlugRelatedField(
        model=Production,
        slug_field="code",
        action="change",
        required=False,
        allow_null=True,
        help_text="The production the entry is local to; empty for the shared catalogue "
        "(site administrators only).",
    )


class DepartmentCreateSerializer(DepartmentInputSerializer):
    """A new department: local to a production the caller runs, or shared (administrators)."""

    production = _production_field()

    class Meta(DepartmentInputSerializer.Meta):
        fields = (*catalogue.DEPARTMENT_FIELDS, "production")


class PositionSerializer(serializers.ModelSerializer):
    """A position with its responsibilities, key flag, experience and default superior."""

    department = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    production = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Null for the shared catalogue.",
    )

    class Meta:
        model = Position
        fields = ("id", *catalogue.POSITION_FIELDS, "production")
        read_only_fields = fields


class _ScopedPositionField(serializers.PrimaryKeyRelatedField):
    """A position the caller sees (the shared catalogue and their productions' own)."""

    def get_queryset(self):
        return Position.objects.for_user(self.context["request"].user)


class PositionInputSerializer(serializers.ModelSerializer):
    """Writable position fields; the department by its slug."""

    department = ScopedSlugRelatedField(model=Department, slug_field="slug")
    reports_to = _ScopedPositionField(required=False, allow_null=True)

    class Meta:
        model = Position
        fields = catalogue.POSITION_FIELDS
        validators: list = []


class PositionCreateSerializer(PositionInputSerializer):
    """A new position: local to a production the caller runs, or shared (administrators)."""

    production = _production_field()

    class Meta(PositionInputSerializer.Meta):
        fields = (*catalogue.POSITION_FIELDS, "production")


class _CatalogueViewSet(ListRetrieveMixin, ScopedViewSet):
    lookup_field = "pk"
    lookup_value_regex = INT_RE
    create_service = None
    update_service = None
    update_kwarg = ""

    def create(self, request):
        obj = type(self).create_service(actor=request.user, **self.validated())
        return self.answer(obj, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        target = {self.update_kwarg: self.get_object()}
        obj = type(self).update_service(actor=request.user, **target, **self.validated())
        return self.answer(obj)


@extend_schema_view(
    create=extend_schema(request=DepartmentCreateSerializer, responses={201: DepartmentSerializer}),
    partial_update=extend_schema(
        request=DepartmentInputSerializer, responses={200: DepartmentSerializer}
    ),
)
class DepartmentViewSet(_CatalogueViewSet):
    """Departments: the shared catalogue and the caller's productions' local ones."""

    model = Department
    output_serializer_class = DepartmentSerializer
    input_serializer_classes = {
        "create": DepartmentCreateSerializer,
        "partial_update": DepartmentInputSerializer,
    }
    ordering_aliases = {"order": ("order",), "name": ("name",)}
    ordering = ("order",)
    create_service = catalogue.department_create
    update_service = catalogue.department_update
    update_kwarg = "department"

    def optimise(self, queryset):
        return queryset.select_related("production")


@extend_schema_view(
    create=extend_schema(request=PositionCreateSerializer, responses={201: PositionSerializer}),
    partial_update=extend_schema(
        request=PositionInputSerializer, responses={200: PositionSerializer}
    ),
)
class PositionViewSet(_CatalogueViewSet):
    """Positions: the shared catalogue and the caller's productions' local ones."""

    model = Position
    output_serializer_class = PositionSerializer
    input_serializer_classes = {
        "create": PositionCreateSerializer,
        "partial_update": PositionInputSerializer,
    }
    ordering_aliases = {"order": ("department__order", "order"), "title": ("title",)}
    ordering = ("department__order", "order")
    create_service = catalogue.position_create
    update_service = catalogue.position_update
    update_kwarg = "position"

    def optimise(self, queryset):
        return queryset.select_related("department", "production")
