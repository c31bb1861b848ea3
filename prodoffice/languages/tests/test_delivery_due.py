"""Language work takes its due date from the territory's delivery schedule (post)."""

from __future__ import annotations

import datetime

import pytest

from prodoffice.languages.services import desk
from prodoffice.post.models import Deliverable
from prodoffice.post.services.delivery import schedule_create
from tests.support.factories import ProductionFactory

from .factories import office

pytestmark = pytest.mark.django_db
FRANCE, LATAM = datetime.date(2027, 9, 1), datetime.date(2027, 8, 1)


@pytest.fixture
def desk_with_deliveries():
    production = ProductionFactory(code="DELIV")
    coord = office(production)
    schedule_create(actor=coord, production=production, territory="France", due=FRANCE,
                    languages=["fr"])  # fmt: skip
    schedule_create(actor=coord, production=production, territory="LATAM", due=LATAM,
                    languages=["es-419"])  # fmt: skip
    return production, coord


def _due(production, language, kind):
    row = Deliverable.objects.get(schedule__production=production, language=language, kind=kind)
    return row.due_date


def test_subtitles_and_dubbing_take_the_due_date_of_their_deliverable(desk_with_deliveries):
    production, coord = desk_with_deliveries
    subs = desk.work_item_create(actor=coord, production=production, language="es",
                                 kind="subtitles")  # fmt: skip
    assert subs.due_date == _due(production, "es-419", "subtitles")
    mix = desk.work_item_create(actor=coord, production=production, language="fr", kind="mix")
    assert mix.due_date == _due(production, "fr", "dubbed_version")


def test_a_date_given_wins_and_work_no_delivery_needs_has_none(desk_with_deliveries):
    production, coord = desk_with_deliveries
    given = datetime.date(2027, 5, 5)
    item = desk.work_item_create(actor=coord, production=production, language="fr",
                                 kind="subtitles", due_date=given)  # fmt: skip
    assert item.due_date == given
    german = desk.work_item_create(actor=coord, production=production, language="de",
                                   kind="subtitles")  # fmt: skip
    assert german.due_date is None
