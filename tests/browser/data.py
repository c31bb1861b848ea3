"""A small, realistic production for the browser tests, built through the services (actor=None)."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from prodoffice.accounts.models import User
from prodoffice.people.models import Person
from prodoffice.people.services import person_create
from prodoffice.productions.models import Engagement, Meeting, Production
from prodoffice.productions.services import meetings
from prodoffice.productions.services.engagements import engagement_create
from prodoffice.productions.services.memberships import membership_set
from prodoffice.productions.services.productions import production_create, production_set_phase
from tests.support.factories import PASSWORD, UserFactory, position

CODE = "LANTERN"
START = datetime.date(2027, 1, 11)

# (first, last, position, status, years of experience, cast number, character, day rate)
CREW: list[tuple[str, str, str, str, int, int | None, str, str]] = [
    ("Helen", "Marsh", "Producer", "confirmed", 22, None, "", ""),
    ("Tomás", "Rivera", "Line Producer", "confirmed", 15, None, "", ""),
    ("Priya", "Natarajan", "Production Manager", "confirmed", 11, None, "", "950.00"),
    ("Maya", "Okafor", "Production Coordinator", "confirmed", 6, None, "", "520.00"),
    ("Leo", "Brandt", "Production Assistant", "offered", 1, None, "", "250.00"),
    ("Jonas", "Lindqvist", "Director", "confirmed", 18, None, "", ""),
    ("Aiko", "Tanaka", "1st Assistant Director", "confirmed", 12, None, "", "1100.00"),
    ("Rafael", "Costa", "Director of Photography", "confirmed", 20, None, "", "1800.00"),
    ("Nadia", "Haddad", "Camera Operator", "confirmed", 9, None, "", "780.00"),
    ("Owen", "Price", "1st Assistant Camera", "prospect", 5, None, "", ""),
    ("Grace", "Kim", "Gaffer", "confirmed", 3, None, "", "690.00"),
    ("Samuel", "Adeyemi", "Best Boy Electric", "confirmed", 7, None, "", "560.00"),
    ("Ines", "Moreau", "Key Grip", "confirmed", 14, None, "", "690.00"),
    ("Victor", "Novak", "Production Designer", "confirmed", 16, None, "", ""),
    ("Clara", "Jensen", "Costume Designer", "offered", 10, None, "", ""),
    ("Daniel", "Okoro", "Production Sound Mixer", "confirmed", 13, None, "", "850.00"),
    ("Yusuf", "Demir", "Boom Operator", "confirmed", 4, None, "", "480.00"),
    ("Lucía", "Ferrer", "Location Manager", "confirmed", 9, None, "", ""),
    ("Erin", "Walsh", "Casting Director", "confirmed", 12, None, "", ""),
    ("Marta", "Silva", "Lead Actor", "confirmed", 15, 1, "Elsie Rook", ""),
    ("Kwame", "Mensah", "Supporting Actor", "confirmed", 8, 2, "Harbourmaster Quill", ""),
]


@dataclass
class Lantern:
    """The production, its coordinator, the engagements by position, one unengaged person."""

    production: Production
    coordinator: User
    kickoff: Meeting
    engagements: dict[str, Engagement]
    newcomer: Person


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _engage(production: Production, row: tuple) -> Engagement:
    first, last, title, status, years, cast_number, character, rate = row
    person = person_create(
        actor=None,
        production=production,
        first_name=first,
        last_name=last,
        email=_ascii(f"{first}.{last}@lantern.example".lower()),
        phone="+13105550100",
        years_experience=years,
    )
    terms = {"rate": Decimal(rate), "rate_unit": "day", "currency": "USD"} if rate else {}
    return engagement_create(
        actor=None,
        production=production,
        person=person,
        position=position(title),
        status=status,
        start_date=START,
        end_date=datetime.date(2027, 4, 16),
        cast_number=cast_number,
        character=character,
        **terms,
    )


def _kickoff_agenda(kickoff: Meeting, by_title: dict[str, Engagement]) -> None:
    for title in ("Schedule and key dates", "Locations and permits", "Safety and insurance"):
        meetings.agenda_item_add(actor=None, meeting=kickoff, title=title)
    meetings.action_item_add(
        actor=None,
        meeting=kickoff,
        text="Circulate the one-line schedule to all departments",
        assignee=by_title["Production Coordinator"],
        due_date=START + datetime.timedelta(days=3),
    )


@transaction.atomic  # one commit instead of one per service call: much faster on PostgreSQL
def build_lantern() -> Lantern:
    """Open the production, engage the crew and cast, give a coordinator access to it."""
    production = production_create(
        actor=None,
        title="The Lantern Keeper",
        code=CODE,
        kind="feature",
        start_date=START,
        shoot_start=datetime.date(2027, 2, 15),
        shoot_end=datetime.date(2027, 4, 9),
        end_date=datetime.date(2027, 9, 30),
        time_zone="America/Los_Angeles",
        currency="USD",
        office_address="4000 W Olive Ave, Stage 12\nBurbank, CA 91505",
    )
    production = production_set_phase(actor=None, production=production, phase="pre_production")
    by_title = {row[2]: _engage(production, row) for row in CREW}
    user = UserFactory(username="maya", first_name="Maya", last_name="Okafor")
    membership_set(actor=None, production=production, user=user, role="coordinator")
    newcomer = person_create(
        actor=None,
        production=production,
        first_name="Ruth",
        last_name="Abebe",
        email="ruth.abebe@lantern.example",
        phone="+13105550177",
        years_experience=8,
    )
    kickoff = production.meetings.get(kind="kickoff")
    _kickoff_agenda(kickoff, by_title)
    return Lantern(production, user, kickoff, by_title, newcomer)


__all__ = ["CODE", "PASSWORD", "Lantern", "build_lantern"]
