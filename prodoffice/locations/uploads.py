"""What an uploaded paperwork file must be (S-11): a PDF or an image whose bytes match its
extension, not empty, not over the size limit, with a plain file name.

Content, not the browser's Content-Type, decides: the first bytes (magic numbers) must be those of
the type the extension claims. A PDF that also carries HTML markup near its start (a polyglot a
browser could sniff as a page) is refused; every file is served as an attachment with `nosniff`.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError

from prodoffice.core.text import refuse_bidi_in_identifier

#: Extension -> (content type, magic prefixes).
TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
_HTML_MARKERS = (b"<html", b"<script", b"<body", b"<!doctype html", b"<iframe", b"<svg")


def max_bytes() -> int:
    """The upload size limit (PRODOFFICE_UPLOAD_MAX_BYTES)."""
    return int(settings.PRODOFFICE_UPLOAD_MAX_BYTES)


def check_filename(name: str) -> str:
    """The name as given, refused when it holds a path, control characters or no extension."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"file": "The file has no name."})
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith(".."):
        raise ValidationError(
            {"file": f"The file name {name!r} holds a path; send the file alone."}
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        try:
            refuse_bidi_in_identifier(name)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        raise ValidationError({"file": "The file name holds control characters; rename the file."})
    if len(name) > 200:
        raise ValidationError({"file": "The file name is longer than 200 characters."})
    return name


def check_upload(name: str, data: bytes) -> tuple[str, str]:
    """(clean file name, content type) of an acceptable upload; else a ValidationError on `file`."""
    name = check_filename(name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in TYPES:
        allowed = ", ".join(sorted(TYPES))
        raise ValidationError({"file": f"{name}: only PDF and images are accepted ({allowed})."})
    if not data:
        raise ValidationError({"file": f"{name} is empty (0 bytes)."})
    if len(data) > max_bytes():
        limit = max_bytes() // (1024 * 1024)
        raise ValidationError({"file": f"{name} is larger than the {limit} MB limit."})
    content_type, magics = TYPES[extension]
    if not data.startswith(magics):
        raise ValidationError(
            {
                "file": f"{name} is not a {extension.upper()} file: its content does not match "
                "its extension."
            }
        )
    head = data[:2048].lower()
    if any(marker in head for marker in _HTML_MARKERS):
        raise ValidationError({"file": f"{name} carries HTML markup; it is refused."})
    return name, content_type
