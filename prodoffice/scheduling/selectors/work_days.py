"""A person's next work days on the working board, for their dashboard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.ical import person_work_days, working_shoot_days


@dataclass
class WorkDay:
    """One shoot day the person works (or is held): its number, date, DOOD code, scenes."""

    number: int
    date: datetime.date
    code: str
    scenes: list
    pages: str

    @property
    def is_hold(self) -> bool:
        return self.code == "H"


def next_work_days(*, production, person, today: datetime.date, limit: int = 5) -> list[WorkDay]:
    """The person's shoot days from `today` on, as their calendar feed lists them: a cast member
    by their element's DOOD codes (holds included), crew every shoot day of their engagement."""
    if person is None:
        return []
    days = [day for day in working_shoot_days(production) if day.date >= today]
    rows = []
    for day, code, scenes in person_work_days(production, person, days):
        pages = format_eighths(sum(scene.eighths for scene in scenes))
        rows.append(WorkDay(day.number, day.date, code or "", scenes, pages))
        if len(rows) == limit:
            break
    return rows
