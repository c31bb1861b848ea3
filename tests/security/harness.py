"""The authorization model of the matrix: roles, their relation to an object, expected answers."""

from __future__ import annotations

import functools
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import transaction
from django.urls import reverse

from tests.support.security import (
    api_operations,
    is_format_suffix,
    openapi_schema,
    walk_routes,
)

ROLES = (
    "anonymous",
    "crew_a",
    "crew_b",
    "head",
    "office",
    "executive",
    "other_office",
    "outsider",
)
#: Side "a" is production A (crew_a's own objects); "other" is the other production.
SIDES = ("a", "other")
#: Targets whose side-"a" object belongs to crew_a (their own engagement and person record).
SELF_TARGETS = frozenset({"engagement", "person", "action", "contract", "feed", "unavailability"})
#: The shared catalogue (any member reads; only site administrators write, none of the personas).
SHARED_TARGETS = frozenset({"shared_position", "shared_department"})

LOGIN = "login"  # a redirect to the sign-in page
DENY = frozenset({403, 404})
NOT_FOUND = 404
API_ANON = frozenset({401, 403})
REFUSED = frozenset({401, 403, 404, 405})


#: The default of an `Objects` field built on first read (see `Objects.builders`).
LAZY: Any = type("Lazy", (), {"__repr__": lambda self: "<built on first read>"})()


@dataclass(frozen=True)
class Objects:
    """The objects of one side that URL kwargs are filled from."""

    production: Any
    engagement: Any
    person: Any
    meeting: Any
    membership: Any  # a crew membership of the production (what "remove access" targets)
    company: Any
    action: Any  # an action item of the meeting, assigned to the side's engagement
    credit: Any  # the person's children, for the API's DELETE .../{item_id}/
    language: Any
    union: Any
    representation: Any
    audit: Any  # an audit event of the production
    contract: Any = None  # a draft deal memo for the side's engagement, its person a party
    board: Any = None  # a stripboard of the production: a day break, then a meal banner

    @property
    def contract_party(self):
        """The contract's party (crew_a on side "a")."""
        return self.contract.parties.first()

    # --- breakdown ---
    scene: Any = None  # a scene of the current draft, with `element` in its breakdown
    element: Any = None  # a prop element of the production
    # --- feeds ---
    feed: Any = None  # a person feed of the side's engagement (crew_a's own on side "a")
    feed_secret: str = ""  # its secret, the credential of the public .ics URL
    # --- conflicts ---
    unavailability: Any = None  # dates the side's engagement cannot work (crew_a's own on "a")
    location: Any = None  # a location of the production
    location_unavailability: Any = None  # dates that location cannot be used
    # --- opt ---
    optimization: Any = None  # a queued optimizer run of that board
    # --- contracts desk ---
    bulk_job: Any = None  # a bulk send job over the side's contract (recorded, never run)
    # --- end contracts desk ---
    # --- post ---
    room: Any = LAZY  # a mix stage of the production's facility
    booking: Any = LAZY  # a pencil booking of that room, nobody in it
    post_task: Any = LAZY  # a post task of the production, no assignee
    cut_version: Any = LAZY  # version 2 of a cut (version 1 is `cut_version_old`)
    cut_version_old: Any = LAZY
    post_task_lock: Any = LAZY  # picture lock; `post_task` (the mix) waits for it
    post_task_qc: Any = LAZY  # a QC task nothing waits for
    deliverable: Any = LAZY  # the QC report of a France schedule, delivered with a file
    adr_cue: Any = LAZY  # an ADR cue on version 1
    vfx_shot: Any = LAZY  # a VFX shot on version 1
    room_feed_secret: Any = LAZY  # the secret of the room's calendar link
    # --- end post ---
    # --- lang ---
    linguist: Any = LAZY  # a translator on the production's roster (a pair with a rate)
    language_work: Any = LAZY  # an open subtitling work item
    subtitle_track: Any = LAZY  # a subtitle track with one version
    production_language: Any = LAZY  # German, dubbed, for Germany (DE)
    dubbing_line: Any = LAZY  # line 1 of the German dubbing script
    recording_session: Any = LAZY  # a German voice's session, a pencil booking of a dub stage
    # --- end lang ---
    # --- call ---
    callsheet: Any = LAZY  # a draft call sheet of the board's first shoot day
    # --- end call ---
    # --- paper ---
    document: Any = LAZY  # a film permit of the location for lighting & grip, with a file v1
    document_coi: Any = LAZY  # the certificate of insurance the permit may depend on
    location_day: Any = LAZY  # a prep day recorded at the location
    rule: Any = LAZY  # the production's own permit office rule
    location_photo: Any = LAZY  # a scouting photo of the location
    candidate: Any = LAZY  # the location as a candidate venue for a set, priced per day
    # --- end paper ---
    #: Builders of the LAZY fields (name -> a callable returning that group's fields): the
    #: newer apps' objects cost a cut import, a subtitle upload, a call-sheet draft and stored
    #: files, and each matrix test needs at most one group, so a group is built on first read.
    builders: Any = None

    def __getattribute__(self, name: str):
        value = object.__getattribute__(self, name)
        if value is LAZY:
            built = object.__getattribute__(self, "builders")[name]()
            for key, item in built.items():
                object.__setattr__(self, key, item)
            value = built[name]
        return value

    @property
    def shared_position(self):
        """The engagement's catalogue position (shared by every production)."""
        return self.engagement.position

    @property
    def shared_department(self):
        """The engagement's catalogue department (shared by every production)."""
        return self.engagement.position.department


