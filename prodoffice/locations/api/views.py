"""The paperwork desk over the API: documents (draft, change, move, approve, depend, upload a
version), the readiness of each location-day, and what is due. Reads go through
`Document.objects.for_user`; writes call the same services as the web pages and the CLI."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from prodoffice.api.base import ListRetrieveMixin, ScopedViewSet
from prodoffice.locations.api.serializers import (
    DueItemSerializer,
    DueQuerySerializer,
    LegalDocumentCreateSerializer,
    LegalDocumentDependSerializer,
    LegalDocumentInputSerializer,
    LegalDocumentSerializer,
    LegalDocumentStatusSerializer,
    LegalDocumentUploadSerializer,
    ReadinessQuerySerializer,
    ReadinessSerializer,
)
from prodoffice.locations.filters import DocumentFilter
from prodoffice.locations.models import Document
from prodoffice.locations.permissions import can_draft_paperwork, can_view_locations
from prodoffice.locations.readiness import board_by_id, readiness_for_board
from prodoffice.locations.selectors import paperwork_due
from prodoffice.locations.services import paperwork, store
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
    http_method_names = ["get", "post", "patch", "head", "options"]

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
    @action(detail=True, methods=["post"])
    def upload(self, request, id=None):
        """Store a new version of the file (PDF, PNG, JPEG; checked by content)."""
        values = self.validated(LegalDocumentUploadSerializer)
        document = self.get_object()
        store.document_upload(
            actor=request.user,
            document=document,
            filename=values["filename"],
            data=values["content_base64"],
        )
        return self.answer(document, status.HTTP_201_CREATED)

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
