"""FilterSets of the audit log, shared by the production's audit page and the API."""

from __future__ import annotations

import django_filters

from prodoffice.audit.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    """Events of one production (by code), of one target (type and id), or of one action."""

    # The queryset is already limited to the caller's productions: any other code finds nothing.
    production = django_filters.CharFilter(field_name="production__code")
    target_type = django_filters.CharFilter(help_text="e.g. productions.engagement")
    target_id = django_filters.CharFilter()
    action = django_filters.CharFilter()
    source = django_filters.ChoiceFilter(choices=AuditEvent.Source.choices)

    class Meta:
        model = AuditEvent
        fields = ["production", "target_type", "target_id", "action", "source"]
