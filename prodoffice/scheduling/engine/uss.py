"""Universal Schedule Standard (.uss) JSON: read, validate and write.

Implemented from the field list in DOMAIN.md section 8 (the standard's own prose and samples are
not copied). Objects are dataclasses; `from_uss` validates a parsed JSON object (or its text) and
raises `UssError` whose messages name the path (`breakdowns[3].pages: ...`); `to_uss` writes the
JSON-ready dict back. Keys starting with `_` are extensions, kept as they are on every object;
other unknown keys are dropped and listed in `UssDocument.warnings`. Pages are decimals (1/8 =
0.125, held as Decimal), times are milliseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any

HEADER_KEYS = (
    "id", "author", "company", "created", "episode", "episodeName", "description", "name",
    "project", "schedColor", "schedDate", "scriptColor", "scriptDate", "season", "source",
    "version",
)  # fmt: skip
BREAKDOWN_TYPES = ("scene", "day", "banner")
EVENT_TYPES = ("start", "dayOff", "event")


class UssError(ValueError):
    """An invalid USS document; `errors` lists every problem with its path."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(errors[0] + more)


def _json_key(attribute: str) -> str:
    """script_page -> scriptPage."""
    head, *rest = attribute.split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclass
class UssEvent:
    """A calendar event: a start date, a day off or a named event."""

    id: str
    date: date
    type: str = "event"
    name: str = ""
    extensions: dict = field(default_factory=dict)


@dataclass
class UssCalendar:
    """Days off each week (0 = Sunday ... 6) and dated events."""

    id: str
    name: str = ""
    days_off: list[int] = field(default_factory=list)
    events: list[UssEvent] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)


@dataclass
class UssBoard:
    """A board of a stripboard (the stripboard itself, the boneyard...) with its strips in order."""

    id: str
    name: str = "stripboard"
    breakdown_ids: list[str] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)


@dataclass
class UssStripboard:
    """A named set of boards with the calendar it is laid on."""

    id: str
    name: str = ""
    boards: list[UssBoard] = field(default_factory=list)
    calendar: str | None = None
    extensions: dict = field(default_factory=dict)


@dataclass
class UssElement:
    """A breakdown element with its board ID and DOOD rules."""

    id: str
    name: str = ""
    created: str = ""
    element_id: str = ""
    element_id_lock: bool = False
    dood_drop_allow: bool = False
    dood_drop_days: int = 0
    dood_hold_allow: bool = True
    dood_include: bool = True
    events: list = field(default_factory=list)
    linked_elements: list[str] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)


@dataclass
class UssCategory:
    """A category: name, Universal Category number and its elements in order."""

    id: str
    name: str = ""
    ucid: int | None = None
    created: str = ""
    elements: list[str] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)


@dataclass
class UssBreakdown:
    """A strip: a scene (with its elements), a day break or a banner."""

    id: str
    type: str = "scene"
    scene: str = ""
    script_page: str = ""
    pages: Decimal = Decimal(0)
    time: int = 0
    description: str = ""
    comments: str = ""
    created: str = ""
    elements: list[str] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)


@dataclass
class UssDocument:
    """A whole .uss file."""

    header: dict[str, Any] = field(default_factory=dict)
    breakdowns: list[UssBreakdown] = field(default_factory=list)
    categories: list[UssCategory] = field(default_factory=list)
    elements: list[UssElement] = field(default_factory=list)
    stripboards: list[UssStripboard] = field(default_factory=list)
    calendars: list[UssCalendar] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list, compare=False)


# ---- writing ---------------------------------------------------------------------------------


def to_uss(document: UssDocument) -> dict:
    """The JSON-ready dict of a document."""
    data = {key: document.header[key] for key in HEADER_KEYS if key in document.header}
    for name in ("breakdowns", "categories", "elements", "stripboards", "calendars"):
        data[name] = [_write(item) for item in getattr(document, name)]
    data.update(document.extensions)
    return data


def dumps(document: UssDocument) -> str:
    """The document as .uss text."""
    return json.dumps(to_uss(document), ensure_ascii=False, indent=2)


def _write(item) -> dict:
    """One object: its fields under their JSON names, then its extensions."""
    data: dict[str, Any] = {}
    for spec in fields(item):
        if spec.name == "extensions":
            continue
        data[_json_key(spec.name)] = _write_value(getattr(item, spec.name))
    data.update(item.extensions)
    return data


