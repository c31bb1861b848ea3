"""Admin: read-only windows on contracts; every write (status above all) goes through a service.

Nothing can be added or changed here, so the admin has no path to `executed` and no way to
create a publicity contract.
"""

from __future__ import annotations

from django.contrib import admin

from prodoffice.audit.admin import ReadOnlyAdmin
from prodoffice.contracts.models import (
    ConsentText,
    Contract,
    ContractDocument,
    ContractEvent,
    ContractParty,
    ContractTemplate,
)


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    """Contracts (terms and rates are not shown here)."""

    list_display = ("production", "number", "contract_type", "title", "status", "version")
    list_filter = ("status", "contract_type")
    list_select_related = ("production",)
    search_fields = ("title",)
    fields = ("production", "number", "contract_type", "title", "status", "version", "amends")
    readonly_fields = fields


@admin.register(ContractParty)
class ContractPartyAdmin(ReadOnlyAdmin):
    """Parties and their status."""

    list_display = ("contract", "person", "company", "role", "status")
    list_select_related = ("contract__production", "person", "company")
    fields = ("contract", "person", "company", "role", "email", "status")


@admin.register(ContractTemplate)
class ContractTemplateAdmin(ReadOnlyAdmin):
    """Template versions per type."""

    list_display = ("contract_type", "version", "created_at")


@admin.register(ConsentText)
class ConsentTextAdmin(ReadOnlyAdmin):
    """Consent text versions and their SHA-256."""

    list_display = ("version", "sha256", "created_at")


@admin.register(ContractDocument)
class ContractDocumentAdmin(ReadOnlyAdmin):
    """Frozen documents and their SHA-256."""

    list_display = ("contract", "version", "kind", "sha256", "size")


@admin.register(ContractEvent)
class ContractEventAdmin(ReadOnlyAdmin):
    """The hash-chained event log."""

    list_display = ("contract", "seq", "action", "actor_label", "at", "hash")
    list_select_related = ("contract__production",)
