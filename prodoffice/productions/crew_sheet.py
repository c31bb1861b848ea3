"""The crew list printed for distribution: one line per person, as HTML or a landscape PDF.

By default only confirmed people are on it; rates only when the office asks for them; contacts
as the production's privacy rule (`Production.crew_list_contacts`) allows, whoever prints it.
The HTML print view and the PDF (`productions/pdf/crew_list.html`) share these lines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from prodoffice.core import display
from prodoffice.core.pdf import render_pdf
from prodoffice.productions.choices import CrewListContacts, EngagementStatus
from prodoffice.productions.models import Engagement, Production

TEMPLATE = "productions/pdf/crew_list.html"
DEFAULT_STATUSES = (EngagementStatus.CONFIRMED,)
CONTACTS = {
    CrewListContacts.ALL: ("email", "phone"),
    CrewListContacts.EMAIL: ("email",),
    CrewListContacts.PHONE: ("phone",),
    CrewListContacts.NONE: (),
}
PAPER = {"a4": "A4 landscape", "letter": "Letter landscape"}


@dataclass
class SheetLine:
    """One person on the printed list, with every engagement they hold on it."""

    person: object
    engagements: list[Engagement] = field(default_factory=list)
    email: str = ""
    phone: str = ""

    @property
    def first(self) -> Engagement:
        return self.engagements[0]

    @property
    def positions(self) -> str:
        return "; ".join(e.position.title for e in self.engagements)

    @property
    def departments(self) -> str:
        return "; ".join(dict.fromkeys(e.position.department.name for e in self.engagements))

    @property
    def start(self) -> datetime.date | None:
        return min((e.start_date for e in self.engagements if e.start_date), default=None)

    @property
    def end(self) -> datetime.date | None:
        return max((e.end_date for e in self.engagements if e.end_date), default=None)

    @property
    def characters(self) -> str:
        return "; ".join(e.character for e in self.engagements if e.character)

    @property
    def cast_numbers(self) -> str:
        return ", ".join(str(e.cast_number) for e in self.engagements if e.cast_number)

    @property
    def rated(self) -> list[Engagement]:
        return [e for e in self.engagements if e.rate is not None]


def sheet_lines(engagements, *, contacts: str) -> list[SheetLine]:
    """Engagements in list order, folded to one line per person, contacts by the rule."""
    shown = CONTACTS.get(contacts, ())
    lines: dict[int, SheetLine] = {}
    for engagement in engagements:
        person = engagement.person
        line = lines.get(person.pk)
        if line is None:
            line = lines[person.pk] = SheetLine(
                person=person,
                email=person.email if "email" in shown else "",
                phone=person.phone if "phone" in shown else "",
            )
        line.engagements.append(engagement)
    return list(lines.values())


def crew_sheet_context(
    *, production: Production, engagements, statuses, include_rates: bool, paper: str = "a4"
) -> dict:
    """What the printed list shows; `include_rates` is already checked against the reader."""
    labels = [EngagementStatus(s).label for s in statuses] if statuses else ["All statuses"]
    contacts = CONTACTS.get(production.crew_list_contacts, ())
    return {
        "production": production,
        "lines": sheet_lines(engagements, contacts=production.crew_list_contacts),
        "show_email": "email" in contacts,
        "show_phone": "phone" in contacts,
        "include_rates": include_rates,
        "statuses": ", ".join(labels),
        "page": PAPER.get(paper, PAPER["a4"]),
        # The production's today (the list is printed for its office, wherever the server is).
        "printed": timezone.localdate(timezone=display.zone(production)),
    }


def crew_sheet_pdf(context: dict) -> bytes:
    """The printed crew list as a landscape PDF."""
    production = context["production"]
    return render_pdf(
        template=TEMPLATE,
        context=context,
        title=f"{production.code} crew list",
        subject=f"{production.title}: crew and cast list ({context['statuses']})",
    )
