"""Call sheet and recipient states and their transition tables."""

from django.db import models


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


#: A draft is published once; a published version is superseded by the next published one.
SHEET_TRANSITIONS = {
    SheetStatus.DRAFT: {SheetStatus.PUBLISHED},
    SheetStatus.PUBLISHED: {SheetStatus.SUPERSEDED},
    SheetStatus.SUPERSEDED: set(),
}


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    BOUNCED = "bounced", "Bounced"
    UNDELIVERABLE = "undeliverable", "No e-mail address"
    CONFIRMED = "confirmed", "Confirmed"


DELIVERY_TRANSITIONS = {
    DeliveryState.QUEUED: {DeliveryState.SENT, DeliveryState.BOUNCED, DeliveryState.CONFIRMED},
    DeliveryState.SENT: {DeliveryState.CONFIRMED, DeliveryState.BOUNCED, DeliveryState.QUEUED},
    DeliveryState.BOUNCED: {DeliveryState.QUEUED},
    DeliveryState.UNDELIVERABLE: {DeliveryState.QUEUED},
    DeliveryState.CONFIRMED: set(),
}


class RowKind(models.TextChoices):
    CREW = "crew", "Crew"
    CAST = "cast", "Cast"
