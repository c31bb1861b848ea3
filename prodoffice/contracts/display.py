"""How contract data reads for a person: chain events as sentences, terms as words (pages, CLI)."""

from __future__ import annotations

from prodoffice.audit.describe import SOURCE_ACTORS
from prodoffice.contracts.choices import EventAction
from prodoffice.core import display

#: A chain event as the words after who did it.
EVENT_WORDS = {
    EventAction.CREATED: "drafted the contract",
    EventAction.SENT: "sent the contract for signature",
    EventAction.VIEWED: "opened the contract",
    EventAction.CONSENT: "agreed to sign electronically",
    EventAction.SIGNED: "signed the contract",
    EventAction.DECLINED: "declined the contract",
    EventAction.COUNTERSIGNED: "countersigned the contract for the office",
    EventAction.SEALED: "sealed the contract with the office seal",
    EventAction.VOIDED: "voided the contract",
    EventAction.DOWNLOADED: "downloaded the contract",
    EventAction.EXPIRED: "let the contract expire unsigned",
    EventAction.NEW_VERSION: "started a new version (earlier signatures voided)",
    EventAction.CONSENT_WITHDRAWN: "withdrew consent to sign electronically",
}


def event_sentence(event) -> str:
    """A chain event in words: "Maya Okafor sent the contract for signature"."""
    label = event.actor_label or "system"
    who = SOURCE_ACTORS.get(label, label)
    words = EVENT_WORDS.get(event.action)
    if words is None:
        words = f"recorded “{event.get_action_display().lower()}”"
    return f"{who} {words}."


def term_value(value) -> str:
    """A contract term as it reads in the CLI's human output: Yes/No, "—" when unset."""
    if value is None or value == "" or isinstance(value, bool):
        return display.yes_no(value)
    return str(value)
