"""The F-01 child processes: countersign one contract, then run the queued seal task (or, for a
job whose "operation" is "send", send it and run the queued render task), while the fault point
a job names kills the process (SIGKILL) on the way.

    python -m prodoffice.contracts.tests.crash_child CONTRACT_ID USER_ID < jobs.json

jobs.json lists {"point", "database", "media"}: one copy of the test database (an SQLite file or
a PostgreSQL database name) and of the media folder per fault point. Django and the sealing
libraries are loaded once, then each job runs in a forked process (two at a time), so a dozen
crashes cost seconds. Prints {point: how the process ended} as JSON: -9 for a SIGKILL.
The rest of the environment (SECRET_KEY, PRODOFFICE_SIGNING_DIR ...) comes from the test; tasks
go through the database queue, as in production.
"""

from __future__ import annotations

import io
import json
import os
import sys


def _job(job: dict, contract_id: int, user_id: int) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from prodoffice.accounts.models import User
    from prodoffice.contracts import faults
    from prodoffice.contracts.models import Contract
    from prodoffice.contracts.services import countersign, sending
    from prodoffice.contracts.tests.helpers import otp_code

    os.environ[faults.ENV] = job["point"]
    settings.MEDIA_ROOT = job["media"]
    connections["default"].settings_dict["NAME"] = job["database"]
    office = User.objects.get(pk=user_id)
    contract = Contract.objects.get(pk=contract_id)
    if job.get("operation") == "send":
        sending.contract_send(actor=office, contract=contract)
    else:
        countersign.contract_countersign(actor=office, contract=contract, otp_code=otp_code(office))
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", stdout=io.StringIO()
    )


def main(contract_id: int, user_id: int, jobs: list[dict], parallel: int = 2) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    import django

    django.setup()
    # Loaded before forking: every job starts warm.
    import prodoffice.contracts.sealing.seal
    import prodoffice.contracts.services.countersign
    import prodoffice.contracts.tasks  # noqa: F401

    ended: dict[str, int] = {}
    running: dict[int, str] = {}
    queue = list(jobs)
    while queue or running:
        while queue and len(running) < parallel:
            job = queue.pop(0)
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    _job(job, contract_id, user_id)
                except BaseException as exc:
                    print(f"{job['point']}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    code = 1
                os._exit(code)
            running[pid] = job["point"]
        pid, status = os.wait()
        point = running.pop(pid)
        ended[point] = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return ended


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]), json.load(sys.stdin))))
