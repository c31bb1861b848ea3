"""A small hand-built production schedule for the optimizer tests (board, cast, calendar)."""

from __future__ import annotations

import os
from decimal import Decimal

from prodoffice.scheduling.models import Scene
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.tests.test_dood_selector import (
    MONDAY,
    board_with_days,
    cast_in,
    day,
    element,
    make_scenes,
    make_script,
)
from tests.support.factories import EngagementFactory

# JIT compiling costs seconds; these boards are tiny (the optimizer's own tests do the same).
os.environ.setdefault("PRODOFFICE_OPTIMIZER_JIT", "0")


def engaged(production, name, board_id, rate=None, unit="day", **dates):
    """A cast element with an engagement at `rate` per `unit` (None: no rate on file)."""
    terms = {"rate": Decimal(rate), "rate_unit": unit, "currency": "USD"} if rate else {}
    engagement = EngagementFactory(production=production, **terms, **dates)
    el = element(production, name, board_id)
    el.engagement = engagement
    el.save()
    return el


def spread_board(production, name="Main"):
    """Six scenes, one a day over six shoot days (Mon .. Tue; Wed is a holiday), in script order.

    ANN works in scenes 1 and 6, BEN in 2 and 5, CAT in 3 and 4: script order holds ANN and BEN
    for days; grouping their scenes saves holds. Scenes 1 and 6 are on the same set.
    """
    scenes = make_scenes(make_script(production), 6)
    Scene.objects.filter(pk__in=[scenes[0].pk, scenes[5].pk]).update(set_name="DINER")
    calendar_set(actor=None, production=production, start_date=MONDAY,
                 working_weekdays=range(5), exceptions=[(day(2), "holiday", "Feast")])  # fmt: skip
    ann = engaged(production, "ANN", "1", "700")
    ben = engaged(production, "BEN", "2", "2500", "week")
    cat = element(production, "CAT", "3")
    for scene, who in zip(scenes, [ann, ben, cat, cat, ben, ann], strict=True):
        cast_in(scene, who)
    return board_with_days(production, [1] * 6, name=name)
