"""Shared example permit offices (no production): lead times, insurance limits, wording.

Figures are typical of each office's published guidance at the time of writing; every production
office checks them and edits its own copy (the shared rows are examples, not legal advice).
"""

from decimal import Decimal

from django.db import migrations

EXAMPLES = [
    {
        "name": "City film office (example)",
        "jurisdiction": "A large city",
        "lead_business_days": 3,
        "max_days_ahead": 30,
        "required_limit": Decimal("1000000.00"),
        "currency": "USD",
        "required_wording": "The City, its officers, agents and employees are named as additional insured.",
        "holidays": ["2027-01-01", "2027-05-31", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24"],
    },
    {
        "name": "County parks permits (example)",
        "jurisdiction": "A county",
        "lead_business_days": 10,
        "max_days_ahead": 90,
        "required_limit": Decimal("2000000.00"),
        "currency": "USD",
        "required_wording": "The County is named as additional insured.",
        "holidays": ["2027-01-01", "2027-07-05", "2027-12-24"],
    },
    {
        "name": "Stadtverwaltung Drehgenehmigung (example)",
        "jurisdiction": "A German city",
        "lead_business_days": 10,
        "max_days_ahead": 60,
        "required_limit": Decimal("3000000.00"),
        "currency": "EUR",
        "required_wording": "Die Stadt ist als mitversicherte Person aufgeführt.",
        "holidays": ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-10-03", "2027-12-25"],
    },
]


def add_examples(apps, schema_editor):
    rule = apps.get_model("locations", "JurisdictionRule")
    for values in EXAMPLES:
        rule.objects.get_or_create(production=None, name=values["name"], defaults=values)


def remove_examples(apps, schema_editor):
    rule = apps.get_model("locations", "JurisdictionRule")
    rule.objects.filter(production=None, name__in=[v["name"] for v in EXAMPLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("locations", "0002_paperwork")]

    operations = [migrations.RunPython(add_examples, remove_examples)]
