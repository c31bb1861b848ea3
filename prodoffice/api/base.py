"""The base of every viewset: scoped querysets, whitelisted ordering, input and output shapes."""

from __future__ import annotations

import functools

from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from prodoffice.api.auth import BearerTokenAuthentication
from prodoffice.api.filters import AliasOrderingFilter, StrictFilterBackend
from prodoffice.api.idempotency import idempotent_call
from prodoffice.api.parsers import StrictJSONParser
from prodoffice.api.permissions import SecondFactorVerified, WritesNeedAWritingRole
from prodoffice.api.schema import ErrorAwareAutoSchema
from prodoffice.core.middleware import nul_parameter

# Row ids: at most 18 digits, so no path value overflows a 64-bit integer column (a 500).
INT_RE = r"[0-9]{1,18}"
UUID_RE = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"

API_PERMISSIONS = [IsAuthenticated, SecondFactorVerified, WritesNeedAWritingRole]
# Bearer first, so an anonymous call answers 401 with `WWW-Authenticate: Bearer`.
API_AUTHENTICATION = [BearerTokenAuthentication, SessionAuthentication]


class ScopedViewSet(viewsets.GenericViewSet):
    """Reads from `model.objects.for_user(user)`; writes call services and answer the output shape.

    Objects outside the user's view answer 404; visible objects the user may not change reach
    the service, which refuses with 403.
    """

    model = None
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_RE
    authentication_classes = API_AUTHENTICATION
    permission_classes = API_PERMISSIONS
    filter_backends = [StrictFilterBackend, AliasOrderingFilter]
    # Bodies are JSON only: form encodings read "" as "absent" (DRF's HTML-form rules), which let
    # values the schema forbids through as defaults. Anything else answers 415; NUL bytes 400.
    parser_classes = [StrictJSONParser]
    schema = ErrorAwareAutoSchema()
    ordering_aliases: dict[str, tuple[str, ...]] = {}
    output_serializer_class = None
    input_serializer_classes: dict[str, type] = {}
    #: Every POST honours an Idempotency-Key (see `initial`); the schema documents the header.
    idempotent_posts = True

    def initial(self, request, *args, **kwargs):
        """After authentication and content negotiation: refuse NUL bytes in query parameters
        (400), then wrap the method's handler: every POST (creates and actions) honours an
        Idempotency-Key, and no handler receives the `.json` suffix's `format` kwarg (negotiated
        already, in `self.format_kwarg`).

        Applied here rather than per action so that no create or action can forget either; DRF
        looks the handler up after `initial`, so the wrapped one is what runs."""
        super().initial(request, *args, **kwargs)
        if (bad := nul_parameter(request.query_params)) is not None:
            message = "A NUL character is not allowed here (PostgreSQL text cannot hold one)."
            raise ValidationError({bad: [message]})
        method = request.method.lower()
        handler = getattr(self, method, None)
        if handler is None:
            return

        def without_format(request, *a, **kw):
            kw.pop("format", None)
            return handler(request, *a, **kw)

        wrapped = without_format
        if method == "post":
            wrapped = functools.partial(_idempotent, self, without_format)
        setattr(self, method, wrapped)

    def perform_content_negotiation(self, request, force=False):
        # `?format=` names no format: 404 like any unknown one (DRF would ignore it).
        if not force and request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) == "":
            raise NotFound("No such format.")
        return super().perform_content_negotiation(request, force)

    def get_queryset(self):
        return self.optimise(self.model.objects.for_user(self.request.user))

    def optimise(self, queryset):
        """select_related / prefetch_related so lists cost the same for any number of rows."""
        return queryset

    def get_serializer_class(self):
        return self.input_serializer_classes.get(self.action, self.output_serializer_class)

    def validated(self, serializer_class=None, **context) -> dict:
        """Parse the request body with the action's input serializer (a whitelist of fields)."""
        serializer_class = serializer_class or self.get_serializer_class()
        serializer = serializer_class(
            data=self.request.data,
            partial=self.action == "partial_update",
            context={**self.get_serializer_context(), **context},
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def answer(self, instance, http_status=status.HTTP_200_OK) -> Response:
        """The object as the user may see it, re-read through the scoped queryset."""
        fresh = self.get_queryset().filter(pk=instance.pk).first() or instance
        self.prepare_rows([fresh])
        data = self.output_serializer_class(fresh, context=self.get_serializer_context()).data
        return Response(data, status=http_status)

    def prepare_rows(self, rows):
        """Hook to attach per-row data computed in bulk (e.g. permission caches)."""
        return rows


def _idempotent(view, handler, request, *args, **kwargs):
    return idempotent_call(view, request, lambda: handler(request, *args, **kwargs))


class ListRetrieveMixin:
    """GET on the collection (paginated) and on one object."""

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = self.prepare_rows(page)
        data = self.output_serializer_class(rows, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(data.data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self.prepare_rows([obj])
        return Response(
            self.output_serializer_class(obj, context=self.get_serializer_context()).data
        )
