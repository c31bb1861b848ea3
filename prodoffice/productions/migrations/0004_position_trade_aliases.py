"""Give the seeded positions the trade's usual spellings (Boom Op, 1st AC, 2nd AD, BB Grip ...).

Aliases the office added since are kept: the catalogue's ones are appended when missing.
"""

from django.db import migrations


def _norm(text):
    return " ".join(text.lower().split())


def add_aliases(apps, schema_editor):
    from prodoffice.productions.catalogue import DEPARTMENTS

    Position = apps.get_model("productions", "Position")
    for _name, slug, positions in DEPARTMENTS:
        for title, _key, _years, _boss, aliases, _resp in positions:
            position = Position.objects.filter(department__slug=slug, title=title).first()
            if position is None or not aliases:
                continue
            have = [a.strip() for a in position.aliases.split(",") if a.strip()]
            known = {_norm(a) for a in have}
            new = [a.strip() for a in aliases.split(",") if _norm(a) not in known]
            if new:
                position.aliases = ", ".join(have + new)[:300]
                position.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("productions", "0003_engagement_unavailability")]
    operations = [migrations.RunPython(add_aliases, migrations.RunPython.noop)]
