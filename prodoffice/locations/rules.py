"""Pure rules of the paperwork desk (no database): apply-by arithmetic in business days, and
whether a document is valid for a date, hours and activities.

Business days are Monday to Friday minus the permit office's holidays. A document is valid on a
date when it is approved, in force (effective to expiry), covers the date and the hours, and every
document it depends on is valid that date too (a permit needs its certificate of insurance).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from prodoffice.locations.choices import (
    PERSONAL_KINDS,
    REQUIRED_DEPENDENCIES,
    DocumentKind,
    DocumentStatus,
)

ONE_DAY = datetime.timedelta(days=1)


def parse_holidays(values: Iterable[str]) -> frozenset[datetime.date]:
    """The rule's holiday strings as dates (bad entries are refused by the model's clean)."""
    return frozenset(datetime.date.fromisoformat(v) for v in values)


def is_business_day(day: datetime.date, holidays: frozenset[datetime.date]) -> bool:
    """Monday to Friday and not a holiday of the office."""
    return day.weekday() < 5 and day not in holidays


def business_days_before(
    day: datetime.date, count: int, holidays: frozenset[datetime.date] = frozenset()
) -> datetime.date:
    """The date `count` business days before `day` (weekends and holidays skipped)."""
    current = day
    while count > 0:
        current -= ONE_DAY
        if is_business_day(current, holidays):
            count -= 1
    return current


def apply_window(
    first_day: datetime.date, *, lead_business_days: int, max_days_ahead: int, holidays
) -> tuple[datetime.date, datetime.date]:
    """(apply from, apply by) for a document first needed on `first_day`."""
    apply_by = business_days_before(first_day, lead_business_days, parse_holidays(holidays))
    apply_from = first_day - datetime.timedelta(days=max_days_ahead)
    return min(apply_from, apply_by), apply_by


def day_label(day: datetime.date) -> str:
    """Tue 3 Mar 2027."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def is_valid(
    doc,
    day: datetime.date,
    *,
    documents: Mapping[int, object],
    hours: tuple[datetime.time | None, datetime.time | None] = (None, None),
    depth: int = 0,
) -> bool:
    """`why_not_valid(...) is None`, without building the sentence (the readiness hot path)."""
    if doc.status != DocumentStatus.APPROVED:
        return False
    if (doc.effective_date and day < doc.effective_date) or (
        doc.expiry_date and day > doc.expiry_date
    ):
        return False
    if (doc.covers_start and day < doc.covers_start) or (doc.covers_end and day > doc.covers_end):
        return False
    start, end = hours
    if doc.hours_start and start and end and (start < doc.hours_start or end > doc.hours_end):
        return False
    if depth > 8:
        return False
    deps = [documents[i] for i in doc.dep_ids if i in documents]
    kinds = {d.kind for d in deps}
    if any(kind not in kinds for kind in REQUIRED_DEPENDENCIES.get(doc.kind, ())):
        return False
    return all(is_valid(d, day, documents=documents, depth=depth + 1) for d in deps)


def why_not_valid(
    doc,
    day: datetime.date,
    *,
    documents: Mapping[int, object],
    hours: tuple[datetime.time | None, datetime.time | None] = (None, None),
    depth: int = 0,
) -> str | None:
    """None when `doc` is valid on `day` for `hours`; else why not, in words (a minor's permit
    by its kind only: readiness is read beyond the office, and its title may name the child)."""
    name = f"{doc.get_kind_display()} \u201c{doc.title}\u201d"
    if doc.kind in PERSONAL_KINDS:
        name = f"The {doc.get_kind_display().lower()}"
    if doc.status != DocumentStatus.APPROVED:
        return f"{name} is {doc.get_status_display().lower()}, not approved"
    if doc.effective_date and day < doc.effective_date:
        return f"{name} takes effect only on {day_label(doc.effective_date)}"
    if doc.expiry_date and day > doc.expiry_date:
        return f"{name} expired on {day_label(doc.expiry_date)}"
    if (doc.covers_start and day < doc.covers_start) or (doc.covers_end and day > doc.covers_end):
        return f"{name} does not cover {day_label(day)}"
    start, end = hours
    if doc.hours_start and start and end and (start < doc.hours_start or end > doc.hours_end):
        covered = f"{_time(doc.hours_start)}\u2013{_time(doc.hours_end)}"
        return f"{name} covers {covered}, not {_time(start)}\u2013{_time(end)}"
    return _why_dependencies(doc, day, documents, name, depth)


def _why_dependencies(doc, day, documents, name: str, depth: int) -> str | None:
    """The first dependency that is missing or not valid on the day."""
    deps = [documents[i] for i in doc.dep_ids if i in documents]
    for kind in REQUIRED_DEPENDENCIES.get(doc.kind, ()):
        if not any(d.kind == kind for d in deps):
            return f"{name} has no {DocumentKind(kind).label.lower()} linked"
    if depth > 8:  # cycles are refused when linking; this only bounds a corrupt chain
        return f"{name} depends on too long a chain of documents"
    for dep in deps:
        why = why_not_valid(dep, day, documents=documents, depth=depth + 1)
        if why:
            return f"{name} depends on {why}"
    return None
