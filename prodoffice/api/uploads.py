"""Files sent to the API: as multipart (`file`), or inside a JSON body (`filename` and
`content_base64`). One serializer and one parser list for every upload route, so that every app
reads a file the same way, refuses it with the same words, and takes large files (a delivered
master, a scanned permit) as multipart, which Django streams to disk instead of holding a base64
copy of them in a JSON body (JSON bodies are capped by PRODOFFICE_UPLOAD_MAX_BYTES)."""

from __future__ import annotations

import base64
import binascii

from rest_framework import serializers
from rest_framework.parsers import MultiPartParser

from prodoffice.api.parsers import StrictJSONParser

#: The parsers of a route that takes a file: JSON (as every route) and multipart.
UPLOAD_PARSERS = [StrictJSONParser, MultiPartParser]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def decode_base64(value: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a base64 string (no line breaks or stray characters), refused by name."""
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise serializers.ValidationError("Not valid base64.") from exc
    if max_bytes is not None and len(data) > max_bytes:
        raise serializers.ValidationError(f"The file is larger than {_megabytes(max_bytes)}.")
    return data


def filename_field(max_length: int) -> serializers.CharField:
    """The JSON `filename` of a `FileInputSerializer` whose `max_name` is `max_length` (a
    subclass that lowers `max_name` declares `filename = filename_field(max_name)` again, so
    that the schema tells the same limit)."""
    return serializers.CharField(
        max_length=max_length, required=False, help_text="JSON only: the file's name."
    )


class FileInputSerializer(serializers.Serializer):
    """A file as multipart `file`, or as JSON `filename` and `content_base64`; validated into
    `filename` and `data` (bytes). Subclasses add their own fields and may set `max_bytes` and
    `max_name` (the services check sizes and content again: this only refuses early)."""

    max_bytes: int | None = None
    max_name: int = 255

    file = serializers.FileField(required=False, max_length=255, help_text="Multipart only.")
    filename = filename_field(max_name)
    content_base64 = serializers.CharField(
        required=False, help_text="JSON only: the file's bytes, base64-encoded."
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        upload = attrs.pop("file", None)
        encoded = attrs.pop("content_base64", None)
        if upload is not None:
            if self.max_bytes is not None and upload.size > self.max_bytes:
                raise serializers.ValidationError(
                    {"file": f"The file is larger than {_megabytes(self.max_bytes)}."}
                )
            attrs["filename"], attrs["data"] = upload.name, upload.read()
        elif encoded is not None and attrs.get("filename"):
            try:
                attrs["data"] = decode_base64(encoded, max_bytes=self.max_bytes)
            except serializers.ValidationError as exc:
                raise serializers.ValidationError({"content_base64": exc.detail}) from exc
        elif encoded is not None:
            raise serializers.ValidationError({"filename": "Name the file (`filename`)."})
        else:
            raise serializers.ValidationError(
                {"file": "Send the file (multipart `file`, or `filename` and `content_base64`)."}
            )
        if len(attrs["filename"]) > self.max_name:
            field = "file" if upload is not None else "filename"
            raise serializers.ValidationError(
                {field: f"The file name is longer than {self.max_name} characters."}
            )
        return attrs


class UploadParsersMixin:
    """For a viewset whose `upload_actions` (e.g. {"create"}) take files: those also parse
    multipart; every other route stays JSON only. (The parsers are chosen before DRF sets
    `self.action`, hence the look-up in the route's action map.)"""

    upload_actions: frozenset[str] = frozenset()

    def get_parsers(self):
        action = getattr(self, "action", None)
        request = getattr(self, "request", None)
        if action is None and request is not None:
            action = (getattr(self, "action_map", None) or {}).get(request.method.lower())
        if action in self.upload_actions:
            return [parser() for parser in UPLOAD_PARSERS]
        return super().get_parsers()
