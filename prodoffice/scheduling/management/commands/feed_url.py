"""`prodoffice feed-url --production CODE [--person EMAIL]`: a new secret calendar feed URL."""

from __future__ import annotations

import os

from django.core.management.base import CommandError
from django.urls import reverse

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.people.models import Person
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.services.feeds import feed_create


class Command(CliCommand):
    """Make a new calendar feed and print its URL (shown this once: only a hash is kept)."""

    help = (
        "Make a new iCalendar feed of a production's shoot days (or, with --person, of one "
        "engaged person's work days) and print its secret URL. Only a hash of the secret is "
        "stored, so each call makes a new feed; revoke old ones on the calendar feeds page. "
        "The site address comes from --base-url or PRODOFFICE_BASE_URL. "
        "Exit codes: 0 printed, 1 refused (no engagement), 2 unknown production or person."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument("--person", metavar="EMAIL", help="A person feed of this e-mail.")
        parser.add_argument(
            "--base-url",
            metavar="URL",
            default=os.environ.get("PRODOFFICE_BASE_URL", "http://localhost:8000"),
            help="The site's address (default: $PRODOFFICE_BASE_URL or http://localhost:8000).",
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        person = None
        if options["person"]:
            person = Person.objects.filter(email__iexact=options["person"].strip()).first()
            if person is None:
                raise CommandError(
                    f'No person with e-mail "{options["person"]}".', returncode=USAGE
                )
        feed, secret = feed_create(actor=None, production=production, person=person)
        url = options["base_url"].rstrip("/") + reverse("web:feed", args=[secret])
        if options["json"]:
            self.emit_json({"feed": str(feed.public_id), "kind": feed.kind, "url": url})
        else:
            self.stdout.write(url)
