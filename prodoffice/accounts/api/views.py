"""The token endpoint and the signed-in user."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django_otp import match_token
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from prodoffice.accounts.api import serializers as s
from prodoffice.accounts.middleware import mfa_required
from prodoffice.accounts.models import Membership
from prodoffice.accounts.services import token_issue, token_revoke
from prodoffice.api.base import API_AUTHENTICATION, API_PERMISSIONS
from prodoffice.api.errors import error_response
from prodoffice.api.schema import ErrorAwareAutoSchema, ErrorSerializer


class TokenView(APIView):
    """Exchange credentials (and a TOTP code for office staff) for an API token; revoke it."""

    authentication_classes = API_AUTHENTICATION
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

    authentication_classes = API_AUTHENTICATION
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
