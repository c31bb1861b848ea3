"""Reads of the paperwork desk that span relations: what is due, the legal register, the
owner's copy. Each goes through `Document.objects.for_user`, so every page, export, API answer
and CLI list shows the same rows to the same person."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from prodoffice.locations.choices import DocumentKind, DocumentStatus
from prodoffice.locations.models import CandidateVenue, Document, Location
from prodoffice.locations.permissions import can_draft_paperwork, can_view_location_money
from prodoffice.locations.readiness import NOT_READY, readiness_for_board, set_shoot_days

EXPIRES, APPLY_BY, MISSING = "expires", "apply_by", "missing"
WHY_LABELS = {EXPIRES: "Expires", APPLY_BY: "Apply by", MISSING: "Missing"}


@dataclass(frozen=True)
class DueItem:
    """One thing to act on: a document that expires, is due to apply, or is missing."""

    document: str
    kind: str
    status: str
    date: datetime.date
    why: str
    location: str | None
    public_id: str | None = None

    def as_dict(self) -> dict:
        """The CLI's and API's JSON shape."""
        return {
            "document": self.document,
            "kind": self.kind,
            "status": self.status,
            "date": self.date.isoformat(),
            "why": self.why,
            "location": self.location,
        }

    @property
    def why_label(self) -> str:
        return WHY_LABELS[self.why]

    @property
    def kind_label(self) -> str:
        return DocumentKind(self.kind).label if self.kind in DocumentKind.values else self.kind


def _item(doc: Document, date: datetime.date, why: str) -> DueItem:
    location = doc.location.name if doc.location_id else None
    return DueItem(doc.title, doc.kind, doc.status, date, why, location, str(doc.public_id))


def _readable(user):
    """The documents the user may read; every one for the system (the CLI, the digest: None)."""
    return Document.objects.all() if user is None else Document.objects.for_user(user)


def paperwork_due(*, user, production, days: int, today: datetime.date) -> list[DueItem]:
    """Documents expiring or due to apply within `days` days (overdue applications included),
    still-needed documents first used in that time, and readiness gaps with no document yet."""
    until = today + datetime.timedelta(days=days)
    docs = (
        _readable(user)
        .in_production(production)
        .select_related("location")
        .filter(
            Q(status=DocumentStatus.APPROVED, expiry_date__gte=today, expiry_date__lte=until)
            | Q(status=DocumentStatus.NEEDED, apply_by__lte=until)
            | Q(status=DocumentStatus.NEEDED, apply_by__isnull=True, covers_start__lte=until)
        )
    )
    items = []
    for doc in docs:
        if doc.status == DocumentStatus.APPROVED:
            items.append(_item(doc, doc.expiry_date, EXPIRES))
        elif doc.apply_by:
            items.append(_item(doc, doc.apply_by, APPLY_BY))
        else:
            items.append(_item(doc, doc.covers_start, MISSING))
    if can_draft_paperwork(user, production):  # the gaps name paperwork the office must get
        items += _readiness_gaps(production, today, until)
    return sorted(items, key=lambda i: (i.date, i.why, i.document))


def _readiness_gaps(production, today, until) -> list[DueItem]:
    """Pieces of not-ready days in the window for which no document exists at all."""
    out, seen = [], set()
    for row in readiness_for_board(production=production, start=today, end=until):
        if row.status != NOT_READY:
            continue
        for kind, text in row.gaps:
            key = (kind, row.location.pk)
            if key not in seen:
                seen.add(key)
                out.append(
                    DueItem(text, kind, DocumentStatus.NEEDED, row.date, MISSING, row.location.name)
                )
    return out


def legal_register(*, user, production, filters=None):
    """Every legal document of the production the user may read, with its latest file."""
    rows = (
        _readable(user)
        .in_production(production)
        .select_related("location", "person", "company", "approved_by")
        .prefetch_related("files")
        .order_by("kind", "title")
    )
    return filters.qs if filters is not None else rows


def owners_copy(location: Location, *, start=None, end=None) -> dict:
    """What a location's owner may see: their shoot days with hours, the location manager's
    contacts, and the certificate of insurance naming the location; nothing else."""
    days = readiness_for_board(production=location.production, start=start, end=end)
    recorded = {d.date: d for d in location.days.all()}
    dates = sorted({row.date for row in days if row.location.pk == location.pk} | set(recorded))
    certificate = (
        location.documents.filter(kind=DocumentKind.COI, status=DocumentStatus.APPROVED)
        .order_by("-expiry_date")
        .first()
    )
    return {
        "location": location,
        "days": [(date, recorded.get(date)) for date in dates],
        "certificate": certificate,
    }


@dataclass(frozen=True)
class VenueOption:
    """A candidate venue of a set, priced for the set's shoot days."""

    candidate: CandidateVenue
    total: object  # Decimal or None (no price, or per day without shoot days on the board)

    @property
    def location(self) -> Location:
        return self.candidate.location


