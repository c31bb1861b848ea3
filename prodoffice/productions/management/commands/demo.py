"""`prodoffice demo`: load the demo production and print its logins."""

from __future__ import annotations

import socket
import time

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.demo import DemoResult, demo_build, demo_logins

#: How long `--wait-for` waits for the server to answer before giving up.
WAIT_SECONDS = 60.0
SETTLE_SECONDS = 1.0
#: A server listening on every address (HOST=0.0.0.0) answers on the loopback one.
ANY_ADDRESS = "0.0.0.0"  # noqa: S104 (an address to connect to, never bound here)


def wait_for(address: str, timeout: float = WAIT_SECONDS) -> None:
    """Return once something accepts connections at HOST:PORT; CommandError after `timeout`."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"--wait-for: expected HOST:PORT, got {address!r}.", returncode=USAGE)
    host = "127.0.0.1" if host == ANY_ADDRESS else host.strip("[]")
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, int(port)), timeout=1):
                # Lines already on their way (the server's banner, the worker's start) land first.
                time.sleep(SETTLE_SECONDS)
                return
        except OSError:
            if time.monotonic() > deadline:
                message = f"--wait-for: nothing answered at {address} within {timeout:.0f}s."
                raise CommandError(message, returncode=FAILED) from None
            time.sleep(0.2)


class Command(CliCommand):
    """Load the demo feature (idempotent) and print one login per role."""

    help = (
        "Load the demo production HARBOR (a feature with 70+ crew in every department, 15 cast, "
        "the kickoff and a production meeting) and print its code and one login per role. "
        "Running it again changes nothing and prints the same logins. --logins prints the logins "
        "of the demo already loaded and loads nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no production at all (used by `make run`).",
        )
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Print the logins of the demo already in the database; load nothing.",
        )
        parser.add_argument(
            "--wait-for",
            metavar="HOST:PORT",
            help="With --logins: wait until a server answers there, then print the logins and "
            "its URL (used by `make run`, so that they end its output).",
        )

    def handle(self, *args, **options):
        if options["wait_for"] and not options["logins"]:
            raise CommandError("--wait-for goes with --logins.", returncode=USAGE)
        if options["logins"]:
            if options["wait_for"]:
                wait_for(options["wait_for"])
            result = demo_logins()
        else:
            result = demo_build(if_empty=options["if_empty"])
        if options["json"]:
            self.emit_json(result.as_dict())
        else:
            self._print(result, loaded=not options["logins"])
        if options["wait_for"] and not options["json"]:
            host, _, port = options["wait_for"].rpartition(":")
            shown = "127.0.0.1" if host == ANY_ADDRESS else host
            self.stdout.write(self.style.SUCCESS(f"\nOpen http://{shown}:{port}/ (Ctrl-C stops)."))

    def _print(self, result: DemoResult, *, loaded: bool) -> None:
        if result.production is None:
            if loaded:
                self.stdout.write(
                    "The database already holds productions: the demo was not loaded."
                )
            else:
                self.stdout.write(
                    "No demo production in this database: sign in with your own accounts "
                    "(`prodoffice demo` loads it)."
                )
            return
        if not loaded:
            heading = f"Demo production {result.production}"
        else:
            heading = f"{'Loaded' if result.created else 'Already loaded:'} demo production"
            heading = f"{heading} {result.production}"
        self.stdout.write(self.style.SUCCESS(heading))
        self.stdout.write(f"\n{'username':<18} {'password':<19} role")
        for row in result.logins:
            password = row["password"] or "(changed)"
            self.stdout.write(f"{row['username']:<18} {password:<19} {row['role']}")
            if row.get("totp_secret"):
                self.stdout.write(f"{'':<18} TOTP secret {row['totp_secret']}")
