"""The demo production's call sheets: day 1 published and sent, day 2 a draft.

Called by `prodoffice demo` through `CallsheetsConfig.demo_extend`, after the schedule exists
(scheduling's demo). Written through the services as the system; idempotent: a production that
has call sheets already is left alone.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from prodoffice.callsheets.models import CallSheet
from prodoffice.callsheets.selectors.draft import board_for
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.callsheets.services import settings as call_settings
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
    call_settings.settings_update(actor=None, production=production, values={})
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
