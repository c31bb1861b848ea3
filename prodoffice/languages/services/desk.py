"""Writes of the language desk proper: a production's languages, linguists and their pairs,
the contract of a linguist, work items and their transitions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.contracts.choices import ContractType, PartyRole
from prodoffice.contracts.services import drafting
from prodoffice.core.services import integrity_as_validation, save_changes
from prodoffice.core.transitions import check_transition
from prodoffice.languages.choices import WORK_TRANSITIONS, LanguageRole, WorkStatus
from prodoffice.languages.models import Linguist, LinguistPair, ProductionLanguage, WorkItem
from prodoffice.languages.selectors import delivery_due
from prodoffice.languages.services import deliveries
from prodoffice.languages.services._common import language_tag, require_office

LANGUAGE_FIELDS = (
    "language",
    "role",
    "kinds",
    "territories",
    "children",
    "max_chars_per_line",
    "max_cps",
)
LINGUIST_FIELDS = ("person", "company", "name", "specialisms", "notes")
PAIR_FIELDS = (
    "source",
    "target",
    "proficiency",
    "years_experience",
    "rate",
    "currency",
    "rate_unit",
)
WORK_FIELDS = (
    "language",
    "kind",
    "assignee",
    "due_date",
    "subtitle_file",
    "cut_version",
    "notes",
)


@transaction.atomic
def production_language_add(*, actor, production, **values: Any) -> ProductionLanguage:
    """Add the original or a target language to a production (office)."""
    require_office(actor, production)
    values["language"] = language_tag(values.get("language", ""))
    values["territories"] = [str(c).strip().upper() for c in values.get("territories") or []]
    if (
        values.get("role") == LanguageRole.ORIGINAL
        and production.languages.filter(role=LanguageRole.ORIGINAL).exists()
    ):
        raise ValidationError({"role": "The production already has an original language."})
    if production.languages.filter(language__iexact=values["language"]).exists():
        raise ValidationError(
            {"language": f"{values['language']} is already a language of this production."}
        )
    entry = ProductionLanguage(production=production)
    save_changes(entry, values, LANGUAGE_FIELDS)
    record(actor=actor, action="language.add", target=entry, production=production)
    if entry.role == LanguageRole.TARGET and set(entry.kinds) & set(deliveries.DUBBED):
        deliveries.dubbed_versions_link(actor=actor, entry=entry)
    return entry


@transaction.atomic
def production_language_remove(*, actor, entry: ProductionLanguage) -> None:
    """Take a language off a production (office); its work and files stay."""
    require_office(actor, entry.production)
    record(actor=actor, action="language.remove", target=entry, production=entry.production)
    entry.delete()


@transaction.atomic
def linguist_add(*, actor, production, pairs: list[dict] = (), **values: Any) -> Linguist:
    """Put a translator (person) or language vendor (company) on the production's roster, with
    the language pairs they work in."""
    require_office(actor, production)
    person, company = values.get("person"), values.get("company")
    if bool(person) == bool(company):
        raise ValidationError(
            {"person": "Give either a person (translator) or a company (vendor)."}
        )
    values["name"] = (values.get("name") or str(person or company)).strip()
    linguist = Linguist(production=production)
    save_changes(linguist, values, LINGUIST_FIELDS)
    record(actor=actor, action="linguist.add", target=linguist, production=production)
    for pair in pairs:
        linguist_pair_add(actor=actor, linguist=linguist, **pair)
    return linguist


@transaction.atomic
def linguist_pair_add(*, actor, linguist: Linguist, **values: Any) -> LinguistPair:
    """A language pair a linguist works in, with experience and rate (office)."""
    require_office(actor, linguist.production)
    values["source"] = language_tag(values.get("source", ""), "source")
    values["target"] = language_tag(values.get("target", ""), "target")
    values["rate"] = _decimal(values.get("rate", "0"), "rate")
    values["currency"] = (values.get("currency") or "EUR").strip().upper()
    if values["source"].lower() == values["target"].lower():
        raise ValidationError({"target": "A pair needs two different languages."})
    pair = LinguistPair(linguist=linguist)
    with integrity_as_validation(
        f"{linguist} already has the pair {values['source']} → {values['target']}."
    ):
        save_changes(pair, values, PAIR_FIELDS)
    record(
        actor=actor,
        action="linguist.pair_add",
        target=linguist,
        production=linguist.production,
        changes={"pair": [None, str(pair)]},
    )
    return pair


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else "0"))
    except InvalidOperation:
        raise ValidationError({field: "Enter a number."}) from None


@transaction.atomic
def linguist_contract_draft(*, actor, linguist: Linguist):
    """Draft the linguist's language-services agreement on the contract desk and link it."""
    require_office(actor, linguist.production)
    linguist = Linguist.objects.select_for_update().get(pk=linguist.pk)
    if linguist.contract_id:
        raise ValidationError(
            {"contract": f"{linguist} already has a contract ({linguist.contract})."}
        )
    contract = drafting.contract_create(
        actor=actor,
        production=linguist.production,
        contract_type=ContractType.LANGUAGE,
        title=f"Language services: {linguist.name}",
    )
    if linguist.person_id:
        drafting.party_add(
            actor=actor, contract=contract, person=linguist.person, role=PartyRole.TRANSLATOR
        )
    linguist.contract = contract
    linguist.save(update_fields=["contract", "updated_at"])
    record(actor=actor, action="linguist.contract", target=linguist, production=linguist.production)
    return contract


@transaction.atomic
def work_item_create(*, actor, production, **values: Any) -> WorkItem:
    """A piece of language work for a language (office); without a due date it takes the date of
    the earliest open delivery that needs it (post's delivery schedules)."""
    require_office(actor, production)
    values["language"] = language_tag(values.get("language", ""))
    for field in ("assignee", "subtitle_file"):
        if values.get(field) is not None and values[field].production_id != production.pk:
            raise ValidationError({field: "That belongs to another production."})
    cut_version = values.get("cut_version")
    if cut_version is not None and cut_version.cut.production_id != production.pk:
        raise ValidationError(
            {"cut_version": "That cut version does not exist on this production."}
        )
    message = ""
    if not values.get("due_date"):
        feeds = delivery_due(
            production=production, language=values["language"], kind=values.get("kind", "")
        )
        if feeds is not None:
            values["due_date"] = feeds.due_date
            message = f"due with {feeds.get_kind_display().lower()} for {feeds.schedule}"
    item = WorkItem(production=production)
    save_changes(item, values, WORK_FIELDS)
    record(actor=actor, action="work.create", target=item, production=production, message=message)
    return item


@transaction.atomic
def work_item_transition(*, actor, item: WorkItem, status: str, reason: str = "") -> WorkItem:
    """Move a work item along its transition table (office); the move is audited."""
    require_office(actor, item.production)
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    if status not in WorkStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    check_transition(WORK_TRANSITIONS, item.status, status)
    before, item.status = item.status, status
    item.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="work.status",
        target=item,
        production=item.production,
        changes={"status": [before, status]},
        message=reason,
    )
    return item
