"""Helpers for the security suite (tests/security): route discovery, DB snapshots, canaries.

Routes are discovered from the URL resolver and the OpenAPI schema so that a new route without
an entry in the authorization matrix fails the suite (catalogue S-01).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

#: URL prefixes that are not ours to authorize, with the reason they are left out of the matrix.
SKIPPED_PREFIXES: dict[str, str] = {
    "admin/": "Django admin: staff-only by Django itself; its login is covered by S-07",
    "static/": "static files carry no personal data and no authorization",
    "media/": "uploads are served through authorized views, never by URL",
    "__debug__/": "debug toolbar, development only",
    "__reload__/": "browser reload, development only",
}

#: Apps whose rows the "database unchanged" snapshots compare.
SNAPSHOT_APPS = ("accounts", "audit", "people", "productions", "authtoken", "otp_totp")
#: Columns that change on reads or logins and say nothing about authorization.
VOLATILE_FIELDS = frozenset({"last_login", "last_used_at", "throttling_failure_count"})
#: Audit actions that record a read (exports and downloads are logged, S-13) and may follow a GET.
READ_AUDIT = re.compile(r"\.(export|download|print|view|pdf)$")


@dataclass(frozen=True)
class Route:
    """One URL pattern, flattened: its namespaced name, path template and kwarg converters."""

    name: str
    template: str
    callback: Any = field(compare=False, hash=False)
    converters: tuple[tuple[str, str], ...] = ()

    @property
    def is_api(self) -> bool:
        return self.template.startswith("/api/")

    @property
    def kwargs(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.converters)


_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_ROUTE_GROUP = re.compile(r"<(?:(\w+):)?(\w+)>")


def _template(pieces: list[Any]) -> tuple[str, list[tuple[str, str]]]:
    """Join pattern pieces into '/a/<kind:name>/b/' and list the (name, kind) of each kwarg."""
    text, convs = "", []
    for piece in pieces:
        raw = str(piece.pattern)
        converters = getattr(piece.pattern, "converters", {})
        raw = raw.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
        for m in _REGEX_GROUP.finditer(raw):
            convs.append((m.group(1), "regex"))
        raw = _REGEX_GROUP.sub(lambda m: f"<{m.group(1)}>", raw)
        for m in _ROUTE_GROUP.finditer(raw):
            kind = type(converters[m.group(2)]).__name__ if m.group(2) in converters else "str"
            if (m.group(2), "regex") not in convs:
                convs.append((m.group(2), kind))
        text += raw
    return "/" + text, convs


def walk_routes(resolver: URLResolver | None = None) -> list[Route]:
    """Every URL pattern of the project, flattened, minus SKIPPED_PREFIXES."""
    out: list[Route] = []

    def walk(patterns, pieces, namespaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = [*namespaces, p.namespace] if p.namespace else namespaces
                walk(p.url_patterns, [*pieces, p], ns)
            elif isinstance(p, URLPattern):
                template, convs = _template([*pieces, p])
                if template.lstrip("/").startswith(tuple(SKIPPED_PREFIXES)):
                    continue
                name = ":".join([*namespaces, p.name]) if p.name else template
                out.append(Route(name, template, p.callback, tuple(convs)))

    walk((resolver or get_resolver()).url_patterns, [], [])
    return out


def is_format_suffix(route: Route) -> bool:
    """DRF's `.json` suffix twins of API routes: the same view, authorized the same way."""
    return "format" in route.kwargs


def api_operations(schema: dict) -> list[tuple[str, str, dict]]:
    """(METHOD, path, operation) for every operation of an OpenAPI document."""
    methods = ("get", "post", "put", "patch", "delete")
    return [
        (method.upper(), path, op)
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
        if method in methods
    ]


def openapi_schema() -> dict:
    """The API's OpenAPI document, generated as /api/schema/ serves it."""
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


# --- database snapshots -------------------------------------------------------------------------


#: Derived from the rows compared: an audit chain's head moves with every event appended, read
#: audits (exports) included, which the audit events' own comparison leaves out.
DERIVED_MODELS = {"audit.auditchainhead"}


def _snapshot_models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in SNAPSHOT_APPS
        and not m._meta.proxy
        and m._meta.managed
        and m._meta.label_lower not in DERIVED_MODELS
    ]


def db_snapshot() -> dict[str, list[tuple]]:
    """Every row of the project's tables (tests hold a few hundred), minus volatile columns."""
    snap = {}
    for model in _snapshot_models():
        cols = [f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE_FIELDS]
        rows = model._base_manager.order_by("pk").values_list(*cols)
        if model._meta.label_lower == "audit.auditevent":
            rows = rows.exclude(action__regex=READ_AUDIT.pattern)
        snap[model._meta.label_lower] = [tuple(map(str, r)) for r in rows]
    return snap


def snapshot_diff(before: dict, after: dict) -> dict[str, str]:
    """A short description of every table whose rows differ."""
    out = {}
    for label in before:
        b, a = set(before[label]), set(after.get(label, []))
        if a != b:
            out[label] = f"+{len(a - b)} -{len(b - a)}: {sorted(a ^ b)[:2]}"
    return out


# --- canaries ------------------------------------------------------------------------------------

_SEP = r"[\s,.'\u00a0\u202f]?"
CANARY_PATTERNS = {
    "rate": re.compile(rf"987{_SEP}654[.,]32"),
    "passport": re.compile(r"ZZCANARY123", re.IGNORECASE),
    "address": re.compile(r"17 Canary Wharf Lane", re.IGNORECASE),
    "date of birth": re.compile(
        r"1980-05-17|17/05/1980|05/17/1980|17\.05\.1980|May 17,? 1980|17 May,? 1980", re.I
    ),
}


def find_canaries(text: str) -> list[str]:
    """Names of the canaries present in a text."""
    return [name for name, rx in CANARY_PATTERNS.items() if rx.search(text)]


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )


def pdf_text(data: bytes) -> str | None:
    """The text of a PDF through poppler's pdftotext, or None when poppler is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    done = subprocess.run([exe, "-q", "-", "-"], input=data, capture_output=True, timeout=60)
    return done.stdout.decode("utf-8", "replace")


def response_text(response) -> str:
    """Everything a reader of the response sees: headers and the decoded body (HTML, JSON, XLSX,
    PDF; PDFs come back as '' when poppler is missing, see `pdf_text`)."""
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    ctype = response.get("Content-Type", "")
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    if body[:4] == b"PK\x03\x04" or "spreadsheetml" in ctype:
        text = _xlsx_text(body)
    elif body[:5] == b"%PDF-":
        text = pdf_text(body) or ""
    else:
        text = body.decode("utf-8", "replace")
        if "json" in ctype:
            text += "\n" + json.dumps(_json_or_none(text), ensure_ascii=False)
    return headers + "\n" + unescape(text)


def _json_or_none(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None