def _write_value(value):
    """Decimals as JSON numbers, dates as ISO strings, nested objects as dicts."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_write_value(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return _write(value)
    return value


# ---- reading ---------------------------------------------------------------------------------


def _text(value) -> str:
    """A string (numbers written as text are accepted: scene 12, page 3)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError("must be a string")


def _id(value) -> str:
    """An id: a non-empty string or an integer."""
    text = _text(value)
    if not text:
        raise ValueError("must not be empty")
    return text


def _optional_id(value) -> str | None:
    """An id or null."""
    return None if value is None else _id(value)


def _bool(value) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _count(value) -> int:
    """A whole number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, zero or more")
    return value


def _ucid(value) -> int | None:
    """A Universal Category number or null."""
    return None if value is None else _count(value)


def _pages(value) -> Decimal:
    """Decimal pages, zero or more (1/8 = 0.125)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError("must be a number of pages, zero or more")
    return Decimal(str(value))


def _ids(value) -> list[str]:
    """A list of ids."""
    if not isinstance(value, list):
        raise ValueError("must be a list of ids")
    return [_id(item) for item in value]


def _list(value) -> list:
    """A list, kept as it is."""
    if not isinstance(value, list):
        raise ValueError("must be a list")
    return value


def _iso_date(value) -> date:
    """An ISO date (YYYY-MM-DD)."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError("must be a date (YYYY-MM-DD)") from None


def _days_off(value) -> list[int]:
    """Weekdays off: 0 = Sunday ... 6 = Saturday."""
    days = _list(value)
    if any(isinstance(day, bool) or day not in range(7) for day in days):
        raise ValueError("must list weekdays from 0 (Sunday) to 6 (Saturday)")
    return days


def _choice(*choices: str):
    """A converter accepting one of `choices`."""

    def convert(value) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return convert


_SPECS: dict[type, dict[str, Any]] = {
    UssEvent: {"id": _id, "date": _iso_date, "type": _choice(*EVENT_TYPES), "name": _text},
    UssCalendar: {"id": _id, "name": _text, "days_off": _days_off, "events": UssEvent},
    UssBoard: {"id": _id, "name": _text, "breakdown_ids": _ids},
    UssStripboard: {"id": _id, "name": _text, "boards": UssBoard, "calendar": _optional_id},
    UssElement: {
        "id": _id, "name": _text, "created": _text, "element_id": _text,
        "element_id_lock": _bool, "dood_drop_allow": _bool, "dood_drop_days": _count,
        "dood_hold_allow": _bool, "dood_include": _bool, "events": _list,
        "linked_elements": _ids,
    },
    UssCategory: {
        "id": _id, "name": _text, "ucid": _ucid, "created": _text, "elements": _ids,
    },
    UssBreakdown: {
        "id": _id, "type": _choice(*BREAKDOWN_TYPES), "scene": _text, "script_page": _text,
        "pages": _pages, "time": _count, "description": _text, "comments": _text,
        "created": _text, "elements": _ids,
    },
}  # fmt: skip
_REQUIRED = {UssEvent: ("id", "date")}
_ARRAYS = {
    "breakdowns": UssBreakdown, "categories": UssCategory, "elements": UssElement,
    "stripboards": UssStripboard, "calendars": UssCalendar,
}  # fmt: skip
_REQUIRED_ARRAYS = ("breakdowns", "categories", "elements")
_FAILED = object()


class _Reader:
    """Collects every error and warning while building the objects."""

    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def objects(self, cls: type, value, path: str) -> list:
        """A list of objects of one class."""
        if not isinstance(value, list):
            self.errors.append(f"{path}: must be a list")
            return []
        built = [self.object(cls, item, f"{path}[{index}]") for index, item in enumerate(value)]
        return [item for item in built if item is not None]

    def object(self, cls: type, data, path: str):
        """One object, or None when it is not even a JSON object."""
        if not isinstance(data, dict):
            self.errors.append(f"{path}: must be an object")
            return None
        spec = _SPECS[cls]
        for attribute in _REQUIRED.get(cls, ("id",)):
            if _json_key(attribute) not in data:
                self.errors.append(f"{path}.{_json_key(attribute)}: is required")
        values = {"extensions": self.extensions(data, spec, path)}
        for attribute, convert in spec.items():
            key = _json_key(attribute)
            if key in data:
                value = self.value(convert, data[key], f"{path}.{key}")
                if value is not _FAILED:
                    values[attribute] = value
        if any(name not in values for name in _REQUIRED.get(cls, ("id",))):
            return None
        return cls(**values)

    def value(self, convert, raw, path: str):
        """A converted value, or _FAILED after recording the error."""
        if isinstance(convert, type):
            return self.objects(convert, raw, path)
        try:
            return convert(raw)
        except ValueError as error:
            self.errors.append(f"{path}: {error}")
            return _FAILED

    def extensions(self, data: dict, spec: dict, path: str) -> dict:
        """`_` keys kept; other unknown keys reported."""
        known = {_json_key(attribute) for attribute in spec}
        for key in data:
            if key not in known and not key.startswith("_"):
                self.warnings.append(f"{path}.{key}: unknown key ignored")
        return {key: value for key, value in data.items() if key.startswith("_")}


def loads(text: str | bytes) -> UssDocument:
    """A document from .uss text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UssError([f"line {error.lineno}: not JSON: {error.msg}"]) from None
    return from_uss(data)


