"""The `prodoffice` console script: named verbs map to management commands, the rest pass through.

`prodoffice import-crew FILE` is `manage.py import_crew FILE`; `prodoffice migrate` is
`manage.py migrate`. Every verb is a management command, so web, API and CLI share the services.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a prodoffice verb (dashes become underscores) or any manage.py command."""
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prodoffice", *args[1:]])


if __name__ == "__main__":
    main()
