"""The API's one body parser: JSON, refusing NUL bytes anywhere in it."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class StrictJSONParser(JSONParser):
    """JSON; a NUL byte in any key or string answers 400 (PostgreSQL text cannot hold one, so a
    lookup by such a value was a 500 there; serializers' own check covers only their fields)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if _has_nul(data):
            raise ParseError("The body contains a NUL character (\\u0000), which no field accepts.")
        return data