def relation(role: str, side: str, target: str | None) -> str:
    """How a role relates to the target object: anon, office, head, executive, self, crew,
    stranger (no membership in the object's production)."""
    if role == "anonymous":
        return "anon"
    if target is None or target in SHARED_TARGETS:
        return {
            "outsider": "stranger",
            "other_office": "office",
            "crew_a": "crew",
            "crew_b": "crew",
        }.get(role, role)
    if side == "other":
        return "office" if role == "other_office" else "stranger"
    if role == "crew_a":
        return "self" if target in SELF_TARGETS else "crew"
    return {"crew_b": "crew", "outsider": "stranger", "other_office": "stranger"}.get(role, role)


@dataclass(frozen=True)
class Access:
    """Relations in `ok_for` get `ok`; other members `denied`; strangers `stranger`; anon `anon`
    (default: a redirect to sign in on the web, 401/403 on the API)."""

    ok_for: frozenset[str]
    ok: Any = 200
    denied: Any = DENY
    stranger: Any = NOT_FOUND
    anon: Any = None

    def expect(self, rel: str, is_api: bool) -> Any:
        if rel in self.ok_for:
            return self.ok
        if rel == "anon":
            return self.anon if self.anon is not None else (API_ANON if is_api else LOGIN)
        return self.stranger if rel == "stranger" else self.denied

    def but(self, **changes) -> Access:
        """A copy with some answers changed."""
        return Access(**{**self.__dict__, **changes})


def matches(response, expected) -> bool:
    """Whether a response is the expected answer (a status, a set of them, or LOGIN)."""
    if expected == LOGIN:
        return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")
    if isinstance(expected, frozenset | set | tuple):
        return response.status_code in expected
    return response.status_code == expected


@dataclass(frozen=True)
class Entry:
    """A route's matrix entry: its target object, GET access, optional POST access, overrides
    of URL kwargs (kwarg -> attribute path of the target, "objs.<path>" from the side's
    objects, or "=literal"), extra query strings the canary crawl tries,
    and a request body for unsafe methods (a function of the side's Objects)."""

    target: str | None
    get: Access | None
    post: Access | None = None
    kwargs: dict[str, str] = field(default_factory=dict)
    variants: tuple[str, ...] = ()
    body: Any = None
    note: str = ""


def kwarg_value(name: str, kind: str, target_obj, objs: Objects, overrides: dict[str, str]):
    """The value of a URL kwarg for a target object: codes, public ids or pks, by converter."""
    if name in overrides:
        spec = overrides[name]
        return spec[1:] if spec.startswith("=") else _attr(target_obj, objs, spec)
    if name in {"code", "production", "production_code"}:
        return objs.production.code
    if kind == "IntConverter" or name in {"pk"} or name.endswith("_pk"):
        return target_obj.pk
    return target_obj.public_id


