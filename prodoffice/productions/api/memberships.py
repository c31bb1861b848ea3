"""Memberships: who holds which role on a production, managed by its office."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from prodoffice.accounts.api.serializers import MembershipSerializer
from prodoffice.accounts.choices import Role
from prodoffice.accounts.models import Membership, User
from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.fields import EnumChoiceField, PlainSlugRelatedField, ScopedSlugRelatedField
from prodoffice.productions.filters import MembershipFilter
from prodoffice.productions.models import Department, Production
from prodoffice.productions.services import memberships


class MembershipInputSerializer(serializers.Serializer):
    """Role terms of a membership."""

    role = EnumChoiceField(Role.choices, "Role")
    department = PlainSlugRelatedField(
        slug_field="slug", queryset=Department.objects.all(), required=False, allow_null=True
    )
    #: Left out, the right is kept (and dropped with a role outside the office): the service's
    #: rule, so a POST or PATCH that changes only the role cannot take it away by default.
    can_countersign = serializers.BooleanField(required=False)


class MembershipCreateSerializer(MembershipInputSerializer):
    """Give a user (by username) a role in a production the caller runs (by code)."""

    production = ScopedSlugRelatedField(model=Production, slug_field="code", action="change")
    user = PlainSlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True)
    )


def memberships_for_user(user):
    """Office staff see and manage the memberships of their productions (nobody else does)."""
    return Membership.objects.for_user(user)


@extend_schema_view(
    create=extend_schema(request=MembershipCreateSerializer, responses={201: MembershipSerializer}),
    partial_update=extend_schema(
        request=MembershipInputSerializer, responses={200: MembershipSerializer}
    ),
    destroy=extend_schema(responses={204: None}),
)
class MembershipViewSet(ListRetrieveMixin, ScopedViewSet):
    """Who holds which role on the productions the caller runs."""

    lookup_field = "pk"
    lookup_value_regex = INT_RE
    output_serializer_class = MembershipSerializer
    input_serializer_classes = {
        "create": MembershipCreateSerializer,
        "partial_update": MembershipInputSerializer,
    }
    filterset_class = MembershipFilter
    ordering_aliases = {"role": ("role",), "user": ("user__username",)}
    ordering = ("production__title", "role", "user__username")
    queryset = Membership.objects.none()  # for the schema's model introspection

    def get_queryset(self):
        scoped = memberships_for_user(self.request.user)
        return scoped.select_related("production", "user", "department")

    def create(self, request):
        """Give a user a role in a production (office staff of that production)."""
        membership = memberships.membership_set(actor=request.user, **self.validated())
        return self.answer(membership, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change the role, department or countersigning right."""
        membership = self.get_object()
        values = {
            "role": membership.role,
            "department": membership.department,
            **self.validated(),
        }
        membership = memberships.membership_set(
            actor=request.user, production=membership.production, user=membership.user, **values
        )
        return self.answer(membership)

    def destroy(self, request, id=None):
        """Take the role away."""
        memberships.membership_remove(actor=request.user, membership=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
