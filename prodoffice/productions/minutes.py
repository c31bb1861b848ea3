"""Meeting minutes as a PDF: the template file `productions/pdf/minutes.html`, rendered offline."""

from __future__ import annotations

from prodoffice.core.display import local_datetime
from prodoffice.core.pdf import render_pdf
from prodoffice.productions.models import Meeting

TEMPLATE = "productions/pdf/minutes.html"


def _when(meeting: Meeting) -> str:
    if meeting.starts_at is None:
        return "Date to be set"
    return local_datetime(meeting.starts_at, meeting.production)


def minutes_context(meeting: Meeting) -> dict:
    """What the minutes show: the meeting, its agenda, attendance, decisions and action items."""
    return {
        "m": meeting,
        "production": meeting.production,
        "when": _when(meeting),
        "agenda": meeting.agenda_items.select_related("department"),
        "attendances": meeting.attendances.select_related(
            "engagement__person", "engagement__position__department"
        ),
        "decisions": meeting.decisions.all(),
        "actions": meeting.action_items.select_related("assignee__person"),
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    """Render the minutes to PDF bytes."""
    production = meeting.production
    return render_pdf(
        template=TEMPLATE,
        context=minutes_context(meeting),
        title=meeting.title,
        author=f"{production.code} production office",
        subject=f"Minutes – {meeting.title}",
        keywords=(production.code, "minutes"),
    )
