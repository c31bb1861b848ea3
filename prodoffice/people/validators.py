"""Validation of contact data: phone numbers, countries, languages, currencies."""

from __future__ import annotations

import functools

import phonenumbers
from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, list_currencies
from django.core.exceptions import ValidationError

from prodoffice.core import display

_CURRENCIES = frozenset(list_currencies())
_COUNTRIES = frozenset(
    code for code in Locale("en").territories if len(code) == 2 and code.isalpha()
)


def normalise_phone(raw: str, region: str | None = None) -> str:
    """A phone number in E.164, or a ValidationError saying why it is not one."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, (region or "US").upper())
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            f"“{raw}” is not a phone number ({exc}).", code="invalid_phone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            f"“{raw}” is not a valid phone number; "
            "use the international form, e.g. +1 213 555 0143.",
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A stored E.164 number in international display form."""
    return _format_phone(str(e164 or ""))


@functools.lru_cache(maxsize=8192)
def _format_phone(e164: str) -> str:
    # phonenumbers parses the number against its metadata on every call (~0.1 ms); a crew
    # list formats the same numbers on every request.
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        return e164


def validate_country(code: str) -> None:
    """An ISO 3166-1 alpha-2 country code."""
    if code and code.upper() not in _COUNTRIES:
        raise ValidationError(f"“{code}” is not an ISO 3166 country code.", code="invalid_country")


def validate_language(code: str) -> None:
    """A language code babel knows (ISO 639, e.g. en, fr, pt-BR)."""
    if not code:
        return
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise ValidationError(
            f"“{code}” is not a known language code.", code="invalid_language"
        ) from exc


def language_name(code: str) -> str:
    """English name of a language code."""
    return display.language_name(code)


def validate_currency(code: str) -> None:
    """An ISO 4217 currency code."""
    if code and code.upper() not in _CURRENCIES:
        raise ValidationError(
            f"“{code}” is not an ISO 4217 currency code.", code="invalid_currency"
        )


def currency_name(code: str) -> str:
    """English name of a currency."""
    return get_currency_name(code, locale="en") if code else ""


COUNTRY_CHOICES = sorted(
    ((c, Locale("en").territories[c]) for c in _COUNTRIES), key=lambda item: item[1]
)
CURRENCY_CHOICES = sorted((c, f"{c} – {get_currency_name(c, locale='en')}") for c in _CURRENCIES)
