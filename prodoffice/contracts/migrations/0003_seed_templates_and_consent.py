"""The first template of every contract type and the first consent text."""

import hashlib

from django.db import migrations

from prodoffice.contracts import seed


def forwards(apps, schema_editor):
    ContractTemplate = apps.get_model("contracts", "ContractTemplate")
    ConsentText = apps.get_model("contracts", "ConsentText")
    for contract_type in seed.TITLES:
        ContractTemplate.objects.get_or_create(
            contract_type=contract_type, version=1, defaults={"body": seed.body(contract_type)}
        )
    ConsentText.objects.get_or_create(
        version=seed.CONSENT_VERSION,
        defaults={
            "text": seed.CONSENT_TEXT,
            "sha256": hashlib.sha256(seed.CONSENT_TEXT.encode("utf-8")).hexdigest(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0002_event_triggers")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