@dataclass(frozen=True)
class SetComparison:
    """One set: its shoot days on the working board and its candidate venues, cheapest first."""

    set_name: str
    shoot_days: int
    venues: list
    currencies: tuple[str, ...] = ()

    @property
    def mixed_currencies(self) -> bool:
        """Prices in more than one currency: each is ranked on its own, never across."""
        return len(self.currencies) > 1

    def as_dict(self, *, show_money: bool) -> dict:
        """The comparison as the API and the CLI give it (prices null unless `show_money`)."""

        def money(value):
            return None if value is None or not show_money else str(value)

        return {
            "set_name": self.set_name,
            "shoot_days": self.shoot_days,
            "venues": [
                {
                    "candidate": v.candidate.pk,
                    "location": str(v.location.public_id),
                    "location_name": v.location.name,
                    "price": money(v.candidate.price),
                    "basis": v.candidate.basis,
                    "currency": (v.candidate.currency or None) if show_money else None,
                    "total": money(v.total),
                    "scouting_status": v.location.scouting_status,
                    "kind": v.location.kind,
                    "facilities": list(v.location.facilities or []),
                    "notes": v.candidate.notes,
                }
                for v in self.venues
            ],
        }


def candidate_comparison(*, user, production, set_name: str | None = None) -> list[SetComparison]:
    """Per set, the candidate venues side by side: price (flat or per day), the total for the
    set's shoot days on the working board, scouting status and facilities (two queries plus
    the board's). `user` None: the system (the CLI), every candidate.

    Order: for those who may see prices, cheapest total first within each currency, the
    production's currency first, then the others by code (amounts in different currencies are
    never compared: there is no exchange rate here), unpriced venues last; for everyone else,
    by venue name, so that the order does not give the prices away."""
    from prodoffice.locations.choices import PriceBasis
    from prodoffice.locations.models import normalise_set_name

    readable = (
        CandidateVenue.objects.all() if user is None else CandidateVenue.objects.for_user(user)
    )
    rows = (
        readable.in_production(production)
        .select_related("location")
        .order_by("set_name", "location__name")
    )
    if set_name:
        rows = rows.filter(set_name=normalise_set_name(set_name))
    days = set_shoot_days(production)
    by_set: dict[str, list] = {}
    for candidate in rows:
        n = days.get(candidate.set_name, 0)
        if candidate.price is None:
            total = None
        elif candidate.basis == PriceBasis.FLAT:
            total = candidate.price
        else:
            total = candidate.price * n
        by_set.setdefault(candidate.set_name, []).append(VenueOption(candidate, total))
    by_price = user is None or can_view_location_money(user, production)
    home = production.currency

    def rank(v: VenueOption):
        name = v.location.name.casefold()
        if not by_price:
            return (name,)
        currency = v.candidate.currency
        return (v.total is None, currency != home, currency, v.total or 0, name)

    out = []
    for name, venues in by_set.items():
        venues.sort(key=rank)
        currencies = sorted(
            {v.candidate.currency for v in venues if v.candidate.price is not None},
            key=lambda code: (code != home, code),
        )
        out.append(SetComparison(name, days.get(name, 0), venues, tuple(currencies)))
    return out
