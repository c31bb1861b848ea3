"""`prodoffice serve`: the production WSGI server (gunicorn, static files by whitenoise)."""

from __future__ import annotations

import os
import re
import sys

from django.conf import settings
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from prodoffice.core.checks import sqlite_pragma_problems

_BIND = re.compile(r"^(unix:/.+|(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]*):\d{1,5})$")


def default_workers() -> int:
    """WEB_CONCURRENCY, or gunicorn's rule of thumb (2 x CPUs + 1) capped at 9."""
    env = os.environ.get("WEB_CONCURRENCY", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def serve_problems(warnings: list[str] | None = None) -> list[str]:
    """Why the server must not start: SQLite without its durability pragmas (R-05), and in
    production mode any error `check --deploy` reports (its warnings go to `warnings`)."""
    problems = [f"SQLite: {p}" for p in sqlite_pragma_problems()]
    warnings = [] if warnings is None else warnings
    if settings.PRODUCTION:
        for m in run_checks(include_deployment_checks=True):
            (problems if m.is_serious() else warnings).append(f"{m.id}: {m.msg}")
    return problems


def gunicorn_argv(bind: str, workers: int) -> list[str]:
    """The gunicorn command line for prodoffice.wsgi."""
    import gunicorn

    # gunicorn 27 opens a control socket at one fixed path per user: several `serve` processes
    # on one host (the multi-process deployment) would fight over it, and nothing here uses it.
    extra = ["--no-control-socket"] if gunicorn.version_info >= (27,) else []
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "prodoffice.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        "--graceful-timeout",
        "30",
        *extra,
    ]


class Command(BaseCommand):
    """Check the configuration, collect static files (production mode), then exec gunicorn."""

    help = (
        "Run prodoffice under gunicorn (static files served by whitenoise). Refuses to start "
        "when the SQLite durability pragmas are missing or, with PRODOFFICE_ENV=production, "
        "when `check --deploy` reports errors; collects static files first in production mode. "
        "Run several of these against one PostgreSQL (DATABASE_URL) for a multi-user deployment."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="HOST:PORT or unix:/path (127.0.0.1:8000)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes (WEB_CONCURRENCY, else 2 x CPUs + 1, at most 9).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only run the start-up checks, then exit."
        )

    def handle(self, *args, **options):
        bind, workers = options["bind"], options["workers"] or default_workers()
        if not _BIND.match(bind):
            raise CommandError(f'--bind "{bind}" is not HOST:PORT or unix:/path.', returncode=2)
        if workers < 1:
            raise CommandError("--workers must be at least 1.", returncode=2)
        warnings: list[str] = []
        problems = serve_problems(warnings)
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        if problems:
            raise CommandError("Refusing to start:\n  " + "\n  ".join(problems), returncode=1)
        if options["check"]:
            self.stdout.write("Start-up checks passed.")
            return
        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        self._exec(gunicorn_argv(bind, workers))

    def _exec(self, argv: list[str]) -> None:
        self.stderr.write(f"prodoffice serving on {argv[5]} with {argv[7]} workers")
        connections.close_all()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)  # noqa: S606 - replaces this process with gunicorn, no shell
