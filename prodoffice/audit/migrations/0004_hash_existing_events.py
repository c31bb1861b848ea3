"""Chain the audit events recorded before the chains existed: each production's events (and
the global chain) in the order they were inserted (ADR 0013)."""

from django.db import migrations

from prodoffice.audit.chain import GENESIS, GLOBAL_CHAIN, event_hash, plain_data


def forwards(apps, schema_editor):
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    chains = event_model.objects.order_by().values_list("production_id", flat=True).distinct()
    for production_id in list(chains):
        prev, seq, batch = GENESIS, 0, []
        for event in event_model.objects.filter(production_id=production_id).order_by("pk"):
            seq += 1
            event.seq, event.prev_hash = seq, prev
            event.changes = plain_data(event.changes)
            event.hash = prev = event_hash(event)
            batch.append(event)
        event_model.objects.bulk_update(batch, ["seq", "prev_hash", "hash"], batch_size=500)
        key = GLOBAL_CHAIN if production_id is None else production_id
        head_model.objects.create(chain=key, seq=seq, hash=prev)


def backwards(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
