"""The demo production's call sheets: day 1 published and sent, day 2 a draft.

Called by `prodoffice demo` through `CallsheetsConfig.demo_extend`, after the schedule exists
(scheduling's demo). Written through the services as the system; idempotent: a production that
has call sheets already is left alone.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from prodoffice.callsheets.models import CallSheet
from prodoffice.callsheets.selectors.draft import board_for
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.callsheets.services import settings as call_settings
from prodoffice.locations import services as locations
from prodoffice.locations.models import Location, SetLocation
from prodoffice.scheduling.selectors.reports import board_schedule

DEMO_REASON = "Demo: paperwork on its way; the production manager accepts the open warnings."


def demo_callsheets(production) -> bool:
    """Publish and send day 1, draft day 2; False when there is nothing to do."""
    if CallSheet.objects.filter(production=production).exists():
        return False
    try:
        board = board_for(production)
    except ValidationError:
        return False
    schedule = board_schedule(board)
    if not schedule.has_calendar or len(schedule.days) < 2:
        return False
    _demo_locations(production, schedule.days[:2])
    call_settings.settings_update(
        actor=None, production=production, values={}, confirm_to=_confirmers(production)
    )
    first, second = schedule.days[0].date, schedule.days[1].date
    sheet = sheets.callsheet_draft(actor=None, production=production, day=first, board=board)
    sheets.callsheet_update(
        actor=None,
        sheet=sheet,
        values={
            "general_call": datetime.time(7, 0),
            "shooting_call": datetime.time(8, 0),
            "breakfast": datetime.time(6, 30),
            "lunch": datetime.time(13, 0),
            "weather": "Sunny, 21 °C, light onshore wind",
            "safety_notes": "Working near water: life vests on the dock. No open flames on set.",
            "background": "12, Harbor workers, 07:30\n4, Tourists, 09:00",
        },
    )
    sheets.callsheet_publish(actor=None, sheet=sheet, override_reason=DEMO_REASON)
    distribution.callsheet_send(actor=None, sheet=sheet)
    sheets.callsheet_draft(actor=None, production=production, day=second, board=board)
    return True


#: Where the first two days shoot, with the nearest hospital (San Pedro, Los Angeles).
PLACES = {
    "CONTAINER TERMINAL": (
        "Port of Los Angeles, Berth 73",
        "Berth 73, 2nd St, San Pedro, CA",
        "33.736100",
        "-118.263600",
    ),
    "NORA'S APARTMENT": (
        "Nora's apartment, Beacon St",
        "312 S Beacon St, San Pedro, CA",
        "33.739000",
        "-118.282000",
    ),
}
HOSPITAL = (
    "Providence Little Company of Mary, San Pedro",
    "1300 W 7th St, San Pedro, CA 90732",
    "+1 310 832 3311",
)


def _demo_locations(production, days) -> None:
    """A location (with coordinates and the hospital) for each set of the first two days."""
    for day in days:
        for scene in day.scenes:
            base = scene.set_name.split(" - ")[0]
            if (
                base not in PLACES
                or SetLocation.objects.filter(
                    production=production, set_name=scene.set_name
                ).exists()
            ):
                continue
            name, address, lat, lon = PLACES[base]
            location = Location.objects.filter(production=production, name=name).first()
            if location is None:
                location = locations.location_create(
                    actor=None,
                    production=production,
                    name=name,
                    address=address,
                    latitude=Decimal(lat),
                    longitude=Decimal(lon),
                    parking="Lot C, shuttle",
                    base_camp="Gate 4 apron",
                    hospital_name=HOSPITAL[0],
                    hospital_address=HOSPITAL[1],
                    hospital_phone=HOSPITAL[2],
                )
            locations.set_location_assign(
                actor=None, production=production, set_name=scene.set_name, location=location
            )


def _confirmers(production) -> list:
    """The 2nd AD and the coordinator receive confirmations."""
    titles = ("2nd Assistant Director", "Production Coordinator")
    return list(production.engagements.filter(position__title__in=titles))
