"""Schema generation: every operation documents the one error format next to its success answer."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    """The body of an error."""

    code = serializers.CharField(help_text="Stable machine-readable code, e.g. `not_found`.")
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field name to its messages; empty when the error is not about a field.",
    )


class ErrorSerializer(serializers.Serializer):
    """Every API error: `{"error": {code, message, fields}}`."""

    error = ErrorDetailSerializer()


class ErrorAwareAutoSchema(AutoSchema):
    """Adds 400/401/403/404/429 answers in the error format to each operation."""

    def _error_codes(self) -> list[str]:
        codes = ["401", "403"]
        if self.method not in ("GET", "HEAD", "OPTIONS") or self._has_query_filters():
            codes.append("400")
        if "{" in self.path or self._has_query_filters():
            codes.append("404")  # lists: a page past the end is "not found" (S-17)
        if self._is_idempotent():
            codes.append("422")  # an Idempotency-Key reused for another request
        return codes

    def _is_idempotent(self) -> bool:
        """POSTs of the viewsets honour an Idempotency-Key (prodoffice.api.idempotency)."""
        return self.method == "POST" and getattr(self.view, "idempotent_posts", False)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_idempotent():
            from prodoffice.api.idempotency import PARAMETER  # models: not at import time

            parameters.append(PARAMETER)
        return parameters

    def _has_query_filters(self) -> bool:
        return self.method == "GET" and self._is_list_view()

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        # A blank e-mail or URL is stored and answered as "", which no "email"/"uri" value is
        # (read-only model fields lose `allow_blank`, so they are taken as possibly blank).
        blank = getattr(field, "allow_blank", False) or field.read_only
        if blank and schema.get("format") in ("email", "uri"):
            del schema["format"]

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # A read-only choice of a model field with blank=True is answered as "" when unset, but
        # read-only model fields lose `allow_blank`: give it back so the enum lists "".
        if isinstance(field, serializers.ChoiceField) and field.read_only and _blank(field):
            field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        for code in self._error_codes():
            bodies.setdefault(code, self._get_response_for_code(ErrorSerializer, code))
        return bodies


def _blank(field) -> bool:
    """Whether a serializer field reads a model field that may be blank."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


class ScopedSlugFieldExtension(OpenApiSerializerFieldExtension):
    """A reference by code or public id has the type of that model field (string or uuid)."""

    target_class = "prodoffice.api.fields.ScopedSlugRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        model_field = self.target.model._meta.get_field(self.target.slug_field)
        schema = dict(auto_schema._map_model_field(model_field, direction))
        # A public id is not editable on its model, but a reference to one is written: without
        # this the request schemas dropped every such field (a photo's `location` ...).
        schema.pop("readOnly", None)
        return schema


class EnumChoiceFieldExtension(OpenApiSerializerFieldExtension):
    """An enum registered once under its class name, referenced from every field that uses it."""

    target_class = "prodoffice.api.fields.EnumChoiceField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        values = list(field.choices)
        description = "\n".join(f"* `{v}` - {label}" for v, label in field.choices.items())
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={"type": "string", "enum": values, "description": description},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


def integer_path_ids(result, generator, request, public):
    """drf-spectacular postprocessing hook: integer path ids are positive, as the URL patterns
    accept ([0-9]{1,18}), so clients and schema-driven tests never build unroutable paths."""
    for item in result.get("paths", {}).values():
        for operation in item.values():
            for param in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = param.get("schema", {})
                if param.get("in") == "path" and schema.get("type") == "integer":
                    schema.setdefault("minimum", 0)
                    schema.setdefault("maximum", 10**18 - 1)
    return result
