"""What the certificate of completion states: the parties' evidence and the contract's events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PartyEvidence:
    """One party's signing evidence (E-08): who, how they were authenticated, when, from where."""

    name: str
    email: str
    role: str
    auth_method: str
    consent_version: str
    consent_sha256: str
    viewed_at: datetime | None
    signed_at: datetime | None
    ip: str
    user_agent: str
    typed_name: str


@dataclass(frozen=True)
class Completion:
    """Everything the certificate of completion of one contract lists."""

    contract_ref: str
    number: str
    title: str
    production: str
    parties: list[PartyEvidence]
    countersigned_by: str
    countersigned_at: datetime | None
    original_sha256: str
    events: list[tuple[datetime, str, str]] = field(default_factory=list)
    #: The production's time zone: times print in it with their abbreviation, then in UTC.
    time_zone: str = "UTC"
