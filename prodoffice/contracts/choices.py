"""Contract types, statuses, party roles, chain actions and the one lifecycle transition table."""

from django.db import models

#: The office does not handle publicity agreements (DOMAIN.md section 2); every interface says so.
PUBLICITY = "publicity"
PUBLICITY_REFUSED = "The production office does not handle publicity contracts."


class ContractType(models.TextChoices):
    CAST = "cast", "Cast (performer agreement or deal memo)"
    CREW = "crew", "Crew deal memo"
    DIRECTOR = "director", "Director agreement"
    STUDIO = "studio", "Studio or financing agreement"
    LOCATION = "location", "Location agreement"
    VENDOR = "vendor", "Vendor or facility agreement"
    LANGUAGE = "language", "Language-services agreement"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    PARTLY_SIGNED = "partly_signed", "Partly signed"
    SIGNED = "signed", "Signed by all parties"
    COUNTERSIGNED = "countersigned", "Countersigned"
    EXECUTED = "executed", "Executed"
    DECLINED = "declined", "Declined"
    VOIDED = "voided", "Voided"
    EXPIRED = "expired", "Expired"


S = ContractStatus
#: The whole lifecycle. The office countersignature is the only way into `executed` and needs
#: every party's signature first (`signed`); nothing leads around it. A new version takes a
#: sent, declined or expired contract back to `draft` with fresh signatures. `sending` is the
#: short wait for the background render (ADR 0009): it ends `sent` with the frozen document, or
#: back in `draft` with the reason when the document could not be made.
CONTRACT_TRANSITIONS = {
    S.DRAFT: {S.SENDING, S.VOIDED},
    S.SENDING: {S.SENT, S.DRAFT, S.VOIDED},
    S.SENT: {S.PARTLY_SIGNED, S.SIGNED, S.DECLINED, S.VOIDED, S.EXPIRED, S.DRAFT},
    S.PARTLY_SIGNED: {S.SIGNED, S.DECLINED, S.VOIDED, S.EXPIRED, S.DRAFT},
    S.SIGNED: {S.COUNTERSIGNED, S.VOIDED, S.DRAFT},
    S.COUNTERSIGNED: {S.EXECUTED},
    S.EXECUTED: set(),
    S.DECLINED: {S.DRAFT, S.VOIDED},
    S.VOIDED: set(),
    S.EXPIRED: {S.DRAFT, S.VOIDED},
}
#: Statuses in which the parties may view and sign.
SIGNABLE = frozenset({S.SENT, S.PARTLY_SIGNED})
#: Out for signature: what the expiry sweep looks at.
OUTSTANDING = frozenset({S.SENT, S.PARTLY_SIGNED})


class RateUnit(models.TextChoices):
    HOUR = "hour", "per hour"
    DAY = "day", "per day"
    WEEK = "week", "per week"
    FLAT = "flat", "flat"
    EPISODE = "episode", "per episode"


class HireBasis(models.TextChoices):
    DAILY = "daily", "Daily hire"
    WEEKLY = "weekly", "Weekly hire"


class GuaranteeUnit(models.TextChoices):
    DAYS = "days", "days"
    WEEKS = "weeks", "weeks"
    EPISODES = "episodes", "episodes"


class PartyRole(models.TextChoices):
    PERFORMER = "performer", "Performer"
    CREW = "crew", "Crew member"
    DIRECTOR = "director", "Director"
    STUDIO = "studio", "Studio or financier"
    OWNER = "owner", "Location owner or manager"
    VENDOR = "vendor", "Vendor or facility"
    TRANSLATOR = "translator", "Translator or language services"
    LOAN_OUT = "loan_out", "Loan-out company"
    AGENT = "agent", "Agent"


#: The first party's role when a contract's type names it (a draft from an engagement, an import
#: row without a role).
DEFAULT_ROLE = {
    ContractType.CAST: PartyRole.PERFORMER,
    ContractType.CREW: PartyRole.CREW,
    ContractType.DIRECTOR: PartyRole.DIRECTOR,
    ContractType.STUDIO: PartyRole.STUDIO,
    ContractType.LOCATION: PartyRole.OWNER,
    ContractType.VENDOR: PartyRole.VENDOR,
    ContractType.LANGUAGE: PartyRole.TRANSLATOR,
}


class PartyStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    VIEWED = "viewed", "Viewed"
    SIGNED = "signed", "Signed"
    DECLINED = "declined", "Declined"


class AuthMethod(models.TextChoices):
    LOGIN = "login", "Signed in to prodoffice"
    LINK = "link", "Signing link and access code"


class DocumentKind(models.TextChoices):
    ORIGINAL = "original", "Original (as sent)"
    FINAL = "final", "Final (countersigned and sealed)"


class EventAction(models.TextChoices):
    CREATED = "created", "Created"
    SENT = "sent", "Sent"
    VIEWED = "viewed", "Viewed"
    CONSENT = "consent", "Consented to sign electronically"
    SIGNED = "signed", "Signed"
    DECLINED = "declined", "Declined"
    COUNTERSIGNED = "countersigned", "Countersigned"
    SEALED = "sealed", "Sealed"
    VOIDED = "voided", "Voided"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPIRED = "expired", "Expired"
    NEW_VERSION = "new_version", "New version (signatures voided)"
    # --- contracts signing ---
    # The column holds 16 characters: widening it would make SQLite rebuild the table and drop
    # the chain's append-only triggers (ADR 0008), hence the past tense like "signed".
    CONSENT_WITHDRAWN = "withdrew_consent", "Withdrew consent to sign electronically"
    # --- end contracts signing ---


class BulkKind(models.TextChoices):
    SEND = "send", "Send"
    COUNTERSIGN = "countersign", "Countersign"
