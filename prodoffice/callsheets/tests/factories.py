"""Small call sheet fixtures: a three-day board with cast engaged, crew, and mapped locations."""

from __future__ import annotations

import datetime
from decimal import Decimal

from prodoffice.locations import services as locations
from prodoffice.scheduling.models import Board, Element
from prodoffice.scheduling.tests.test_dood_selector import MONDAY, build_schedule
from tests.support.factories import EngagementFactory, PersonFactory, position

#: The board of `build_schedule`: day 1 Mon (scenes 1 and 2: ANN, BEN), day 2 Tue (scene 3:
#: CAT), day 3 Thu (scene 4: ANN); Wednesday a holiday.
DAY1, DAY2, DAY3 = MONDAY, MONDAY + datetime.timedelta(days=1), MONDAY + datetime.timedelta(3)


def engage_cast(production, name: str, **person) -> object:
    """An engagement for the cast element `name`, linked to it."""
    engagement = EngagementFactory(
        production=production,
        person=PersonFactory(**person),
        position=position("Lead Actor"),
        character=name.title(),
    )
    Element.objects.filter(production=production, name=name).update(engagement=engagement)
    return engagement


def map_location(production, set_name: str, name: str, **values) -> object:
    """A location for a set of the script, with coordinates unless told otherwise."""
    values.setdefault("latitude", Decimal("33.740000"))
    values.setdefault("longitude", Decimal("-118.280000"))
    location = locations.location_create(
        actor=None, production=production, name=name, address="Berth 73, San Pedro", **values
    )
    locations.set_location_assign(
        actor=None, production=production, set_name=set_name, location=location
    )
    return location


def call_day(world) -> Board:
    """The three-day board with ANN and BEN engaged, crew_a's grip engagement, sets mapped."""
    board = build_schedule(world.production)
    engage_cast(world.production, "ANN", first_name="Ann", last_name="Lead")
    engage_cast(world.production, "BEN", first_name="Ben", last_name="Second", email="")
    for number in (1, 2, 3, 4):
        map_location(world.production, f"SET {number}", f"Stage {number}")
    return board
