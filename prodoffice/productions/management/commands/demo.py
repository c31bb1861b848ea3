"""`prodoffice demo`: load the demo production and print its logins."""

from __future__ import annotations

from prodoffice.core.management.commands._base import CliCommand
from prodoffice.productions.demo import DemoResult, demo_build


class Command(CliCommand):
    """Load the demo feature (idempotent) and print one login per role."""

    help = (
        "Load the demo production HARBOR (a feature with 70+ crew in every department, 15 cast, "
        "the kickoff and a production meeting) and print its code and one login per role. "
        "Running it again changes nothing and prints the same logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no production at all (used by `make run`).",
        )

    def handle(self, *args, **options):
        result = demo_build(if_empty=options["if_empty"])
        if options["json"]:
            self.emit_json(result.as_dict())
        else:
            self._print(result)

    def _print(self, result: DemoResult) -> None:
        if result.production is None:
            self.stdout.write("The database already holds productions: the demo was not loaded.")
            return
        verb = "Loaded" if result.created else "Already loaded:"
        self.stdout.write(self.style.SUCCESS(f"{verb} demo production {result.production}"))
        self.stdout.write(f"\n{'username':<18} {'password':<19} role")
        for row in result.logins:
            password = row["password"] or "(changed)"
            self.stdout.write(f"{row['username']:<18} {password:<19} {row['role']}")
            if row.get("totp_secret"):
                self.stdout.write(f"{'':<18} TOTP secret {row['totp_secret']}")
