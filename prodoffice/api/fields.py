"""Serializer fields that resolve references through the user's scoped querysets."""

from __future__ import annotations

from rest_framework import serializers


class ScopedSlugRelatedField(serializers.SlugRelatedField):
    """A reference by code or public id, looked up in `model.objects.for_user(user, action)`.

    Unknown and not-yours give the same answer, so codes of other productions cannot be probed.
    """

    default_error_messages = {
        "does_not_exist": "Unknown {slug_name}: {value}.",
        "invalid": "Invalid value.",
    }

    def __init__(self, model=None, action: str = "view", **kwargs):
        self.model, self.scope_action = model, action
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return self.model.objects.none()
        return self.model.objects.for_user(user, self.scope_action)

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except (self.model.DoesNotExist, TypeError, ValueError, serializers.DjangoValidationError):
            self.fail("does_not_exist", slug_name=self.slug_field.replace("_", " "), value=data)


class PlainSlugRelatedField(serializers.SlugRelatedField):
    """A reference into shared reference data (catalogue departments), with a clear message."""

    default_error_messages = {"does_not_exist": "Unknown {slug_name}: {value}."}

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except (
            self.get_queryset().model.DoesNotExist,
            TypeError,
            ValueError,
            serializers.DjangoValidationError,
        ):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)


class EnumChoiceField(serializers.ChoiceField):
    """A choice field documented as a named enum component (e.g. `MeetingStatusEnum`).

    Several resources have a `status` or a `kind` with different choice sets; naming each set
    keeps the schema's enum components stable and unambiguous.
    """

    def __init__(self, choices, enum_name: str, **kwargs):
        self.enum_name = f"{enum_name}Enum"
        super().__init__(choices=choices, **kwargs)
