"""Writes of the glossary: entries by hand, and the seed from the cast list and the script."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, save_changes
from prodoffice.languages.choices import GlossaryCategory, GlossarySource
from prodoffice.languages.models import GlossaryEntry
from prodoffice.languages.services._common import language_tag, require_office
from prodoffice.productions.models import Engagement
from prodoffice.scheduling.models import Scene, SpeakingCharacter

ENTRY_FIELDS = ("language", "term", "rendering", "variants", "category", "source")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for field in ("term", "rendering"):
        if field in out:
            out[field] = (out[field] or "").strip()
    if "variants" in out:
        variants = out["variants"]
        if isinstance(variants, str):
            variants = variants.splitlines()
        out["variants"] = [v.strip() for v in variants or [] if str(v).strip()]
    return out


@transaction.atomic
def glossary_entry_add(*, actor, production, **values: Any) -> GlossaryEntry:
    """A term and its agreed rendering in one language (office)."""
    require_office(actor, production)
    values = _clean(values)
    values["language"] = language_tag(values.get("language", ""))
    values.setdefault("rendering", values.get("term", ""))
    entry = GlossaryEntry(production=production)
    with integrity_as_validation(
        f"{values.get('term')!r} is already in the {values['language']} glossary."
    ):
        save_changes(entry, values, ENTRY_FIELDS)
    record(actor=actor, action="glossary.add", target=entry, production=production)
    return entry


@transaction.atomic
def glossary_entry_update(*, actor, entry: GlossaryEntry, **values: Any) -> GlossaryEntry:
    """Change an entry's rendering, variants or category (office)."""
    require_office(actor, entry.production)
    entry = GlossaryEntry.objects.select_for_update().get(pk=entry.pk)
    changes = save_changes(entry, _clean(values), ("rendering", "variants", "category"))
    if changes:
        record(
            actor=actor,
            action="glossary.update",
            target=entry,
            production=entry.production,
            changes=changes,
        )
    return entry


def seed_candidates(production) -> list[tuple[str, str]]:
    """(term, category) from the cast list's characters, the script's speakers and its sets."""
    cast = (
        Engagement.objects.filter(production=production)
        .exclude(character="")
        .values_list("character", flat=True)
    )
    current = Scene.objects.filter(script__production=production, script__is_current=True)
    speaking = SpeakingCharacter.objects.filter(scene__in=current).values_list("name", flat=True)
    sets = current.exclude(set_name="").values_list("set_name", flat=True)
    found: dict[str, tuple[str, str]] = {}
    for names, category in (
        (cast, GlossaryCategory.CHARACTER),
        (speaking, GlossaryCategory.CHARACTER),
        (sets, GlossaryCategory.PLACE),
    ):
        for name in names:
            term = _display(name)
            found.setdefault(term.casefold(), (term, category))
    return sorted(found.values())


def _display(name: str) -> str:
    # Scripts write characters and sets in capitals; the glossary shows them as names.
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


@transaction.atomic
def glossary_seed(*, actor, production, language: str) -> int:
    """Add every cast and script name not yet in the language's glossary; the number added."""
    require_office(actor, production)
    language = language_tag(language)
    known = {
        t.casefold()
        for t in GlossaryEntry.objects.filter(production=production, language=language).values_list(
            "term", flat=True
        )
    }
    added = 0
    for term, category in seed_candidates(production):
        if term.casefold() in known or not term:
            continue
        source = (
            GlossarySource.SCRIPT if category == GlossaryCategory.PLACE else GlossarySource.CAST
        )
        entry = GlossaryEntry(
            production=production,
            language=language,
            term=term[:200],
            rendering=term[:200],
            category=category,
            source=source,
        )
        entry.full_clean()
        entry.save()
        added += 1
    if added == 0 and not seed_candidates(production):
        raise ValidationError(
            "Nothing to seed from: the production has no cast characters and no script."
        )
    record(
        actor=actor,
        action="glossary.seed",
        target=production,
        production=production,
        changes={"added": [0, added]},
        message=language,
    )
    return added
