"""The paperwork desk over the API: documents (draft, change, move, approve, depend, upload a
version), the readiness of each location-day, and what is due. Reads go through
`Document.objects.for_user`; writes call the same services as the web pages and the CLI."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.renderers import PdfRenderer
from prodoffice.api.uploads import UPLOAD_PARSERS, UploadParsersMixin
from prodoffice.locations import services
from prodoffice.locations.api.serializers import (
    CandidateCreateSerializer,
    CandidateInputSerializer,
    CandidateQuerySerializer,
    CandidateSerializer,
    DueItemSerializer,
    DueQuerySerializer,
    LegalDocumentCreateSerializer,
    LegalDocumentDependSerializer,
    LegalDocumentInputSerializer,
    LegalDocumentSerializer,
    LegalDocumentStatusSerializer,
    LegalDocumentUploadSerializer,
    LocationCreateSerializer,
    LocationInputSerializer,
    LocationPhotoSerializer,
    LocationPhotoUploadSerializer,
    LocationSerializer,
    ReadinessQuerySerializer,
    ReadinessSerializer,
    RuleCreateSerializer,
    RuleInputSerializer,
    RuleSerializer,
    SetComparisonSerializer,
)
from prodoffice.locations.filters import (
    CandidateFilter,
    DocumentFilter,
    LocationFilter,
    PhotoFilter,
    RuleFilter,
)
from prodoffice.locations.models import (
    CandidateVenue,
    Document,
    DocumentFile,
    JurisdictionRule,
    Location,
    LocationPhoto,
)
from prodoffice.locations.permissions import (
    can_draft_paperwork,
    can_view_location_money,
    can_view_locations,
)
from prodoffice.locations.readiness import board_by_id, readiness_for_board
from prodoffice.locations.selectors import candidate_comparison, paperwork_due
from prodoffice.locations.services import days, paperwork, retention, store
from prodoffice.productions.models import Production

CODE_RE = r"[A-Za-z0-9][A-Za-z0-9-]{1,19}"


def _production(request, code: str):
    """A production the user belongs to, by code (others: 404)."""
    found = Production.objects.for_user(request.user).filter(code=code.upper()).first()
    if found is None:
        raise NotFound("No such production.")
    return found


def _query(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PngRenderer(PdfRenderer):
    """Lets `Accept: image/png` through content negotiation (a stored version's bytes)."""

    media_type = "image/png"
    format = "png"


class JpegRenderer(PdfRenderer):
    """Lets `Accept: image/jpeg` through content negotiation (a stored version's bytes)."""

    media_type = "image/jpeg"
    format = "jpeg"


FILE_TYPES = ("application/pdf", "image/png", "image/jpeg")


def _post(input_cls, http_status=200):
    return extend_schema(request=input_cls, responses={http_status: LegalDocumentSerializer})


@extend_schema_view(
    create=extend_schema(
        request=LegalDocumentCreateSerializer, responses={201: LegalDocumentSerializer}
    ),
    partial_update=extend_schema(
        request=LegalDocumentInputSerializer, responses={200: LegalDocumentSerializer}
    ),
)
class DocumentViewSet(ListRetrieveMixin, ScopedViewSet):
    """Legal documents: the office's all; a department head's department's; a person's own."""

    model = Document
    output_serializer_class = LegalDocumentSerializer
    input_serializer_classes = {
        "create": LegalDocumentCreateSerializer,
        "partial_update": LegalDocumentInputSerializer,
    }
    filterset_class = DocumentFilter
    ordering_aliases = {"title": ("title",), "expiry_date": ("expiry_date",)}
    ordering = ("kind", "title")
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def optimise(self, queryset):
        return queryset.select_related("production", "location", "approved_by").prefetch_related(
            "depends_on", "files"
        )

    def create(self, request):
        """Draft a document (office); it starts as needed."""
        document = paperwork.document_create(actor=request.user, **self.validated())
        return self.answer(document, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a document's details (office)."""
        document = paperwork.document_update(
            actor=request.user, document=self.get_object(), **self.validated()
        )
        return self.answer(document)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        """Delete the document and its versions (office): refused (400) while it is kept, five
        years after the latest of its upload, expiry and the production's end."""
        retention.document_delete(actor=request.user, document=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @_post(LegalDocumentStatusSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, id=None):
        """Move the document by its kind's table; approval is the production manager's."""
        document = paperwork.document_transition(
            actor=request.user,
            document=self.get_object(),
            **self.validated(LegalDocumentStatusSerializer),
        )
        return self.answer(document)

    @_post(LegalDocumentDependSerializer)
    @action(detail=True, methods=["post"])
    def depend(self, request, id=None):
        """The document is not valid while the other one is not (cycles refused)."""
        document = self.get_object()
        # Refused before the body is read, so an unknown `on` tells a reader nothing.
        if not can_draft_paperwork(request.user, document.production):
            raise PermissionDenied("Only the production office links paperwork.")
        values = self.validated(LegalDocumentDependSerializer)
        document = paperwork.document_depend(actor=request.user, document=document, on=values["on"])
        return self.answer(document)

    @_post(LegalDocumentUploadSerializer, 201)
    @action(detail=True, methods=["post"], parser_classes=UPLOAD_PARSERS)
    def upload(self, request, id=None):
        """Store a new version of the file (PDF, PNG, JPEG; checked by content), sent as
        multipart `file` or as JSON `filename` and `content_base64`."""
        values = self.validated(LegalDocumentUploadSerializer)
        document = self.get_object()
        store.document_upload(
            actor=request.user,
            document=document,
            filename=values["filename"],
            data=values["data"],
        )
        return self.answer(document, status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("version", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={(200, media): OpenApiTypes.BINARY for media in FILE_TYPES},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=rf"files/(?P<version>{INT_RE})",
        filter_backends=[],
    )
    def file(self, request, id=None, version=None):
        """A stored version of the file, as an attachment with nosniff and its SHA-256."""
        document = self.get_object()
        item = get_object_or_404(DocumentFile.objects.filter(document=document), version=version)
        response = FileResponse(
            item.file.open("rb"),
            as_attachment=True,
            filename=item.filename,
            content_type=item.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Content-SHA256"] = item.sha256
        response["Cache-Control"] = "private, no-store"
        return response

    def get_renderers(self):
        if self.action == "file":
            return [PdfRenderer(), PngRenderer(), JpegRenderer(), *super().get_renderers()]
        return super().get_renderers()

    @extend_schema(
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH),
            OpenApiParameter("board", OpenApiTypes.UUID),
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
        ],
        responses={200: ReadinessSerializer(many=True)},
    )
    @action(
        detail=False,
        methods=["get"],
        pagination_class=None,
        filter_backends=[],
        url_path=rf"readiness/(?P<code>{CODE_RE})",
    )
    def readiness(self, request, code=None):
        """Each location on each day of the production's working board (or `board`)."""
        production = _production(request, code)
        values = _query(ReadinessQuerySerializer, request)
        if not can_view_locations(request.user, production):
            raise PermissionDenied("Readiness is read by the office, department heads, executives.")
        board = None
        if "board" in values:
            board = board_by_id(production, values["board"])
            if board is None:
                raise NotFound("No such board.")
        rows = readiness_for_board(
            production=production, board=board, start=values.get("start"), end=values.get("end")
        )
        return Response([row.as_dict() for row in rows])

    @extend_schema(
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH),
            OpenApiParameter("days", OpenApiTypes.INT),
        ],
        responses={200: DueItemSerializer(many=True)},
    )
    @action(
        detail=False,
        methods=["get"],
        pagination_class=None,
        filter_backends=[],
        url_path=rf"due/(?P<code>{CODE_RE})",
    )
    def due(self, request, code=None):
        """What expires, is due to apply or is missing in the next `days` days."""
        production = _production(request, code)
        values = _query(DueQuerySerializer, request)
        items = paperwork_due(
            user=request.user,
            production=production,
            days=values["days"],
            today=timezone.localdate(),
        )
        return Response([item.as_dict() for item in items])


@extend_schema_view(
    create=extend_schema(request=LocationCreateSerializer, responses={201: LocationSerializer}),
    partial_update=extend_schema(
        request=LocationInputSerializer, responses={200: LocationSerializer}
    ),
)
class LocationViewSet(ListRetrieveMixin, ScopedViewSet):
    """Locations: read by the production-wide roles, changed by the office (fees: office only)."""

    model = Location
    output_serializer_class = LocationSerializer
    input_serializer_classes = {
        "create": LocationCreateSerializer,
        "partial_update": LocationInputSerializer,
    }
    filterset_class = LocationFilter
    ordering_aliases = {"name": ("name",)}
    ordering = ("production__code", "name")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def optimise(self, queryset):
        return queryset.select_related("production").prefetch_related("backups")

    def create(self, request):
        """Add a location (office)."""
        values = self.validated()
        production = values.pop("production")
        location = services.location_create(actor=request.user, production=production, **values)
        return self.answer(location, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a location (office)."""
        location = services.location_update(
            actor=request.user, location=self.get_object(), **self.validated()
        )
        return self.answer(location)


@extend_schema_view(
    create=extend_schema(request=RuleCreateSerializer, responses={201: RuleSerializer}),
    partial_update=extend_schema(request=RuleInputSerializer, responses={200: RuleSerializer}),
)
class RuleViewSet(ListRetrieveMixin, ScopedViewSet):
    """Permit offices' rules: the shared examples (administrators change them) and each
    production's own (its office changes them)."""

    model = JurisdictionRule
    output_serializer_class = RuleSerializer
    input_serializer_classes = {
        "create": RuleCreateSerializer,
        "partial_update": RuleInputSerializer,
    }
    filterset_class = RuleFilter
    lookup_field = "pk"
    lookup_value_regex = INT_RE
    ordering_aliases = {"name": ("name",)}
    ordering = ("name", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def optimise(self, queryset):
        return queryset.select_related("production")

    def create(self, request):
        """A production's own rule (office), or a shared one (administrators)."""
        values = self.validated()
        production = values.pop("production", None)
        rule = paperwork.rule_create(actor=request.user, production=production, **values)
        return self.answer(rule, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a rule; the apply-by dates of its documents follow."""
        rule = paperwork.rule_update(actor=request.user, rule=self.get_object(), **self.validated())
        return self.answer(rule)


@extend_schema_view(
    create=extend_schema(
        request=LocationPhotoUploadSerializer, responses={201: LocationPhotoSerializer}
    ),
)
class LocationPhotoViewSet(UploadParsersMixin, ListRetrieveMixin, ScopedViewSet):
    """Scouting photos: read with their location (production-wide roles), added and removed by
    the office through the services the web pages call (`?location=` narrows the list)."""

    model = LocationPhoto
    output_serializer_class = LocationPhotoSerializer
    input_serializer_classes = {"create": LocationPhotoUploadSerializer}
    filterset_class = PhotoFilter
    lookup_field = "pk"
    lookup_value_regex = INT_RE
    ordering_aliases = {"filename": ("filename",)}
    ordering = ("location__name", "created_at", "id")
    http_method_names = ["get", "post", "delete", "head", "options"]
    upload_actions = frozenset({"create"})

    def optimise(self, queryset):
        return queryset.select_related("location")

    def create(self, request):
        """Add a photo (PNG or JPEG, checked by content as document uploads are), sent as
        multipart `file` or as JSON `filename` and `content_base64`."""
        values = self.validated()
        photo = store.photo_add(
            actor=request.user,
            location=values["location"],
            filename=values["filename"],
            data=values["data"],
            caption=values["caption"],
        )
        return self.answer(photo, status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        """Delete the photo and its stored file (office)."""
        store.photo_remove(actor=request.user, photo=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses={(200, media): OpenApiTypes.BINARY for media in FILE_TYPES[1:]},
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def file(self, request, id=None):
        """The photo's bytes, as an attachment with nosniff and its SHA-256."""
        photo = self.get_object()
        response = FileResponse(
            photo.file.open("rb"),
            as_attachment=True,
            filename=photo.filename,
            content_type=photo.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Content-SHA256"] = photo.sha256
        response["Cache-Control"] = "private, no-store"
        return response

    def get_renderers(self):
        if self.action == "file":
            return [PngRenderer(), JpegRenderer(), *super().get_renderers()]
        return super().get_renderers()


@extend_schema_view(
    create=extend_schema(request=CandidateCreateSerializer, responses={201: CandidateSerializer}),
    partial_update=extend_schema(
        request=CandidateInputSerializer, responses={200: CandidateSerializer}
    ),
)
class CandidateViewSet(ListRetrieveMixin, ScopedViewSet):
    """Candidate venues per set: read by the production-wide roles (price and currency null
    for all but the office), changed by the office; `comparison/{code}/` puts them side by side."""

    model = CandidateVenue
    output_serializer_class = CandidateSerializer
    input_serializer_classes = {
        "create": CandidateCreateSerializer,
        "partial_update": CandidateInputSerializer,
    }
    filterset_class = CandidateFilter
    lookup_field = "pk"
    lookup_value_regex = INT_RE
    ordering_aliases = {"set_name": ("set_name",)}
    ordering = ("production__code", "set_name", "location__name")
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def optimise(self, queryset):
        return queryset.select_related("production", "location")

    def create(self, request):
        """Consider a location for a set (office); a second candidacy is refused."""
        candidate = days.candidate_add(actor=request.user, **self.validated())
        return self.answer(candidate, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change the price, basis, currency or notes (office)."""
        candidate = days.candidate_update(
            actor=request.user, candidate=self.get_object(), **self.validated()
        )
        return self.answer(candidate)

    @extend_schema(responses={204: None})
    def destroy(self, request, id=None):
        """No longer consider the location for the set (office)."""
        days.candidate_remove(actor=request.user, candidate=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH),
            OpenApiParameter("set", OpenApiTypes.STR),
        ],
        responses={200: SetComparisonSerializer(many=True)},
    )
    @action(
        detail=False,
        methods=["get"],
        pagination_class=None,
        filter_backends=[],
        url_path=rf"comparison/(?P<code>{CODE_RE})",
    )
    def comparison(self, request, code=None):
        """Per set, its venues with the total for its shoot days on the working board."""
        production = _production(request, code)
        values = _query(CandidateQuerySerializer, request)
        if not can_view_locations(request.user, production):
            raise PermissionDenied(
                "Locations are read by the office, department heads, executives."
            )
        sets = candidate_comparison(
            user=request.user, production=production, set_name=values.get("set") or None
        )
        show_money = can_view_location_money(request.user, production)
        return Response([s.as_dict(show_money=show_money) for s in sets])
