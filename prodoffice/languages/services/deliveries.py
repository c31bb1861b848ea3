"""The dubbed mix as a post deliverable: a dubbing language is delivered as the "dubbed version"
item of the delivery schedule of each territory that wants it (post's schedules and services)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.languages.choices import DeliveryKind, LanguageRole
from prodoffice.languages.models import ProductionLanguage
from prodoffice.languages.services._common import require_office
from prodoffice.languages.territories import covered
from prodoffice.post.choices import DeliverableKind
from prodoffice.post.models import Deliverable, DeliverySchedule
from prodoffice.post.services import delivery

#: What a target language is dubbed as in post's delivery schedules.
DUBBED = (DeliveryKind.DUBBING, DeliveryKind.VOICE_OVER)


@dataclass
class DubbedLink:
    """A territory's schedule and its dubbed-version item for the language; `created` when the
    item was added now, rather than found."""

    schedule: DeliverySchedule
    deliverable: Deliverable
    created: bool


def schedules_for(entry: ProductionLanguage) -> list[DeliverySchedule]:
    """The production's delivery schedules whose territory covers a country the language is
    wanted in: the country itself (`DE`, `Germany`) or a trade grouping (`DACH`, `LATAM`)."""
    wanted = {code.upper() for code in entry.territories or []}
    schedules = DeliverySchedule.objects.filter(production_id=entry.production_id).order_by("due")
    return [s for s in schedules if covered(s.territory) & wanted]


@transaction.atomic
def dubbed_versions_link(*, actor, entry: ProductionLanguage) -> list[DubbedLink]:
    """For a dubbing (or voice-over) target language, the dubbed-version deliverable of every
    schedule of its territories: found, or added through post's service (office)."""
    require_office(actor, entry.production)
    if entry.role != LanguageRole.TARGET or not set(entry.kinds) & set(DUBBED):
        raise ValidationError(
            {"kinds": f"{entry.language} is not delivered dubbed (add dubbing to its kinds)."}
        )
    links = []
    for schedule in schedules_for(entry):
        found = schedule.deliverables.filter(
            kind=DeliverableKind.DUBBED_VERSION, language__iexact=entry.language
        ).first()
        item = found or delivery.deliverable_add(
            actor=actor,
            schedule=schedule,
            kind=DeliverableKind.DUBBED_VERSION,
            language=entry.language,
        )
        links.append(DubbedLink(schedule, item, found is None))
    added = sum(link.created for link in links)
    record(
        actor=actor,
        action="language.dubbed_link",
        target=entry,
        production=entry.production,
        changes={"deliverables": [len(links) - added, len(links)]},
    )
    return links
