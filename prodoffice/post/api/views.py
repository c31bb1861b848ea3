"""The post API: rooms a production may book, bookings (409 on a clash), tasks, cut versions
and the change list between two versions."""

from __future__ import annotations

import base64

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from prodoffice.api.uploads import UPLOAD_PARSERS
from prodoffice.post.api.serializers import (
    AdrCueCreateSerializer,
    AdrCueSerializer,
    AdrCueUpdateSerializer,
    BookingCreateSerializer,
    BookingLevelSerializer,
    BookingSerializer,
    ChangeListSerializer,
    CueStatusSerializer,
    CutVersionSerializer,
    DeliverableContentSerializer,
    DeliverableFileSerializer,
    DeliverableSerializer,
    DeliverableStatusSerializer,
    DependencySerializer,
    PostTaskCreateSerializer,
    PostTaskInputSerializer,
    PostTaskSerializer,
    RoomLinkSerializer,
    RoomSerializer,
    VfxShotCreateSerializer,
    VfxShotSerializer,
    VfxShotUpdateSerializer,
)
from prodoffice.post.filters import (
    AdrCueFilter,
    BookingFilter,
    CutVersionFilter,
    DeliverableFilter,
    PostTaskFilter,
    RoomFilter,
    VfxShotFilter,
)
from prodoffice.post.models import AdrCue, Booking, CutVersion, Deliverable, PostTask, Room, VfxShot
from prodoffice.post.selectors import version_change_list
from prodoffice.post.services import cues, delivery, facilities, pipeline


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

    @extend_schema(
        request=None,
        responses={201: RoomLinkSerializer},
        description="Make (or replace) the room's secret iCalendar link. The URL is in this "
        "answer only; the previous link stops answering. An Idempotency-Key is refused (400) "
        "here: a replay would have to keep the secret address, and only its hash is kept.",
    )
    @action(detail=True, methods=["post"])
    def link(self, request, id=None):
        """A new secret calendar link of the room (shown once)."""
        room = self.get_object()
        if request.headers.get(IDEMPOTENCY_HEADER):
            raise ValidationError(
                {IDEMPOTENCY_HEADER: "Not accepted here: the calendar address is shown once and "
                 "never stored, so it cannot be replayed. Send the request without it."}
            )  # fmt: skip
        _feed, secret = facilities.room_feed_rotate(actor=request.user, room=room)
        url = request.build_absolute_uri(reverse("web:post_room_feed", args=[secret]))
        return Response({"room": room.pk, "url": url}, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None},
        description="Revoke the room's calendar link (400 names `feed` when there is none).",
    )
    @action(detail=True, methods=["post"])
    def unlink(self, request, id=None):
        """Revoke the room's secret calendar link."""
        facilities.room_feed_revoke(actor=request.user, room=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


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

    @extend_schema(
        request=BookingLevelSerializer,
        responses={200: BookingSerializer},
        description="Pencil, preliminary or confirmed, either way; confirming re-checks the "
        "room and the people and answers 409 naming the confirmed booking in the way.",
    )
    @action(detail=True, methods=["post"])
    def level(self, request, id=None):
        """Move the booking to another level."""
        booking = self.get_object()
        values = self.validated(BookingLevelSerializer)
        booking = facilities.booking_set_level(actor=request.user, booking=booking, **values)
        return self.answer(booking)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def cancel(self, request, id=None):
        """Cancel (release) the booking; the audit log keeps it."""
        facilities.booking_cancel(actor=request.user, booking=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    create=extend_schema(request=PostTaskCreateSerializer, responses={201: PostTaskSerializer}),
    partial_update=extend_schema(
        request=PostTaskInputSerializer,
        responses={200: PostTaskSerializer},
        description="New dates slip the tasks that wait for this one.",
    ),
    destroy=extend_schema(responses={204: None}),
)
class PostTaskViewSet(ListRetrieveMixin, _ById):
    """Tasks of the post pipeline (assignees see their own)."""

    model = PostTask
    output_serializer_class = PostTaskSerializer
    input_serializer_classes = {
        "create": PostTaskCreateSerializer,
        "partial_update": PostTaskInputSerializer,
    }
    filterset_class = PostTaskFilter
    ordering_aliases = {"start_date": ("start_date",), "end_date": ("end_date",)}
    ordering = ("start_date",)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def optimise(self, queryset):
        return queryset.select_related("production", "assignee").prefetch_related("depends_on")

    def create(self, request):
        """Add a task; its first dates are kept as the plan."""
        task = pipeline.task_create(actor=request.user, **self.validated())
        return self.answer(task, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a task; new dates slip its dependants."""
        task = self.get_object()
        task = pipeline.task_update(actor=request.user, task=task, **self.validated())
        return self.answer(task)

    def destroy(self, request, id=None):
        """Delete a task (the tasks waiting for it no longer do)."""
        pipeline.task_delete(actor=request.user, task=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=DependencySerializer, responses={200: PostTaskSerializer},
                   description="A cycle is refused (400) naming it.")  # fmt: skip
    @action(detail=True, methods=["post"])
    def depend(self, request, id=None):
        """This task waits for `depends_on` from now on (later tasks slip if needed)."""
        task = self.get_object()
        values = self.validated(DependencySerializer)
        task = pipeline.task_add_dependency(actor=request.user, task=task, **values)
        return self.answer(task)

    @extend_schema(request=DependencySerializer, responses={200: PostTaskSerializer})
    @action(detail=True, methods=["post"])
    def undepend(self, request, id=None):
        """This task no longer waits for `depends_on`."""
        task = self.get_object()
        values = self.validated(DependencySerializer)
        task = pipeline.task_remove_dependency(actor=request.user, task=task, **values)
        return self.answer(task)


class DeliverableViewSet(ListRetrieveMixin, _ById):
    """Deliverables of the delivery schedules, their status and delivered file."""

    model = Deliverable
    output_serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilter
    ordering_aliases = {"due_date": ("due_date",)}
    ordering = ("due_date",)

    def optimise(self, queryset):
        return queryset.select_related("schedule__production")

    @extend_schema(request=DeliverableStatusSerializer, responses={200: DeliverableSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, id=None):
        """Move the item along its transition table."""
        item = self.get_object()
        values = self.validated(DeliverableStatusSerializer)
        item = delivery.deliverable_set_status(actor=request.user, deliverable=item, **values)
        return self.answer(item)

    @extend_schema(
        methods=["POST"], request=DeliverableFileSerializer, responses={200: DeliverableSerializer}
    )
    @extend_schema(methods=["GET"], responses={200: DeliverableContentSerializer})
    @action(detail=True, methods=["get", "post"], parser_classes=UPLOAD_PARSERS)
    def file(self, request, id=None):
        """GET: the delivered file (base64); POST: deliver one, multipart `file` or JSON
        `filename` and `content_base64` (the item becomes delivered)."""
        item = self.get_object()
        if request.method == "GET":
            if not item.file:
                raise NotFound("No file has been delivered for this item.")
            with item.file.open("rb") as handle:
                data = handle.read()
            return Response(
                {
                    "filename": item.file_name,
                    "sha256": item.sha256,
                    "content_base64": base64.b64encode(data).decode("ascii"),
                }
            )
        values = self.validated(DeliverableFileSerializer)
        item = delivery.deliverable_attach(
            actor=request.user,
            deliverable=item,
            data=values["data"],
            filename=values["filename"],
        )
        return self.answer(item)


class _RangeItemViewSet(ListRetrieveMixin, _ById):
    """ADR cues and VFX shots: items with a record range against a cut version, edited,
    deleted and moved through their statuses by the same services (`cues.item_*`); only the
    create differs (`create_service`: `cues.cue_create` or `cues.shot_create`)."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    ordering_aliases = {"record_in": ("record_in",)}
    ordering = ("record_in",)

    create_service = None  # set by each subclass

    def create(self, request):
        """Add one against a cut version."""
        item = self.create_service(actor=request.user, **self.validated())
        return self.answer(item, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change its fields (the range is checked against its cut version)."""
        item = cues.item_update(actor=request.user, item=self.get_object(), **self.validated())
        return self.answer(item)

    def destroy(self, request, id=None):
        """Delete it."""
        cues.item_delete(actor=request.user, item=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def status(self, request, id=None):
        """Move it to another status (done clears its conform flag)."""
        values = self.validated(CueStatusSerializer)
        item = cues.item_set_status(actor=request.user, item=self.get_object(), **values)
        return self.answer(item)


def _range_item_schema(create, update, output, noun: str):
    """The schema of a range-item viewset: its own serializers and words for the shared verbs."""
    return extend_schema_view(
        create=extend_schema(
            request=create, responses={201: output},
            description=f"Add {noun} against a cut version.",
        ),
        partial_update=extend_schema(
            request=update, responses={200: output},
            description=f"Change the {noun.split()[-1]}'s fields (the range is checked against "
            "its cut version).",
        ),
        destroy=extend_schema(responses={204: None}, description=f"Delete the {noun.split()[-1]}."),
        status=extend_schema(
            request=CueStatusSerializer, responses={200: output},
            description=f"Move the {noun.split()[-1]} to another status (done clears its "
            "conform flag).",
        ),
    )  # fmt: skip


@_range_item_schema(AdrCueCreateSerializer, AdrCueUpdateSerializer, AdrCueSerializer, "a cue")
class AdrCueViewSet(_RangeItemViewSet):
    """ADR cues with their record ranges and conform flags."""

    model = AdrCue
    output_serializer_class = AdrCueSerializer
    input_serializer_classes = {
        "create": AdrCueCreateSerializer,
        "partial_update": AdrCueUpdateSerializer,
    }
    filterset_class = AdrCueFilter

    def optimise(self, queryset):
        return queryset.select_related("production", "engagement")

    create_service = staticmethod(cues.cue_create)


@_range_item_schema(VfxShotCreateSerializer, VfxShotUpdateSerializer, VfxShotSerializer, "a shot")
class VfxShotViewSet(_RangeItemViewSet):
    """VFX shots with their record ranges and conform flags."""

    model = VfxShot
    output_serializer_class = VfxShotSerializer
    input_serializer_classes = {
        "create": VfxShotCreateSerializer,
        "partial_update": VfxShotUpdateSerializer,
    }
    filterset_class = VfxShotFilter

    def optimise(self, queryset):
        return queryset.select_related("production")

    create_service = staticmethod(cues.shot_create)


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