def from_uss(data) -> UssDocument:
    """A validated document from parsed JSON; UssError lists every problem with its path."""
    if isinstance(data, str | bytes):
        return loads(data)
    if not isinstance(data, dict):
        raise UssError(["(document): must be a JSON object"])
    reader = _Reader()
    document = UssDocument(header=_header(data, reader))
    for name, cls in _ARRAYS.items():
        if name in data:
            setattr(document, name, reader.objects(cls, data[name], name))
        elif name in _REQUIRED_ARRAYS:
            reader.errors.append(f"{name}: is required")
    document.extensions = {key: value for key, value in data.items() if key.startswith("_")}
    _check_references(document, reader.errors)
    if reader.errors:
        raise UssError(reader.errors)
    document.warnings = reader.warnings
    return document


def _header(data: dict, reader: _Reader) -> dict:
    """Header keys: strings, numbers or null."""
    header = {}
    for key in HEADER_KEYS:
        if key in data:
            value = data[key]
            if value is not None and not isinstance(value, str | int | float):
                reader.errors.append(f"{key}: must be a string or a number")
            header[key] = value
    for key in data:
        if key not in HEADER_KEYS and key not in _ARRAYS and not key.startswith("_"):
            reader.warnings.append(f"{key}: unknown key ignored")
    return header


def _check_references(document: UssDocument, errors: list[str]) -> None:
    """Unique ids per array; every referenced id exists."""
    ids = {}
    for name in _ARRAYS:
        seen: set[str] = set()
        for index, item in enumerate(getattr(document, name)):
            if item.id in seen:
                errors.append(f"{name}[{index}].id: duplicate id {item.id!r}")
            seen.add(item.id)
        ids[name] = seen
    _refs(errors, "breakdowns", document.breakdowns, "elements", ids["elements"])
    _refs(errors, "categories", document.categories, "elements", ids["elements"])
    _refs(errors, "elements", document.elements, "linked_elements", ids["elements"])
    for index, board in enumerate(document.stripboards):
        path = f"stripboards[{index}]"
        _refs(errors, f"{path}.boards", board.boards, "breakdown_ids", ids["breakdowns"])
        if board.calendar is not None and board.calendar not in ids["calendars"]:
            errors.append(f"{path}.calendar: unknown calendar {board.calendar!r}")


def _refs(errors: list[str], path: str, items: list, attribute: str, known: set[str]) -> None:
    """Each id listed under `attribute` must be one of `known`."""
    for index, item in enumerate(items):
        for position, ref in enumerate(getattr(item, attribute)):
            if ref not in known:
                where = f"{path}[{index}].{_json_key(attribute)}[{position}]"
                errors.append(f"{where}: unknown id {ref!r}")


__all__ = [
    "UssBoard", "UssBreakdown", "UssCalendar", "UssCategory", "UssDocument", "UssElement",
    "UssError", "UssEvent", "dumps", "from_uss", "loads", "to_uss",
]  # fmt: skip
