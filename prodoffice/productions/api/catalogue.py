"""The shared department and position catalogue: read by members, edited by office staff."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.productions.models import Department, Position
from prodoffice.productions.services import catalogue


class DepartmentSerializer(serializers.ModelSerializer):
    """A department as members see it."""

    class Meta:
        model = Department
        fields = ("id", "name", "slug", "order", "is_cast")
        read_only_fields = fields


class DepartmentInputSerializer(serializers.ModelSerializer):
    """Writable department fields."""

    class Meta:
        model = Department
        fields = catalogue.DEPARTMENT_FIELDS
        extra_kwargs = {"name": {"validators": []}, "slug": {"validators": []}}


class PositionSerializer(serializers.ModelSerializer):
    """A position with its responsibilities, key flag, experience and default superior."""

    department = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Position
        fields = ("id", *catalogue.POSITION_FIELDS)
        read_only_fields = fields


class PositionInputSerializer(serializers.ModelSerializer):
    """Writable position fields; the department by its slug."""

    department = serializers.SlugRelatedField(slug_field="slug", queryset=Department.objects.all())
    reports_to = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Position
        fields = catalogue.POSITION_FIELDS
        validators = []


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
    create=extend_schema(request=DepartmentInputSerializer, responses={201: DepartmentSerializer}),
    partial_update=extend_schema(
        request=DepartmentInputSerializer, responses={200: DepartmentSerializer}
    ),
)
class DepartmentViewSet(_CatalogueViewSet):
    """Departments of the catalogue."""

    model = Department
    output_serializer_class = DepartmentSerializer
    input_serializer_classes = {
        "create": DepartmentInputSerializer,
        "partial_update": DepartmentInputSerializer,
    }
    ordering_aliases = {"order": ("order",), "name": ("name",)}
    ordering = ("order",)
    create_service = catalogue.department_create
    update_service = catalogue.department_update
    update_kwarg = "department"


@extend_schema_view(
    create=extend_schema(request=PositionInputSerializer, responses={201: PositionSerializer}),
    partial_update=extend_schema(
        request=PositionInputSerializer, responses={200: PositionSerializer}
    ),
)
class PositionViewSet(_CatalogueViewSet):
    """Positions of the catalogue."""

    model = Position
    output_serializer_class = PositionSerializer
    input_serializer_classes = {
        "create": PositionInputSerializer,
        "partial_update": PositionInputSerializer,
    }
    ordering_aliases = {"order": ("department__order", "order"), "title": ("title",)}
    ordering = ("department__order", "order")
    create_service = catalogue.position_create
    update_service = catalogue.position_update
    update_kwarg = "position"

    def optimise(self, queryset):
        return queryset.select_related("department")
