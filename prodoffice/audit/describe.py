"""Audit events in words: "Maya Okafor set Ada Lovelace's role to Coordinator".

The one renderer of every audit page, history tab and CLI listing. Each app registers the
sentences of the actions its services record, in its own `describers` module (found the way the
admin finds `admin` modules), so apps stay in their lanes; the renderer turns stored values into
their display labels (choices' labels, related objects' names, dates in the production's time
zone), never raw codes or ids.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.module_loading import autodiscover_modules

from prodoffice.core import display

#: What a describer returns: the words after the actor ("set Ada Lovelace's role to Coordinator").
Phrase = str | Callable[["Event"], str]

_PHRASES: dict[str, Phrase] = {}
_NAMERS: dict[str, Callable[[models.Model], str]] = {}
_LABEL_NAMERS: dict[str, Callable[[str], str]] = {}
_HIDDEN: dict[str, frozenset[str]] = {}
_VALUES: dict[str, dict] = {}
_KEYS: dict[str, Callable[[Any], str]] = {}
_QUIET: set[str] = set()
_RELATED: dict[str, tuple[str, ...]] = {}
_discovered = False

#: Who did it when no user did (the event's source).
SOURCE_ACTORS = {
    "system": "The system",
    "cli": "Someone at the command line",
    "api": "An API client",
    "web": "Someone on the web",
}


def register(phrases: dict[str, Phrase], *, quiet: Iterable[str] = ()) -> None:
    """Register the sentence of each action code: a format string over the `Event` fields
    (`{target}`, `{old[field]}`, `{new[field]}`, `{message}`, `{count}`) or a callable.
    `quiet` actions' stored messages are not shown (the sentence says it better)."""
    _PHRASES.update(phrases)
    _QUIET.update(quiet)


def register_target(
    target_type: str,
    name: Callable[[models.Model], str],
    *,
    from_label: Callable[[str], str] | None = None,
    hidden: Iterable[str] = (),
    related: Iterable[str] = (),
) -> None:
    """How an app's object is named in a sentence (live object, or its stored label when gone),
    which stored change keys are internal (ids) and never shown, and the relations the name
    reads (fetched with the objects, so a page of events costs a query per model)."""
    _NAMERS[target_type] = name
    _RELATED[target_type] = tuple(related)
    if from_label:
        _LABEL_NAMERS[target_type] = from_label
    if hidden:
        _HIDDEN[target_type] = frozenset(hidden)


def register_values(action: str, choices) -> None:
    """The labels of an action's stored values whose keys are not fields (meeting attendance is
    keyed by the person's name and stores an attendance status)."""
    _VALUES[action] = dict(getattr(choices, "choices", choices))


def register_key(key: str, label: Callable[[Any], str]) -> None:
    """The label of the values stored under a change key that is not a field of the target
    ("language": "fr (Fluent)" on a person reads "French (Fluent)")."""
    _KEYS[key] = label


def registered() -> frozenset[str]:
    """Every action code some app has given a sentence."""
    _discover()
    return frozenset(_PHRASES)


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("describers")
        _discovered = True


class Labels(dict):
    """Display labels of old or new values by field; a missing field reads "—"."""

    def __missing__(self, key: str) -> str:
        return display.UNKNOWN


@dataclasses.dataclass(frozen=True)
class Change:
    """One field's move, in words."""

    field: str
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        if self.old == display.UNKNOWN:
            return f"{self.label}: {self.new}"
        return f"{self.label}: {self.old} → {self.new}"


@dataclasses.dataclass
class Event:
    """What a describer reads: the event's target by name and its changes as display labels."""

    record: Any
    target: str
    changes: list[Change]
    old: Labels
    new: Labels
    raw: dict[str, Any]
    message: str

    @property
    def count(self) -> str:
        """A count stored in the changes (strips, rows, contracts)."""
        for key in ("count", "strips", "rows", "added", "imported"):
            if key in self.raw:
                return self.new[key]
        return ""

    def field(self, name: str) -> str:
        """The label of a changed field ("role", "day rate")."""
        return next((c.label for c in self.changes if c.field == name), name.replace("_", " "))


@dataclasses.dataclass(frozen=True)
class Description:
    """An audit event as a person reads it."""

    actor: str
    sentence: str
    details: list[str]
    known: bool

    def __str__(self) -> str:
        return self.sentence