def _attr(target_obj, objs: Objects, path: str):
    obj: Any = objs if path.startswith("objs.") else target_obj
    for part in path.removeprefix("objs.").split("."):
        obj = getattr(obj, part)
    return obj


def target_object(objs: Objects, target: str | None):
    return None if target is None else getattr(objs, target)


def route_url(route, entry: Entry, objs: Objects) -> str:
    """The URL of a discovered route with its kwargs filled from the side's objects."""
    target = target_object(objs, entry.target)
    kwargs = {
        name: kwarg_value(name, kind, target, objs, entry.kwargs) for name, kind in route.converters
    }
    if ":" in route.name or not route.name.startswith("/"):
        return reverse(route.name, kwargs=kwargs)
    url = route.template
    for name, value in kwargs.items():
        url = url.replace(f"<{name}>", str(value))
    return url


def op_url(path: str, entry: Entry, objs: Objects) -> str:
    """An OpenAPI path with its {params} filled."""
    target = target_object(objs, entry.target)
    url = path
    while "{" in url:
        name = url[url.index("{") + 1 : url.index("}")]
        value = kwarg_value(name, "str", target, objs, entry.kwargs)
        url = url.replace("{" + name + "}", str(value))
    return url


def send(client, method: str, url: str, body=None, is_api: bool = False):
    """One request; API bodies go as JSON, web bodies as a form."""
    fn = getattr(client, method.lower())
    if method == "GET":
        return fn(url)
    if is_api:
        return fn(url, data=json_body(body), content_type="application/json")
    return fn(url, data=body or {})


def json_body(body) -> str:
    """A request body as JSON (UUIDs and decimals as strings)."""
    return json.dumps(body or {}, default=str)


# --- discovery ------------------------------------------------------------------------------------


def _norm(template: str) -> str:
    return re.sub(r"\{[^}]+\}|<[^>]+>", "{}", template)


@functools.cache
def operations() -> tuple[tuple[str, str, str], ...]:
    """(key "METHOD /path", method, path) of every OpenAPI operation."""
    return tuple(
        (f"{method} {path}", method, path) for method, path, _ in api_operations(openapi_schema())
    )


@functools.cache
def routes() -> tuple:
    """Every URL pattern the matrix must cover: all but skipped prefixes, format-suffix twins and
    API routes that are OpenAPI operations (those are covered operation by operation)."""
    op_paths = {_norm(path) for _, _, path in operations()}
    return tuple(
        r
        for r in walk_routes()
        if not is_format_suffix(r) and not (r.is_api and _norm(r.template) in op_paths)
    )


@contextmanager
def rolled_back():
    """Run requests whose effects are undone afterwards (allowed writes in the matrix)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- HTML forms -----------------------------------------------------------------------------------


class _FormParser(HTMLParser):
    """The submittable values of each form of a page, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": a.get("action") or "", "method": a.get("method", "get"), "data": {}}
            )
        elif self.forms and tag == "input" and a.get("name"):
            self._input(a)
        elif self.forms and tag == "select":
            self._select = a.get("name")
        elif self.forms and tag == "option" and self._select and "selected" in a:
            self.forms[-1]["data"][self._select] = a.get("value", "")
        elif self.forms and tag == "textarea":
            self._textarea = a.get("name")
            self.forms[-1]["data"][self._textarea] = ""

    def _input(self, a):
        kind = a.get("type", "text")
        if kind in ("checkbox", "radio") and "checked" not in a:
            return
        if kind not in ("submit", "button", "file"):
            self.forms[-1]["data"][a["name"]] = a.get("value", "on" if kind == "checkbox" else "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["data"][self._textarea] += data


def page_form(html: str, method: str = "post") -> dict:
    """The values of the page's main POST form (the one with the most fields)."""
    parser = _FormParser()
    parser.feed(html)
    forms = [f for f in parser.forms if f["method"].lower() == method]
    return max(forms, key=lambda f: len(f["data"]))["data"] if forms else {}
