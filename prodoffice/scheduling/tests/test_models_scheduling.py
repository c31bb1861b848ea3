"""Scheduling models: named constraints, clean(), scene number order, for_user() scoping."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    Script,
    scene_sort_key,
)
from prodoffice.scheduling.services.breakdown import (
    categories_seed,
    category_update,
    element_update,
)

pytestmark = pytest.mark.django_db


def make_script(production, **kwargs) -> Script:
    values = dict(revision_colour="White", source_filename="a.fountain", source_format="fountain",
                  sha256="0" * 64)  # fmt: skip
    return Script.objects.create(production=production, **(values | kwargs))


def make_scene(script, number="1", **kwargs) -> Scene:
    values = dict(sort_key=scene_sort_key(number), position=0, eighths=3) | kwargs
    return Scene.objects.create(script=script, number=number, **values)


def violates(name: str, create) -> None:
    """`create()` is refused by the database constraint called `name`."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        create()
    message = str(caught.value)
    # SQLite names the columns, not the constraint, of a plain unique constraint.
    assert name in message or (connection.vendor == "sqlite" and "UNIQUE" in message)


def test_scene_numbers_sort_as_the_trade_does():
    numbers = ["2", "A2", "1B", "1AA", "1A", "12", "1", "A1", "3"]
    assert sorted(numbers, key=scene_sort_key) == [
        "A1", "1", "1A", "1AA", "1B", "A2", "2", "3", "12"]  # fmt: skip


def test_scene_needs_at_least_an_eighth_unless_omitted(world):
    script = make_script(world.production)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_scene(script, eighths=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_scene(script, eighths=2, omitted=True)
    assert make_scene(script, "5", eighths=0, omitted=True).pages == "0"
    assert make_scene(script, "6", eighths=12).pages == "1 4/8"


def test_scene_number_unique_within_a_draft(world):
    script = make_script(world.production)
    make_scene(script, "12A")
    violates("scheduling_scene_unique_number", lambda: make_scene(script, "12A"))
    assert make_scene(make_script(world.production, is_current=False), "12A").number == "12A"


def test_one_current_script_per_production(world):
    make_script(world.production)
    violates("scheduling_script_one_current_per_production", lambda: make_script(world.production))
    make_script(world.production, is_current=False)
    assert make_script(world.other).is_current


def test_categories_renamable_unique_names_and_colours_checked(world):
    categories_seed(actor=world.office, production=world.production)
    props = BreakdownCategory.objects.get(production=world.production, ucid=104)
    category_update(actor=world.office, category=props, values={"name": "Action Props"})
    assert BreakdownCategory.objects.get(pk=props.pk).name == "Action Props"
    with pytest.raises(ValidationError) as caught:
        category_update(actor=world.office, category=props, values={"name": "stunts"})
    assert caught.value.messages
    with pytest.raises(ValidationError) as caught:
        category_update(actor=world.office, category=props, values={"colour": "purple"})
    assert "colour" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        category_update(actor=world.office, category=props, values={"ucid": 105})
    assert "ucid" in caught.value.message_dict


def test_seeding_twice_adds_nothing_and_keeps_renames(world):
    categories_seed(actor=None, production=world.production)
    BreakdownCategory.objects.filter(ucid=100).update(name="Cast")
    assert len(categories_seed(actor=None, production=world.production)) == 30
    assert BreakdownCategory.objects.get(production=world.production, ucid=100).name == "Cast"


def test_element_names_unique_per_category_ignoring_case(world):
    categories_seed(actor=None, production=world.production)
    cast, props = (
        BreakdownCategory.objects.get(production=world.production, ucid=ucid) for ucid in (100, 104)
    )
    Element.objects.create(production=world.production, category=cast, name="Ann", board_id="1")
    violates("scheduling_element_unique_name", lambda: Element.objects.create(
        production=world.production, category=cast, name="ANN"))  # fmt: skip
    violates("scheduling_element_unique_board_id", lambda: Element.objects.create(
        production=world.production, category=cast, name="Ben", board_id="1"))  # fmt: skip
    assert Element.objects.create(production=world.production, category=props, name="ann").pk


def test_element_clean_keeps_engagements_on_cast_of_the_same_production(world):
    categories_seed(actor=None, production=world.production)
    props = BreakdownCategory.objects.get(production=world.production, ucid=104)
    element = Element(production=world.production, category=props, name="Letter",
                      engagement=world.engagement_a)  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        element.full_clean()
    assert "engagement" in caught.value.message_dict
    element.engagement = world.other_engagement
    with pytest.raises(ValidationError) as caught:
        element.full_clean()
    assert "another production" in str(caught.value)


def test_element_dood_rules_updated_through_the_service_and_checked(world):
    categories_seed(actor=None, production=world.production)
    cast = BreakdownCategory.objects.get(production=world.production, ucid=100)
    ann = Element.objects.create(production=world.production, category=cast, name="Ann")
    element_update(actor=world.office, element=ann, values={"drop_allowed": True,
                                                           "drop_min_days": 14})  # fmt: skip
    ann.refresh_from_db()
    assert (ann.drop_allowed, ann.drop_min_days, ann.hold_allowed) == (True, 14, True)
    with pytest.raises(ValidationError):
        element_update(actor=world.office, element=ann, values={"drop_min_days": 0})
    violates("scheduling_element_drop_min_days",
             lambda: Element.objects.filter(pk=ann.pk).update(drop_min_days=0))  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("office", True), ("head", True), ("executive", True), ("crew_a", False),
     ("outsider", False), ("other_office", False)],
)  # fmt: skip
def test_scripts_scenes_and_elements_are_read_by_production_wide_roles(world, persona, sees):
    script = make_script(world.production)
    make_scene(script)
    categories_seed(actor=None, production=world.production)
    user = getattr(world, persona)
    assert Script.objects.for_user(user).exists() is sees
    assert Scene.objects.for_user(user).exists() is sees
    assert BreakdownCategory.objects.for_user(user).exists() is sees
    assert Script.objects.for_user(user, "change").exists() is (persona == "office")


def test_breakdown_changes_are_office_only_and_audited(world):
    categories_seed(actor=None, production=world.production)
    props = BreakdownCategory.objects.get(production=world.production, ucid=104)
    with pytest.raises(PermissionDenied):
        category_update(actor=world.head, category=props, values={"name": "Props!"})
    assert BreakdownCategory.objects.get(pk=props.pk).name == "Props"
    category_update(actor=world.office, category=props, values={"name": "Props!"})
    event = AuditEvent.objects.get(action="breakdown.category_update")
    assert event.changes == {"name": ["Props", "Props!"]}
