"""Productions and engagements: thin viewsets over the services; domain verbs as actions."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.productions.api import serializers as s
from prodoffice.productions.filters import EngagementApiFilter
from prodoffice.productions.models import Engagement, Production, Unavailability
from prodoffice.productions.selectors import CREW_SORTS
from prodoffice.productions.services import availability, engagements, productions


@extend_schema_view(
    list=extend_schema(summary="Productions you are a member of"),
    create=extend_schema(
        request=s.ProductionInputSerializer, responses={201: s.ProductionSerializer}
    ),
    partial_update=extend_schema(
        request=s.ProductionInputSerializer, responses={200: s.ProductionSerializer}
    ),
)
class ProductionViewSet(ListRetrieveMixin, ScopedViewSet):
    """Productions, looked up by their code."""

    model = Production
    lookup_field = "code"
    lookup_url_kwarg = "code"
    lookup_value_regex = r"[A-Za-z0-9][A-Za-z0-9-]{1,19}"
    output_serializer_class = s.ProductionSerializer
    input_serializer_classes = {
        "create": s.ProductionInputSerializer,
        "partial_update": s.ProductionInputSerializer,
        "phase": s.PhaseInputSerializer,
    }
    ordering_aliases = {
        "title": ("title",),
        "code": ("code",),
        "phase": ("phase",),
        "start": ("start_date",),
    }
    ordering = ("title",)

    def optimise(self, queryset):
        return queryset.select_related("studio", "production_company")

    def create(self, request):
        """Open a production (office staff); its kickoff meeting comes with it."""
        production = productions.production_create(actor=request.user, **self.validated())
        return self.answer(production, status.HTTP_201_CREATED)

    def partial_update(self, request, code=None):
        """Change a production's details (office staff of the production)."""
        production = productions.production_update(
            actor=request.user, production=self.get_object(), **self.validated()
        )
        return self.answer(production)

    @extend_schema(request=s.PhaseInputSerializer, responses={200: s.ProductionSerializer})
    @action(detail=True, methods=["post"])
    def phase(self, request, code=None):
        """Move the production to another phase, by the transition table."""
        production = productions.production_set_phase(
            actor=request.user, production=self.get_object(), **self.validated()
        )
        return self.answer(production)


@extend_schema_view(
    create=extend_schema(
        request=s.EngagementCreateSerializer, responses={201: s.EngagementSerializer}
    ),
    partial_update=extend_schema(
        request=s.EngagementInputSerializer, responses={200: s.EngagementSerializer}
    ),
)
class EngagementViewSet(ListRetrieveMixin, ScopedViewSet):
    """The crew and cast list: people on productions in positions."""

    model = Engagement
    output_serializer_class = s.EngagementSerializer
    input_serializer_classes = {
        "create": s.EngagementCreateSerializer,
        "partial_update": s.EngagementInputSerializer,
        "status": s.StatusInputSerializer,
    }
    filterset_class = EngagementApiFilter
    ordering_aliases = CREW_SORTS
    ordering = CREW_SORTS["department"] + ("person__last_name",)

    # The columns a row of the API shows, and no more: loading whole superiors, productions and
    # people per row was half the cost of a 400-row list (benchmarks/README.md).
    row_columns = (
        *(f.attname for f in Engagement._meta.concrete_fields),
        "production__code",
        "person__public_id",
        "person__first_name",
        "person__last_name",
        "person__known_as",
        "person__user_id",
        "position__title",
        "position__is_key",
        "position__department__slug",
        "position__department__name",
        "reports_to__public_id",
    )

    def optimise(self, queryset):
        return queryset.select_related(
            "production", "person", "position__department", "reports_to"
        ).only(*self.row_columns)

    def create(self, request):
        """Put a person on a production (office staff; department heads in their department)."""
        engagement = engagements.engagement_create(actor=request.user, **self.validated())
        return self.answer(engagement, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change terms, dates or the reporting line."""
        engagement = engagements.engagement_update(
            actor=request.user, engagement=self.get_object(), **self.validated()
        )
        return self.answer(engagement)

    @extend_schema(request=s.StatusInputSerializer, responses={200: s.EngagementSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, id=None):
        """Offer, confirm, wrap or release, by the transition table."""
        engagement = engagements.engagement_set_status(
            actor=request.user, engagement=self.get_object(), **self.validated()
        )
        return self.answer(engagement)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.UnavailabilitySerializer(many=True)},
        operation_id="engagements_unavailability_list",
    )
    @extend_schema(
        methods=["POST"],
        request=s.UnavailabilityInputSerializer,
        responses={201: s.UnavailabilitySerializer},
        operation_id="engagements_unavailability_create",
    )
    @action(detail=True, methods=["get", "post"], url_path="unavailability", pagination_class=None)
    def unavailability(self, request, id=None):
        """GET: the dates the person cannot work. POST: add a range (the office, or the person)."""
        engagement = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            rows = Unavailability.objects.for_user(request.user).filter(engagement=engagement)
            rows = rows.select_related("engagement__person")
            return Response(s.UnavailabilitySerializer(rows, many=True, context=context).data)
        item = availability.unavailability_add(
            actor=request.user,
            engagement=engagement,
            **self.validated(s.UnavailabilityInputSerializer),
        )
        data = s.UnavailabilitySerializer(item, context=context).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None},
        parameters=[OpenApiParameter("item_id", int, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=rf"unavailability/(?P<item_id>{INT_RE})",
        url_name="unavailability-remove",
    )
    def unavailability_remove(self, request, id=None, item_id=None):
        """Remove one range (the office, or the person themself)."""
        engagement = self.get_object()
        item = get_object_or_404(engagement.unavailabilities.all(), pk=item_id)
        availability.unavailability_remove(actor=request.user, unavailability=item)
        return Response(status=status.HTTP_204_NO_CONTENT)
