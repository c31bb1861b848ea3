"""The base of every viewset: scoped querysets, whitelisted ordering, input and output shapes."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from prodoffice.api.auth import BearerTokenAuthentication
from prodoffice.api.filters import AliasOrderingFilter
from prodoffice.api.idempotency import idempotent_call
from prodoffice.api.permissions import SecondFactorVerified, WritesNeedAWritingRole
from prodoffice.api.schema import ErrorAwareAutoSchema

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
    filter_backends = [DjangoFilterBackend, AliasOrderingFilter]
    schema = ErrorAwareAutoSchema()
    ordering_aliases: dict[str, tuple[str, ...]] = {}
    output_serializer_class = None
    input_serializer_classes: dict[str, type] = {}
    #: Every POST honours an Idempotency-Key (see `initial`); the schema documents the header.
    idempotent_posts = True

    def initial(self, request, *args, **kwargs):
        """After authentication: every POST (creates and actions) honours an Idempotency-Key.

        Applied here rather than per action so that no create or action can forget it; DRF looks
        the handler up after `initial`, so the wrapped one is what runs."""
        super().initial(request, *args, **kwargs)
        if request.method == "POST":
            handler = self.post
            self.post = lambda request, *a, **kw: idempotent_call(
                self, request, lambda: handler(request, *a, **kw)
            )

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
