"""Helpers shared by the language desk's services."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from prodoffice.core.services import require
from prodoffice.languages.permissions import can_manage_languages
from prodoffice.people.validators import validate_language

REFUSED = "Only the production office manages the language desk."


def require_office(actor, production) -> None:
    """Refuse anyone but the production office (None: the system)."""
    require(can_manage_languages(actor, production), REFUSED)


def language_tag(value: str, field: str = "language") -> str:
    """A BCP 47 tag babel knows, trimmed; a clear error naming the field otherwise."""
    tag = (value or "").strip().replace("_", "-")
    if not tag:
        raise ValidationError({field: "Give a language tag such as en, es or pt-BR."})
    try:
        validate_language(tag)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    return tag