def describe(event, where=None) -> Description:
    """One audit event in words."""
    return describe_all([event], where)[0]


def describe_all(events: Iterable, where=None) -> list[Description]:
    """Audit events in words; targets and related names are fetched once per model."""
    _discover()
    events = list(events)
    lookup = _Lookup(events)
    zones = {} if where else _productions(events)
    return [_describe(ev, lookup, where or zones.get(ev.production_id)) for ev in events]


def _productions(events: list) -> dict:
    """The productions of the events (for their time zones), in one query."""
    ids = {ev.production_id for ev in events if ev.production_id}
    if not ids:
        return {}
    model = events[0]._meta.get_field("production").related_model
    return model._default_manager.only("id", "time_zone", "use_24h_clock").in_bulk(ids)


def _describe(ev, lookup: _Lookup, where) -> Description:
    model = _model(ev.target_type)
    hidden = _HIDDEN.get(ev.target_type, frozenset())
    raw = {k: v for k, v in (ev.changes or {}).items() if k not in hidden}
    values = _VALUES.get(ev.action, {})
    changes = [_change(model, k, v, lookup, where, values) for k, v in raw.items()]
    event = Event(
        record=ev,
        target=lookup.target_name(ev),
        changes=changes,
        old=Labels({c.field: c.old for c in changes}),
        new=Labels({c.field: c.new for c in changes}),
        raw=raw,
        message=ev.message or "",
    )
    phrase = _PHRASES.get(ev.action)
    try:
        words = _phrase(phrase, event) if phrase else fallback(ev.action, event.target)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        # An old row without the values its sentence needs still reads, in general words.
        words, phrase = fallback(ev.action, event.target), None
    actor = actor_name(ev)
    sentence = f"{actor} {words}".strip()
    # A value the sentence already says ("added “Boat work” to the agenda") is not repeated.
    details = [str(c) for c in changes if c.old != display.UNKNOWN or c.new not in sentence]
    if event.message and event.message not in sentence and ev.action not in _QUIET:
        details.append(event.message)
    return Description(actor, sentence.rstrip(".") + ".", details, phrase is not None)


def _phrase(phrase: Phrase, event: Event) -> str:
    if callable(phrase):
        return phrase(event)
    return phrase.format_map(
        {
            "target": event.target,
            "old": event.old,
            "new": event.new,
            "message": event.message,
            "count": event.count,
        }
    )


def actor_name(ev) -> str:
    """The person who acted, or the source in words when nobody signed in did."""
    if ev.actor_id and getattr(ev, "actor", None) is not None:
        return str(ev.actor)
    if ev.actor_label and ev.actor_label not in SOURCE_ACTORS:
        return ev.actor_label
    return SOURCE_ACTORS.get(ev.source, "The system")


def fallback(action: str, target: str) -> str:
    """An action no app describes (an old row): "changed the contract HARB-001", from the code's
    words."""
    noun = action.split(".", 1)[0].replace("_", " ")
    return f"changed the {noun} {target}".strip()


# Sentences shared by the apps' describers.


def updated(noun: str = "") -> Callable[[Event], str]:
    """ "set X's role to Coordinator" for one change, "changed X's role and day rate" for more."""

    def phrase(event: Event) -> str:
        subject = f"{event.target}'s" if event.target else f"the {noun}'s"
        if len(event.changes) == 1:
            change = event.changes[0]
            label = change.label.lower()
            # "reports to" carries its own preposition: "set Bo's reports to: Ada", not "to to".
            joint = ":" if label.rsplit(" ", 1)[-1] in ("to", "of", "for", "by", "from") else " to"
            return f"set {subject} {label}{joint} {change.new}"
        if event.changes:
            fields = [c.label.lower() for c in event.changes]
            listed = ", ".join(fields[:-1]) + f" and {fields[-1]}"
            return f"changed {subject} {listed}"
        return f"updated {noun} {event.target}".replace("  ", " ")

    return phrase


def status_change(noun: str) -> Callable[[Event], str]:
    """ "moved the contract HARB-001 to Sent" from a stored status change."""

    def phrase(event: Event) -> str:
        for key in ("status", "phase"):
            if key in event.raw:
                return f"moved {noun} {event.target} to {event.new[key]}".replace("  ", " ")
        return f"changed the status of {noun} {event.target}".replace("  ", " ")

    return phrase


