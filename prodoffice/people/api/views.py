"""People and companies: thin viewsets over people/services.py; a person's cards, languages,
credits and agents as nested add/remove actions."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.people import selectors, services
from prodoffice.people.api import serializers as s
from prodoffice.people.filters import CompanyFilter, PersonFilter
from prodoffice.people.models import Company, Person

# Productions lie above people (STYLE.md import direction): reach their models through relations.
Production = Person._meta.get_field("home_production").related_model
Engagement = Person._meta.get_field("engagements").related_model


def _child_actions(name: str, related: str, input_cls, output_cls, add_service):
    """The add (POST .../{name}/) and remove (DELETE .../{name}/{item_id}/) actions of a child."""

    def add(self, request, id=None):
        person = self.get_object()
        obj = add_service(actor=request.user, person=person, **self.validated(input_cls))
        return Response(output_cls(obj).data, status=status.HTTP_201_CREATED)

    def remove(self, request, id=None, item_id=None):
        person = self.get_object()
        obj = get_object_or_404(getattr(person, related).all(), pk=item_id)
        services.person_child_remove(actor=request.user, obj=obj)
        return Response(status=status.HTTP_204_NO_CONTENT)

    add.__name__, remove.__name__ = f"{name}_add", f"{name}_remove"
    add.__doc__ = f"Add to the person's {name.replace('_', ' ')}."
    remove.__doc__ = f"Remove one of the person's {name.replace('_', ' ')}."
    item = OpenApiParameter("item_id", int, OpenApiParameter.PATH)
    add = extend_schema(request=input_cls, responses={201: output_cls})(
        action(detail=True, methods=["post"], url_path=name.replace("_", "-"))(add)
    )
    remove = extend_schema(request=None, responses={204: None}, parameters=[item])(
        action(
            detail=True,
            methods=["delete"],
            url_path=rf"{name.replace('_', '-')}/(?P<item_id>{INT_RE})",
            url_name=f"{name.replace('_', '-')}-remove",
        )(remove)
    )
    return add, remove


@extend_schema_view(
    create=extend_schema(request=s.PersonCreateSerializer, responses={201: s.PersonSerializer}),
    partial_update=extend_schema(
        request=s.PersonInputSerializer, responses={200: s.PersonSerializer}
    ),
)
class PersonViewSet(ListRetrieveMixin, ScopedViewSet):
    """The directory of people the user may see."""

    model = Person
    output_serializer_class = s.PersonSerializer
    input_serializer_classes = {
        "create": s.PersonCreateSerializer,
        "partial_update": s.PersonInputSerializer,
    }
    filterset_class = PersonFilter
    ordering_aliases = {
        "name": ("last_name", "first_name"),
        "first_name": ("first_name",),
        "experience": ("years_experience",),
        "created": ("created_at",),
    }
    ordering = ("last_name", "first_name")

    def optimise(self, queryset):
        engagements = Engagement.objects.order_by().only("id", "person_id", "production_id")
        return queryset.prefetch_related(
            Prefetch("engagements", queryset=engagements, to_attr="engagement_rows"),
            "union_memberships",
            "languages",
            "credits",
            "representations__agent",
            "representations__agency",
        )

    def prepare_rows(self, rows):
        # can_view_private_person reads this instead of querying each person's engagements.
        for person in rows:
            ids = {e.production_id for e in getattr(person, "engagement_rows", [])}
            person.production_ids_cache = ids | (
                {person.home_production_id} if person.home_production_id else set()
            )
        return rows

    def create(self, request):
        """Add a person to the directory (office staff of the given production)."""
        person = services.person_create(actor=request.user, **self.validated())
        return self.answer(person, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a person's details (the person, or office staff of their productions)."""
        person = services.person_update(
            actor=request.user, person=self.get_object(), **self.validated()
        )
        return self.answer(person)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"], url_path="data", pagination_class=None)
    def data(self, request, id=None):
        """Everything held about the person (S-14): the person and their office."""
        return Response(selectors.person_data_export(actor=request.user, person=self.get_object()))

    @extend_schema(request=s.ErasureInputSerializer, responses={200: s.ErasureSerializer})
    @action(detail=True, methods=["post"], url_path="erase")
    def erase(self, request, id=None):
        """Erase the person's personal data (S-15): the office of all their productions."""
        result = services.person_erase(
            actor=request.user, person=self.get_object(), **self.validated(s.ErasureInputSerializer)
        )
        return Response(result)

    unions_add, unions_remove = _child_actions(
        "unions",
        "union_memberships",
        s.UnionInputSerializer,
        s.UnionMembershipSerializer,
        services.union_membership_add,
    )
    languages_add, languages_remove = _child_actions(
        "languages",
        "languages",
        s.LanguageInputSerializer,
        s.LanguageSkillSerializer,
        services.language_add,
    )
    credits_add, credits_remove = _child_actions(
        "credits", "credits", s.CreditInputSerializer, s.CreditSerializer, services.credit_add
    )
    representations_add, representations_remove = _child_actions(
        "representations",
        "representations",
        s.RepresentationInputSerializer,
        s.RepresentationSerializer,
        services.representation_add,
    )


@extend_schema_view(
    create=extend_schema(request=s.CompanyCreateSerializer, responses={201: s.CompanySerializer}),
    partial_update=extend_schema(
        request=s.CompanyInputSerializer, responses={200: s.CompanySerializer}
    ),
)
class CompanyViewSet(ListRetrieveMixin, ScopedViewSet):
    """Studios, production companies, vendors, post houses, agencies, loan-outs."""

    model = Company
    output_serializer_class = s.CompanySerializer
    input_serializer_classes = {
        "create": s.CompanyCreateSerializer,
        "partial_update": s.CompanyInputSerializer,
    }
    filterset_class = CompanyFilter
    ordering_aliases = {"name": ("name",), "kind": ("kind", "name")}
    ordering = ("name",)

    def create(self, request):
        """Add a company for a production the caller runs (office staff)."""
        company = services.company_create(actor=request.user, **self.validated())
        return self.answer(company, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change a company's details (the office of the one production that uses it)."""
        company = services.company_update(
            actor=request.user, company=self.get_object(), **self.validated()
        )
        return self.answer(company)
