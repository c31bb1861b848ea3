"""`prodoffice access`: who holds which role on a production; give, change or take a role away.

Runs as the system (the server's operator), through the same membership services as the Access
page and the API, so the same rules hold (a production always keeps an office member).
"""

from __future__ import annotations

import argparse

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from prodoffice.accounts.models import Membership
from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.productions.models import Department
from prodoffice.productions.services import memberships


class Command(CliCommand):
    """List, set or remove production memberships."""

    help = (
        "Production access. `list --production CODE`; `set --production CODE USER ROLE "
        "[--department SLUG]`; `remove --production CODE USER`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        listing = sub.add_parser("list", help="Who holds which role.")
        setting = sub.add_parser("set", help="Give a user a role (or change it).")
        setting.add_argument("user", help="Username.")
        setting.add_argument("role")
        setting.add_argument("--department", help="Department slug (department heads).")
        removing = sub.add_parser("remove", help="Take a user's role away.")
        removing.add_argument("user", help="Username.")
        for verb in (listing, setting, removing):
            verb.add_argument("--production", required=True, help="The production's code.")
            verb.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        if options["verb"] == "set":
            department = self._department(production, options.get("department"))
            memberships.membership_set(
                actor=None,
                production=production,
                user=self._user(options["user"]),
                role=options["role"],
                department=department,
            )
        elif options["verb"] == "remove":
            user = self._user(options["user"])
            membership = Membership.objects.filter(production=production, user=user).first()
            if membership is None:
                raise CommandError(f"{user} has no role on {production.code}.", returncode=USAGE)
            memberships.membership_remove(actor=None, membership=membership)
        rows = [
            {
                "user": m.user.username,
                "role": m.role,
                "department": getattr(m.department, "slug", ""),
            }
            for m in Membership.objects.filter(production=production)
            .select_related("user", "department")
            .order_by("role", "user__username")
        ]
        if options["json"]:
            self.emit_json(rows)
            return
        for row in rows:
            dept = f" ({row['department']})" if row["department"] else ""
            self.stdout.write(f"{row['user']:<24} {row['role']}{dept}")

    @staticmethod
    def _user(username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'Unknown user "{username}".', returncode=USAGE)
        return user

    @staticmethod
    def _department(production, slug: str | None):
        if not slug:
            return None
        found = Department.objects.for_production(production).filter(slug=slug).first()
        if found is None:
            raise CommandError(f'Unknown department "{slug}".', returncode=USAGE)
        return found
