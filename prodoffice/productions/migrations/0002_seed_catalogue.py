"""Seed the department and position catalogue (DOMAIN.md section 1)."""

from django.db import migrations


def seed(apps, schema_editor):
    from prodoffice.productions.catalogue import DEPARTMENTS

    Department = apps.get_model("productions", "Department")
    Position = apps.get_model("productions", "Position")
    by_title = {}
    pending = []
    for d_order, (name, slug, positions) in enumerate(DEPARTMENTS, start=1):
        dept, _ = Department.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": d_order * 10, "is_cast": slug == "cast"}
        )
        for p_order, (title, key, years, boss, aliases, resp) in enumerate(positions, start=1):
            pos, _ = Position.objects.get_or_create(
                department=dept,
                title=title,
                defaults={
                    "is_key": key,
                    "min_years_experience": years,
                    "aliases": aliases,
                    "responsibilities": resp,
                    "order": p_order * 10,
                },
            )
            by_title[title] = pos
            if boss:
                pending.append((pos, boss))
    for pos, boss in pending:
        pos.reports_to = by_title[boss]
        pos.save(update_fields=["reports_to"])


class Migration(migrations.Migration):
    dependencies = [("productions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
