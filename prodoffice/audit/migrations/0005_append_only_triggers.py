"""Append-only audit events, enforced by the database (ADR 0013, as ADR 0008 for contracts).

UPDATE is always refused. DELETE (and TRUNCATE on PostgreSQL) is refused unless the one-row
table `audit_chain_guard` holds a row; only the test-flush path (the `flush` command of the audit
app, inside a test environment, inside its own transaction) inserts it.
"""

from django.db import migrations, models

from prodoffice.core.append_only import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_hash_existing_events")]

    operations = [
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("production", "seq"), name="audit_event_unique_seq"
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("production__isnull", True)),
                fields=("seq",),
                name="audit_event_unique_global_seq",
            ),
        ),
        append_only_operation(prefix="audit", table="audit_auditevent", label="audit events"),
    ]
