"""The post API: rooms a production may book, bookings (409 on a clash), tasks, cut versions
and the change list between two versions."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.post.api.serializers import (
    BookingCreateSerializer,
    BookingSerializer,
    ChangeListSerializer,
    CutVersionSerializer,
    PostTaskSerializer,
    RoomSerializer,
)
from prodoffice.post.filters import BookingFilter, CutVersionFilter, PostTaskFilter, RoomFilter
from prodoffice.post.models import Booking, CutVersion, PostTask, Room
from prodoffice.post.selectors import version_change_list
from prodoffice.post.services import facilities


class _ById(ScopedViewSet):
    lookup_field = "pk"
    lookup_value_regex = INT_RE


class RoomViewSet(ListRetrieveMixin, _ById):
    """Rooms; `?production=CODE` lists the rooms that production may book."""

    model = Room
    output_serializer_class = RoomSerializer
    filterset_class = RoomFilter
    ordering_aliases = {"name": ("name",), "nc_rating": ("nc_rating",)}
    ordering = ("name",)


@extend_schema_view(
    create=extend_schema(
        request=BookingCreateSerializer,
        responses={201: BookingSerializer},
        description="Book a room (and people). 409 names the confirmed booking it clashes with.",
    )
)
class BookingViewSet(ListRetrieveMixin, _ById):
    """Room bookings of the user's productions (the people booked see theirs)."""

    model = Booking
    output_serializer_class = BookingSerializer
    input_serializer_classes = {"create": BookingCreateSerializer}
    filterset_class = BookingFilter
    ordering_aliases = {"start": ("start",)}
    ordering = ("start",)

    def optimise(self, queryset):
        return queryset.select_related("production").prefetch_related("engagements")

    def create(self, request):
        """Book; a clash at confirmed level answers 409 naming the booking."""
        values = self.validated()
        booking = facilities.booking_create(actor=request.user, **values)
        return self.answer(booking, status.HTTP_201_CREATED)


class PostTaskViewSet(ListRetrieveMixin, _ById):
    """Tasks of the post pipeline (assignees see their own)."""

    model = PostTask
    output_serializer_class = PostTaskSerializer
    filterset_class = PostTaskFilter
    ordering_aliases = {"start_date": ("start_date",), "end_date": ("end_date",)}
    ordering = ("start_date",)

    def optimise(self, queryset):
        return queryset.select_related("production", "assignee").prefetch_related("depends_on")


class CutVersionViewSet(ListRetrieveMixin, _ById):
    """Imported cut versions, and the change list from another version to this one."""

    model = CutVersion
    output_serializer_class = CutVersionSerializer
    filterset_class = CutVersionFilter
    ordering_aliases = {"imported_at": ("imported_at",)}
    ordering = ("imported_at",)

    def optimise(self, queryset):
        return queryset.select_related("cut__production")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "old",
                OpenApiTypes.INT,
                required=False,
                description="The earlier version's id (default: the version before this one).",
            )
        ],
        responses={200: ChangeListSerializer},
    )
    @action(detail=True, methods=["get"])
    def changes(self, request, id=None):
        """The change list from `?old=ID` (default: the previous version) to this version."""
        new = self.get_object()
        old = self._old(request, new)
        return Response(version_change_list(old, new).as_dict())

    def _old(self, request, new):
        raw = request.query_params.get("old")
        if raw is None:
            versions = self.get_queryset().filter(cut=new.cut, number__lt=new.number)
            old = versions.order_by("-number").first()
            if old is None:
                raise ValidationError({"old": ["This is the cut's first version: give ?old=ID."]})
            return old
        if not raw.isdigit() or len(raw) > 18:
            raise ValidationError({"old": ["Give the earlier version's id."]})
        return get_object_or_404(self.get_queryset(), pk=int(raw))
