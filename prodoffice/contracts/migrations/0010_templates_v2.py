"""Version 2 of every contract type's template: the location, the department and the fee."""

from django.db import migrations

from prodoffice.contracts import seed


def forwards(apps, schema_editor):
    ContractTemplate = apps.get_model("contracts", "ContractTemplate")
    for contract_type in seed.TITLES:
        ContractTemplate.objects.get_or_create(
            contract_type=contract_type,
            version=seed.VERSION,
            defaults={"body": seed.body(contract_type)},
        )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0009_contract_location_department")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
