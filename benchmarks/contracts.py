"""Benchmark: sending and countersigning contracts through the services, against the libraries.

For N contracts (default 20; the issue asks 200 on a quiet machine), each with two parties, in a
temporary SQLite database migrated for the run, in the same process:

- send: `contract_send` in the request (lock, checks, audit, the render task queued), the
  `send_contract` task's work `contract_freeze` (template, WeasyPrint, storage, chain, audit, the
  mail task queued) and the `mail_links` task (fresh links, e-mails), against the baseline
  WeasyPrint `HTML(string=...).write_pdf()` of the same contract's HTML;
- countersign: `contract_countersign` in the request (lock, TOTP, chain, audit, the seal task
  queued) plus the `seal_contract` work (completion, `seal_document`, storage, chain, audit),
  against the baseline `seal_document` of the same original and completion, and against the
  libraries called directly: WeasyPrint rendering the same completion HTML plus pyHanko's own
  `SimpleSigner` signing the same original (PAdES, invisible field);
- the database queries each part issues per contract.

Tasks go through the database queue (as in production) and are run right after, in process.

Medians of CPU time per contract (CPU, so other work on the shared machine disturbs it least).
Run: `.venv/bin/python benchmarks/contracts.py [--contracts 20]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="prodoffice-bench-contracts-"))
os.environ["PRODOFFICE_VAR_DIR"] = str(TMP)
os.environ["SQLITE_PATH"] = str(TMP / "bench.sqlite3")
os.environ.pop("DATABASE_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks._pades import render_directly, sign_directly  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def cpu(fn):
    """(result, CPU seconds) of one call."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=20)
    n = parser.parse_args().contracts
    settings.MEDIA_ROOT = TMP / "media"
    settings.PRODOFFICE_SIGNING_DIR = TMP / "signing"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    from django_otp.oath import totp

    from prodoffice.accounts.services import totp_enrol
    from prodoffice.contracts.rendering import current_template, render_html
    from prodoffice.contracts.sealing import init_signing_key, seal_document
    from prodoffice.contracts.services import countersign, links, sealing, sending, signing
    from prodoffice.contracts.tests.helpers import draft, link_access, login_access
    from tests.support.factories import MembershipFactory, UserFactory
    from tests.support.personas import build_world

    init_signing_key("Bench office seal", "Bench Films Ltd")
    from pyhanko.sign import signers as pyhanko_signers

    from prodoffice.contracts.sealing import keys as seal_keys
    from prodoffice.contracts.sealing.seal import completion_html

    folder = seal_keys.signing_dir()
    plain_signer = pyhanko_signers.SimpleSigner.load(
        str(folder / seal_keys.KEY_FILE),
        str(folder / seal_keys.CERT_FILE),
        key_passphrase=seal_keys.passphrase(),
    )
    world = build_world()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    keys = ("send", "freeze", "mail", "render", "countersign", "seal_task", "seal", "direct")
    rows = {k: [] for k in (*keys, "q_send", "q_freeze", "q_mail", "q_counter", "q_seal")}
    for i in range(n):
        contract = draft(world)
        html = render_html(contract, current_template(contract.contract_type))
        _, t = cpu(lambda html=html: render_directly(html))
        rows["render"].append(t)
        connection.queries_log.clear()  # the log keeps 9000 entries; counts need room
        with CaptureQueriesContext(connection) as q:
            contract, t = cpu(
                lambda c=contract: sending.contract_send(actor=world.office, contract=c)
            )
        rows["send"].append(t)
        rows["q_send"].append(len(q))
        assert contract.status == "sending", contract.status
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as q:
            contract, t = cpu(lambda c=contract: sending.contract_freeze(contract_id=c.pk))
        assert contract.status == "sent", contract.send_error
        rows["freeze"].append(t)
        rows["q_freeze"].append(len(q))
        with CaptureQueriesContext(connection) as q:
            _, t = cpu(lambda c=contract: links.contract_mail_links(contract_id=c.pk))
        rows["mail"].append(t)
        rows["q_mail"].append(len(q))
        for party in contract.parties.all():
            if party.person.user_id:
                access = login_access(world.crew_a)
            else:
                link = party.links.get()
                token = f"bench-{i}"
                code = "12345678"
                from django.contrib.auth.hashers import make_password

                link.token_hash = links.token_hash(token)
                link.code_hash = make_password(code)
                link.save()
                access = link_access(token, code)
            signing.party_consent(access=access, party=party)
            signing.party_sign(access=access, party=party, typed_name="Bench Signer")
        # A TOTP code is accepted once per 30 s step: one signatory per contract.
        officer = UserFactory(username=f"officer{i}")
        MembershipFactory(
            user=officer, production=world.production, role="coordinator", can_countersign=True
        )
        device = totp_enrol(actor=None, user=officer)
        code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        connection.queries_log.clear()  # the log keeps 9000 entries; counts need room
        with CaptureQueriesContext(connection) as q:
            contract, t = cpu(
                lambda c=contract, o=officer, code=code: countersign.contract_countersign(
                    actor=o, contract=c, otp_code=code
                )
            )
        rows["countersign"].append(t)
        rows["q_counter"].append(len(q))
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as q:
            contract, t = cpu(lambda c=contract: sealing.contract_seal(contract_id=c.pk))
        assert contract.status == "executed", contract.seal_error
        rows["seal_task"].append(t)
        rows["q_seal"].append(len(q))
        original = contract.documents.get(kind="original")
        data = original.file.read()
        completion = sealing.completion(contract, original)
        _, t = cpu(
            lambda d=data, c=completion, r=contract.reference: seal_document(
                d, c, reason="bench", contract_ref=r
            )
        )
        rows["seal"].append(t)
        chtml = completion_html(completion)
        _, t = cpu(lambda d=data, h=chtml: (render_directly(h), sign_directly(d, plain_signer)))
        rows["direct"].append(t)
    med = {k: statistics.median(v) for k, v in rows.items()}
    ms = {k: v * 1000 for k, v in med.items()}
    print(f"contracts: {n} (CPU time per contract, medians)")
    send = med["send"] + med["freeze"] + med["mail"]
    print(
        f"send         request {ms['send']:7.1f} ms + render task {ms['freeze']:6.1f} ms"
        f" + mail task {ms['mail']:6.1f} ms   WeasyPrint alone {ms['render']:7.1f} ms"
        f"   render task ratio {med['freeze'] / med['render']:.2f}x"
        f"   all ratio {send / med['render']:.2f}x"
        f"   queries {med['q_send']:.0f} + {med['q_freeze']:.0f} + {med['q_mail']:.0f}"
    )
    counter = med["countersign"] + med["seal_task"]
    print(
        f"countersign  request {ms['countersign']:7.1f} ms + seal task {ms['seal_task']:6.1f} ms"
        f"   seal_document alone {ms['seal']:7.1f} ms   ratio {counter / med['seal']:.2f}x"
        f"   queries {med['q_counter']:.0f} + {med['q_seal']:.0f}"
    )
    print(
        f"             WeasyPrint (completion) + pyHanko direct {ms['direct']:7.1f} ms"
        f"   ratio {counter / med['direct']:.2f}x"
    )


if __name__ == "__main__":
    main()
