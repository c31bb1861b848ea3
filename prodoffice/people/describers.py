"""The audit sentences of the people directory's actions (persons, companies, their details)."""

from __future__ import annotations

import re

from prodoffice.audit.describe import Event, register, register_key, register_target, updated
from prodoffice.core import display

register_target("people.person", str)
register_target("people.company", str)

_SKILL = re.compile(r"^(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)(?P<rest>\s*\(.*\))?$")


def skill_label(text: str) -> str:
    """A stored language skill "fr (Fluent)" as "French (Fluent)"."""
    match = _SKILL.match(text or "")
    if not match:
        return text
    return f"{display.language_name(match['code'])}{match['rest'] or ''}"


def _language(verb: str, key: str):
    def phrase(event: Event) -> str:
        old, new = (event.raw.get(key) or [None, None])[:2]
        value = new if verb == "added" else old
        skill = skill_label(str(value)) if value else "a language"
        return f"{verb} {skill} for {event.target}"

    return phrase


register_key("language", skill_label)
register_key("languageskill", skill_label)


def _erased(event: Event) -> str:
    deleted = event.raw.get("deleted") or []
    kept = event.raw.get("kept") or []
    text = f"erased the personal data of {event.target}"
    if deleted:
        text += f"; deleted {', '.join(deleted)}"
    if kept:
        text += f"; kept {', '.join(kept)}"
    return text


register(
    {
        "person.create": "added {target} to the directory",
        "person.erase": _erased,
        "person.export": "exported the personal data of {target}",
        "person.update": updated("person"),
        "union.add": "added the union card {new[union]} for {target}",
        "unionmembership.remove": "removed the union card {old[unionmembership]} of {target}",
        "language.add": _language("added", "language"),
        "languageskill.remove": _language("removed", "languageskill"),
        "credit.add": "added the credit {new[credit]} for {target}",
        "credit.remove": "removed the credit {old[credit]} of {target}",
        "representation.add": "added {new[representation]}",
        "representation.remove": "removed {old[representation]}",
        "company.create": "added the company {target}",
        "company.update": updated("company"),
        "company.contact_add": "added {new[contact]} as a contact of {target}",
    }
)
