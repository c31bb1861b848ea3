"""The F-01 child process: countersign one contract, then run the queued seal task, with the fault
point named by PRODOFFICE_FAULT killing the process (SIGKILL) on the way.

    python -m prodoffice.contracts.tests.crash_child CONTRACT_ID USER_ID

The database (SQLITE_PATH or DATABASE_URL), MEDIA_ROOT, PRODOFFICE_SIGNING_DIR and SECRET_KEY come
from the environment the test gives it; tasks go through the database queue, as in production.
"""

from __future__ import annotations

import io
import os
import sys


def main(contract_id: int, user_id: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from prodoffice.accounts.models import User
    from prodoffice.contracts import signing
    from prodoffice.contracts.models import Contract
    from prodoffice.contracts.tests.helpers import otp_code

    office = User.objects.get(pk=user_id)
    contract = Contract.objects.get(pk=contract_id)
    signing.contract_countersign(actor=office, contract=contract, otp_code=otp_code(office))
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", stdout=io.StringIO()
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
