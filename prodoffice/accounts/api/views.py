"""The token endpoint, the signed-in user, and memberships (managed by the production office)."""

from __future__ import annotations

import django_filters
from django.contrib.auth import authenticate
from django_otp import match_token
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from prodoffice.accounts.api import serializers as s
from prodoffice.accounts.api.tokens import token_issue, token_revoke
from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.middleware import mfa_required
from prodoffice.accounts.models import Membership
from prodoffice.accounts.permissions import production_ids
from prodoffice.api.base import API_PERMISSIONS, ListRetrieveMixin, ScopedViewSet
from prodoffice.api.errors import error_response
from prodoffice.api.schema import ErrorAwareAutoSchema, ErrorSerializer
from prodoffice.productions import services
from prodoffice.productions.models import Production


class TokenView(APIView):
    """Exchange credentials (and a TOTP code for office staff) for an API token; revoke it."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
    schema = ErrorAwareAutoSchema()

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        request=s.TokenRequestSerializer,
        responses={200: s.TokenSerializer, 429: ErrorSerializer},
        auth=[],
        operation_id="auth_token_create",
    )
    def post(self, request):
        """Sign in through django-axes (brute force locks the username from that address)."""
        data = s.TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        creds = data.validated_data
        django_request = request._request
        user = authenticate(django_request, username=creds["username"], password=creds["password"])
        if getattr(django_request, "axes_locked_out", False):
            # Answer in the API's format; axes' middleware would otherwise render its HTML page.
            django_request.axes_locked_out = False
            return error_response("locked_out", "Too many failed sign-ins; try again later.", 429)
        if user is None or not user.is_active:
            return error_response("invalid_credentials", "Wrong username or password.", 401)
        refusal = self._second_factor(user, creds.get("otp", ""))
        if refusal is not None:
            return refusal
        return Response({"token": token_issue(actor=user).key})

    def _second_factor(self, user, otp: str):
        """None when no second factor is needed or the code matches; else the error answer."""
        if not mfa_required(user):
            return None
        if not otp:
            fields = {"otp": ["Enter the code from your authenticator app."]}
            return error_response("otp_required", "A second factor is required.", 401, fields)
        if match_token(user, otp) is None:
            fields = {"otp": ["The code is wrong or expired."]}
            return error_response("invalid_otp", "The second factor is wrong.", 401, fields)
        return None

    @extend_schema(request=None, responses={204: None}, operation_id="auth_token_destroy")
    def delete(self, request):
        """Revoke the caller's token (every client holding it is signed out)."""
        token_revoke(actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The signed-in user and their memberships."""

    permission_classes = API_PERMISSIONS
    schema = ErrorAwareAutoSchema()

    @extend_schema(responses={200: s.MeSerializer}, operation_id="me_retrieve")
    def get(self, request):
        """Who am I, and what are my roles."""
        user = request.user
        memberships = Membership.objects.filter(user=user).select_related(
            "production", "department", "user"
        )
        data = s.MeSerializer(user, context={"request": request}).data
        data["memberships"] = s.MembershipSerializer(memberships, many=True).data
        return Response(data)


class MembershipQuerySetAdapter:
    """Memberships a user may read: those of the productions they run (office staff)."""

    @staticmethod
    def for_user(user, action: str = "view"):
        """Office staff see and manage the memberships of their productions."""
        if not user.is_authenticated:
            return Membership.objects.none()
        if user.is_superuser:
            return Membership.objects.all()
        return Membership.objects.filter(production_id__in=production_ids(user, OFFICE_ROLES))


class MembershipFilter(django_filters.FilterSet):
    """Memberships of one production, or with one role."""

    production = django_filters.ModelChoiceFilter(
        to_field_name="code", queryset=lambda request: Production.objects.for_user(request.user)
    )
    role = django_filters.ChoiceFilter(choices=Membership._meta.get_field("role").choices)

    class Meta:
        model = Membership
        fields = ["production", "role"]


@extend_schema_view(
    create=extend_schema(
        request=s.MembershipCreateSerializer, responses={201: s.MembershipSerializer}
    ),
    partial_update=extend_schema(
        request=s.MembershipInputSerializer, responses={200: s.MembershipSerializer}
    ),
    destroy=extend_schema(responses={204: None}),
)
class MembershipViewSet(ListRetrieveMixin, ScopedViewSet):
    """Who holds which role on the productions the caller runs."""

    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    output_serializer_class = s.MembershipSerializer
    input_serializer_classes = {
        "create": s.MembershipCreateSerializer,
        "partial_update": s.MembershipInputSerializer,
    }
    filterset_class = MembershipFilter
    ordering_aliases = {"role": ("role",), "user": ("user__username",)}
    ordering = ("production__title", "role", "user__username")
    queryset = Membership.objects.none()  # for the schema's model introspection

    def get_queryset(self):
        scoped = MembershipQuerySetAdapter.for_user(self.request.user)
        return scoped.select_related("production", "user", "department")

    def create(self, request):
        """Give a user a role in a production (office staff of that production)."""
        membership = services.membership_set(actor=request.user, **self.validated())
        return self.answer(membership, status.HTTP_201_CREATED)

    def partial_update(self, request, id=None):
        """Change the role, department or countersigning right."""
        membership = self.get_object()
        values = {
            "role": membership.role,
            "department": membership.department,
            "can_countersign": membership.can_countersign,
            **self.validated(),
        }
        membership = services.membership_set(
            actor=request.user, production=membership.production, user=membership.user, **values
        )
        return self.answer(membership)

    def destroy(self, request, id=None):
        """Take the role away."""
        services.membership_remove(actor=request.user, membership=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