# Values to labels.


def _model(target_type: str):
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation ("languages" of a person) is not where a stored value comes from.
    return field if getattr(field, "concrete", False) else None


def field_label(model, name: str) -> str:
    """A field's verbose name ("Day rate"), or the key in words."""
    field = _field(model, name)
    label = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
    return label[:1].upper() + label[1:]


def _change(model, key: str, value, lookup: _Lookup, where, values: dict) -> Change:
    pair = value if isinstance(value, list | tuple) and len(value) == 2 else [None, value]
    field = _field(model, key)
    if key in _KEYS:
        old, new = (display.UNKNOWN if v in (None, "") else _KEYS[key](v) for v in pair)
    elif values and field is None:
        old, new = (str(values.get(v, value_label(None, v))) for v in pair)
    else:
        old, new = (value_label(field, v, lookup, where) for v in pair)
    return Change(key, field_label(model, key), old, new)


def value_label(field, value, lookup: _Lookup | None = None, where=None) -> str:
    """A stored value as its display label: a choice's label, a related object's name, a
    boolean as Yes/No, a moment in the production's zone, a language's name."""
    if value == "***":
        return "(hidden)"
    if value is None or value == "" or value == []:
        return display.UNKNOWN
    if isinstance(value, bool):
        return display.yes_no(value)
    if isinstance(value, list | tuple):
        return ", ".join(value_label(field, v, lookup, where) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {value_label(None, v)}" for k, v in value.items())
    if field is not None:
        return _field_value(field, value, lookup, where)
    return _loose_value(value, where)


def _field_value(field, value, lookup, where) -> str:
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    if value in choices:
        return str(choices[value])
    if field.many_to_one or field.one_to_one:
        return (lookup or _Lookup([])).related_name(field.related_model, value)
    if isinstance(field, models.DateTimeField):
        return _loose_value(value, where)
    if isinstance(field, models.DateField):
        return display.day(datetime.date.fromisoformat(str(value)))
    if "language" in field.name:
        return display.language_name(str(value))
    return str(value)


def _loose_value(value, where) -> str:
    text = str(value)
    if len(text) >= 19 and text[4:5] == "-" and text[10:11] == "T":
        try:
            return display.local_datetime(text, where)
        except ValueError:
            return text
    return text


class _Lookup:
    """Targets and related objects of a page of events, fetched once per model."""

    def __init__(self, events: list) -> None:
        self._objects: dict[tuple[Any, str], models.Model | None] = {}
        wanted: dict[str, set[str]] = {}
        for ev in events:
            wanted.setdefault(ev.target_type, set()).add(str(ev.target_id))
        for target_type, ids in wanted.items():
            model = _model(target_type)
            if model is not None and target_type in _NAMERS:
                self._fetch(model, ids)

    def _fetch(self, model, ids: Iterable[str]) -> None:
        keys = [i for i in ids if (model, i) not in self._objects]
        try:
            related = _RELATED.get(model._meta.label_lower, ())
            manager = model._default_manager.select_related(*related)
            found = manager.in_bulk(keys) if keys else {}
        except (ValueError, TypeError):
            found = {}
        for key in keys:
            self._objects[(model, key)] = None
        for pk, obj in found.items():
            self._objects[(model, str(pk))] = obj

    def target_name(self, ev) -> str:
        namer = _NAMERS.get(ev.target_type)
        obj = self._objects.get((_model(ev.target_type), str(ev.target_id)))
        if namer and obj is not None:
            return namer(obj)
        label_namer = _LABEL_NAMERS.get(ev.target_type)
        return label_namer(ev.target_label) if label_namer else ev.target_label

    def related_name(self, model, value) -> str:
        key = str(value)
        if (model, key) not in self._objects:
            self._fetch(model, [key])
        obj = self._objects.get((model, key))
        if obj is None:
            return f"a removed {model._meta.verbose_name}"
        namer = _NAMERS.get(model._meta.label_lower, str)
        return namer(obj)


def action_label(action: str) -> str:
    """An action code as a filter option reads: "contract.party_sign" → "Contract: party sign"."""
    noun, _, verb = action.partition(".")
    return f"{noun.replace('_', ' ').capitalize()}: {verb.replace('_', ' ').replace('.', ' ')}"
