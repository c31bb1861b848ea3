"""`prodoffice element-events --production CODE --element NAME|ID`: travel, fitting, rehearsal."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.models import Element, ElementEvent
from prodoffice.scheduling.services.breakdown import element_events_set, event_kind


class Command(CliCommand):
    """List, add and remove an element's event days (TR, FT and R on the DOOD)."""

    help = (
        "Enter an element's travel, fitting and rehearsal days: they show on the day-out-of-days "
        "as TR, FT and R and count as paid days. The element is named by its name or board ID "
        "(cast first). Without --add or --remove, lists the days. Exit codes: 0 done, 1 refused, "
        "2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, metavar="CODE")
        parser.add_argument("--element", required=True, metavar="NAME|ID",
                            help="The element's name or board ID.")  # fmt: skip
        parser.add_argument("--add", action="append", default=[], metavar="DATE:KIND",
                            help="A day to add, e.g. 2027-04-05:travel (travel|fitting|"
                            "rehearsal or TR|FT|R); repeatable.")  # fmt: skip
        parser.add_argument("--remove", action="append", default=[], metavar="DATE",
                            help="A day to take off (YYYY-MM-DD); repeatable.")  # fmt: skip

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        element = _element(production, options["element"])
        events = dict(ElementEvent.objects.filter(element=element).values_list("date", "kind"))
        for text in options["remove"]:
            day = _date(text)
            if events.pop(day, None) is None:
                raise ValidationError({"date": f"{element.name} has no event on {text}."})
        for text in options["add"]:
            day_text, _, kind = text.partition(":")
            events[_date(day_text)] = event_kind(kind)
        if options["add"] or options["remove"]:
            element_events_set(actor=None, element=element, events=list(events.items()))
        rows = [{"date": day.isoformat(), "kind": kind} for day, kind in sorted(events.items())]
        if options["json"]:
            self.emit_json({"element": element.name, "events": rows})
        else:
            lines = [f"{row['date']}  {row['kind']}" for row in rows] or ["No event days."]
            self.stdout.write("\n".join([f"{element}:", *lines]))


def _element(production, name: str) -> Element:
    """The element by board ID (cast first), else by name in any case."""
    elements = Element.objects.filter(production=production).order_by("category__ucid")
    element = elements.filter(board_id=name).first() or elements.filter(name__iexact=name).first()
    if element is None:
        raise CommandError(f"No element “{name}” in {production.code}.", returncode=USAGE)
    return element


def _date(text: str) -> datetime.date:
    """A YYYY-MM-DD date, or a clear refusal naming the field."""
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError({"date": f"“{text}” is not a date (YYYY-MM-DD)."}) from None
