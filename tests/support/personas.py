"""Personas per production, as in the trade: office, department head, crew A and B, exec, outsider.

Crew A carries canary values (S-02) that no one but the office and crew A may ever see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from prodoffice.accounts.models import User
from prodoffice.people.models import Person
from prodoffice.productions.models import Engagement, Production
from tests.support.factories import (
    EngagementFactory,
    MembershipFactory,
    PersonFactory,
    ProductionFactory,
    UserFactory,
    department,
    position,
)

CANARY_RATE = Decimal("987654.32")
CANARY_PASSPORT = "ZZCANARY123"
CANARY_ADDRESS = "17 Canary Wharf Lane"


@dataclass
class World:
    """Two productions and a user per role; `other` is a production none of them belongs to."""

    production: Production
    other: Production
    office: User
    head: User
    crew_a: User
    crew_b: User
    executive: User
    outsider: User
    other_office: User
    person_a: Person
    person_b: Person
    engagement_a: Engagement
    engagement_b: Engagement
    other_engagement: Engagement

    def users(self) -> dict[str, User]:
        return {
            "office": self.office,
            "head": self.head,
            "crew_a": self.crew_a,
            "crew_b": self.crew_b,
            "executive": self.executive,
            "outsider": self.outsider,
        }


def build_world() -> World:
    """Create the personas (fast: no services, plain rows)."""
    prod = ProductionFactory(code="NIGHTJAR", title="Nightjar")
    other = ProductionFactory(code="OTHER", title="Other Picture")
    users = {
        name: UserFactory(username=name)
        for name in ("office", "head", "crew_a", "crew_b", "executive", "outsider", "other_office")
    }
    MembershipFactory(
        user=users["office"], production=prod, role="coordinator", can_countersign=True
    )
    MembershipFactory(
        user=users["head"],
        production=prod,
        role="department_head",
        department=department("lighting-grip"),
    )
    MembershipFactory(user=users["crew_a"], production=prod, role="crew")
    MembershipFactory(user=users["crew_b"], production=prod, role="crew")
    MembershipFactory(user=users["executive"], production=prod, role="studio_executive")
    MembershipFactory(user=users["other_office"], production=other, role="coordinator")
    person_a = PersonFactory(
        user=users["crew_a"],
        first_name="Ada",
        last_name="Canary",
        passport_number=CANARY_PASSPORT,
        address_line1=CANARY_ADDRESS,
        date_of_birth=datetime.date(1980, 5, 17),
    )
    person_b = PersonFactory(user=users["crew_b"], first_name="Bo", last_name="Bystander")
    eng_a = EngagementFactory(
        production=prod,
        person=person_a,
        position=position("Grip"),
        rate=CANARY_RATE,
        rate_unit="day",
        currency="USD",
    )
    eng_b = EngagementFactory(production=prod, person=person_b, position=position("Electrician"))
    other_eng = EngagementFactory(
        production=other, person=PersonFactory(), position=position("Gaffer")
    )
    return World(
        prod,
        other,
        users["office"],
        users["head"],
        users["crew_a"],
        users["crew_b"],
        users["executive"],
        users["outsider"],
        users["other_office"],
        person_a,
        person_b,
        eng_a,
        eng_b,
        other_eng,
    )
