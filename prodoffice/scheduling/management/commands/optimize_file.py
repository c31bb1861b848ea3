"""`manage.py optimize_file FILE`: the exact talent-scheduling solver on a benchmark file.

`prodoffice optimize-file` runs `scheduling.file_verb` before Django is set up (issue 17: a
small instance answers in under 2 s); this command is the same verb under Django's runner
(`manage.py`, `call_command`), with the same options, answers and exit codes.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import CliCommand
from prodoffice.scheduling import file_verb


class Command(CliCommand):
    """Solve one instance of ../shared/data/talent/ format; no database involved."""

    # It touches neither the database nor the site: Django's system checks would be most of
    # its start-up time.
    requires_system_checks: list[str] = []

    help = file_verb.HELP

    def add_arguments(self, parser):
        file_verb.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            data = file_verb.solve_file(
                options["file"], options["time_limit"], options["allow_unused_actors"]
            )
        except file_verb.FileRefused as exc:
            raise CommandError(str(exc), returncode=exc.code) from None
        self.stdout.write(file_verb.as_json(data) if options["json"] else file_verb.text(data))
