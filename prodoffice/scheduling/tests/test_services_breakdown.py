"""The breakdown desk's services: elements in scenes, suggestions, the cast review, merges."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    SpeakingCharacter,
    SuggestionDismissal,
)
from prodoffice.scheduling.selectors.breakdown import cast_review, scene_sheet, scene_suggestions
from prodoffice.scheduling.services import breakdown as services
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import BREAKDOWN_DRAFT, FIRST_DRAFT
from tests.support.factories import EngagementFactory, position

pytestmark = pytest.mark.django_db


def _import(world, text=FIRST_DRAFT):
    script_import(
        actor=world.office, production=world.production, filename="s.fountain", data=text.encode()
    )


def _scene(world, number="1") -> Scene:
    return Scene.objects.get(
        script__production=world.production, script__is_current=True, number=number
    )


def _category(world, ucid) -> BreakdownCategory:
    return BreakdownCategory.objects.get(production=world.production, ucid=ucid)


@pytest.fixture
def storm(world):
    _import(world, BREAKDOWN_DRAFT)
    return world


def test_element_create_audited_and_refuses_blank_and_duplicate_names(storm):
    props = _category(storm, 104)
    umbrella = services.element_create(
        actor=storm.office, production=storm.production, category=props, name="  Red   umbrella "
    )
    assert umbrella.name == "Red umbrella"
    assert AuditEvent.objects.filter(
        action="breakdown.element_create", target_id=str(umbrella.pk)
    ).exists()
    with pytest.raises(ValidationError) as blank:
        services.element_create(
            actor=storm.office, production=storm.production, category=props, name=" "
        )
    assert "name" in blank.value.message_dict
    with pytest.raises(ValidationError):
        services.element_create(
            actor=storm.office, production=storm.production, category=props, name="red UMBRELLA"
        )
    assert Element.objects.filter(category=props).count() == 1


def test_element_create_refuses_other_production_category_and_scene_attribute(storm):
    other = services.categories_seed(actor=None, production=storm.other)[0]
    with pytest.raises(ValidationError) as exc:
        services.element_create(
            actor=storm.office, production=storm.production, category=other, name="Gun"
        )
    assert "category" in exc.value.message_dict
    with pytest.raises(ValidationError, match="scene attribute"):
        services.element_create(
            actor=storm.office, production=storm.production, category=_category(storm, 0), name="X"
        )


@pytest.mark.parametrize("persona", ["head", "executive", "crew_a"])
def test_only_the_office_breaks_down(storm, persona):
    scene = _scene(storm)
    with pytest.raises(PermissionDenied):
        services.element_create(
            actor=getattr(storm, persona),
            production=storm.production,
            category=_category(storm, 104),
            name="Gun",
        )
    with pytest.raises(PermissionDenied):
        services.suggestion_accept(actor=getattr(storm, persona), scene=scene, name="Gun", ucid=104)
    assert not Element.objects.filter(name="Gun").exists()


def test_scene_element_add_and_remove_are_audited(storm):
    scene = _scene(storm)
    candle = services.element_create(
        actor=storm.office,
        production=storm.production,
        category=_category(storm, 104),
        name="Candle",
    )
    services.scene_element_add(actor=storm.office, scene=scene, element=candle)
    assert SceneElement.objects.filter(scene=scene, element=candle, from_script=False).exists()
    with pytest.raises(ValidationError, match="already in the breakdown"):
        services.scene_element_add(actor=storm.office, scene=scene, element=candle)
    services.scene_element_remove(actor=storm.office, scene=scene, element=candle)
    assert not SceneElement.objects.filter(scene=scene, element=candle).exists()
    actions = list(
        AuditEvent.objects.filter(target_id=str(scene.pk)).values_list("action", flat=True)
    )
    assert "breakdown.scene_element_add" in actions and "breakdown.scene_element_remove" in actions


def test_a_speaking_character_cannot_be_removed_from_its_scene(storm):
    scene = _scene(storm)
    ann = Element.objects.get(production=storm.production, name__iexact="ann")
    with pytest.raises(ValidationError, match="speaks"):
        services.scene_element_remove(actor=storm.office, scene=scene, element=ann)
    assert SceneElement.objects.filter(scene=scene, element=ann).exists()


def test_scene_element_add_refuses_an_element_of_another_production(storm):
    other_props = next(
        c for c in services.categories_seed(actor=None, production=storm.other) if c.ucid == 104
    )
    foreign = Element.objects.create(production=storm.other, category=other_props, name="Gun")
    with pytest.raises(ValidationError) as exc:
        services.scene_element_add(actor=storm.office, scene=_scene(storm), element=foreign)
    assert "element" in exc.value.message_dict
    assert not SceneElement.objects.filter(element=foreign).exists()


def test_suggestions_from_the_text_then_accept_and_dismiss(storm):
    scene = _scene(storm)
    found = {(s.name, s.ucid) for s in scene_suggestions(scene)}
    assert ("Candle", 104) in found  # capitalised in an action line
    assert ("Diners", 101) in found and ("Crowd", 101) in found  # background lexicon
    assert ("Rain", 105) in found  # special effects lexicon
    assert not any(name.lower() in ("ann", "bob") for name, _ in found)  # characters, not props
    link = services.suggestion_accept(actor=storm.office, scene=scene, name="Candle", ucid=104)
    assert link.element.category.ucid == 104
    services.suggestion_dismiss(actor=storm.office, scene=scene, name="Rain", ucid=105)
    again = {(s.name, s.ucid) for s in scene_suggestions(scene)}
    assert ("Candle", 104) not in again and ("Rain", 105) not in again
    assert ("Diners", 101) in again
    assert SuggestionDismissal.objects.filter(scene=scene, key="105:rain").count() == 1
    # Dismissed per scene: another scene with rain would still offer it.
    assert AuditEvent.objects.filter(action="breakdown.suggestion_dismiss").count() == 1


def test_accepting_links_an_existing_element_instead_of_creating_one(storm):
    scene2 = _scene(storm, "2")
    dog = services.element_create(
        actor=storm.office, production=storm.production, category=_category(storm, 108), name="Dog"
    )
    assert ("Dog", 108) in {(s.name, s.ucid) for s in scene_suggestions(scene2)}
    services.suggestion_accept(actor=storm.office, scene=scene2, name="dog", ucid=108)
    assert Element.objects.filter(production=storm.production, name__iexact="dog").count() == 1
    assert SceneElement.objects.filter(scene=scene2, element=dog).exists()


def test_suggestion_accept_refuses_an_unknown_category(storm):
    with pytest.raises(ValidationError) as exc:
        services.suggestion_accept(actor=storm.office, scene=_scene(storm), name="X", ucid="999")
    assert "category" in exc.value.message_dict


def test_scene_sheet_groups_by_category_in_ucid_order(storm):
    groups = scene_sheet(_scene(storm))
    assert [g.category.ucid for g in groups][:3] == [100, 101, 102]
    assert len(groups) == 23
    cast = {e.name for e in groups[0].elements}
    assert cast == {"ANN", "BOB"}


def _cast_engagement(world, number, character=""):
    return EngagementFactory(
        production=world.production,
        position=position("Lead Actor"),
        cast_number=number,
        character=character,
    )


def test_cast_review_map_to_an_engagement_sets_board_id_and_clears_review(storm):
    bob = Element.objects.get(production=storm.production, name="BOB")
    assert bob.needs_review and bob in cast_review(storm.production)
    actor = _cast_engagement(storm, 7)
    services.element_cast_set(actor=storm.office, element=bob, engagement=actor)
    bob.refresh_from_db()
    assert (bob.engagement, bob.needs_review, bob.board_id) == (actor, False, "7")
    event = AuditEvent.objects.get(action="breakdown.element_cast_set")
    assert event.changes["engagement"] == [None, actor.pk]


def test_cast_review_refuses_crew_and_an_actor_already_playing_someone(storm):
    bob = Element.objects.get(production=storm.production, name="BOB")
    ann = Element.objects.get(production=storm.production, name="ANN")
    with pytest.raises(ValidationError, match="not in the cast"):
        services.element_cast_set(actor=storm.office, element=bob, engagement=storm.engagement_a)
    actor = _cast_engagement(storm, 3)
    services.element_cast_set(actor=storm.office, element=ann, engagement=actor)
    with pytest.raises(ValidationError, match="already plays ANN"):
        services.element_cast_set(actor=storm.office, element=bob, engagement=actor)
    with pytest.raises(ValidationError, match="another production"):
        services.element_cast_set(
            actor=storm.office, element=bob, engagement=storm.other_engagement
        )


def test_mark_reviewed(storm):
    bob = Element.objects.get(production=storm.production, name="BOB")
    services.element_mark_reviewed(actor=storm.office, element=bob)
    bob.refresh_from_db()
    assert not bob.needs_review
    assert AuditEvent.objects.filter(action="breakdown.element_review").count() == 1


def test_merge_bob_into_robert_moves_scenes_and_lines(storm):
    bob = Element.objects.get(production=storm.production, name="BOB")
    robert = Element.objects.get(production=storm.production, name="ROBERT")
    actor = _cast_engagement(storm, 4)
    services.element_cast_set(actor=storm.office, element=bob, engagement=actor)
    kept = services.element_merge(actor=storm.office, keep=robert, merge=bob)
    assert not Element.objects.filter(pk=bob.pk).exists()
    assert set(kept.scenes.values_list("scene__number", flat=True)) == {"1", "2"}
    assert set(SpeakingCharacter.objects.filter(element=kept).values_list("name", flat=True)) == {
        "BOB",
        "ROBERT",
    }
    assert (kept.engagement, kept.board_id, kept.needs_review) == (actor, "4", False)
    event = AuditEvent.objects.get(action="breakdown.element_merge")
    assert event.changes["merged"][0]["name"] == "BOB"


def test_merge_refusals_leave_both_elements(storm):
    bob = Element.objects.get(production=storm.production, name="BOB")
    candle = services.element_create(
        actor=storm.office,
        production=storm.production,
        category=_category(storm, 104),
        name="Candle",
    )
    with pytest.raises(ValidationError, match="same category"):
        services.element_merge(actor=storm.office, keep=bob, merge=candle)
    with pytest.raises(ValidationError, match="two different"):
        services.element_merge(actor=storm.office, keep=bob, merge=bob)
    with pytest.raises(PermissionDenied):
        services.element_merge(actor=storm.head, keep=bob, merge=candle)
    assert Element.objects.filter(pk__in=[bob.pk, candle.pk]).count() == 2


def test_element_update_changes_category_and_dood_rules(storm):
    candle = services.element_create(
        actor=storm.office,
        production=storm.production,
        category=_category(storm, 104),
        name="Candle",
    )
    services.element_update(
        actor=storm.office,
        element=candle,
        values={"category": _category(storm, 114), "drop_allowed": True, "drop_min_days": 14},
    )
    candle.refresh_from_db()
    assert (candle.category.ucid, candle.drop_allowed, candle.drop_min_days) == (114, True, 14)
    with pytest.raises(ValidationError):
        services.element_update(actor=storm.office, element=candle, values={"drop_min_days": 0})


def test_a_revision_carries_dismissals_and_old_drafts_are_read_only(storm):
    old_scene = _scene(storm)
    services.suggestion_dismiss(actor=storm.office, scene=old_scene, name="Rain", ucid=105)
    _import(storm, BREAKDOWN_DRAFT + "\nINT. HALL - DAY\n\nCAT runs.\n\nCAT\nGo!\n")
    new_scene = _scene(storm)
    assert new_scene.pk != old_scene.pk
    assert SuggestionDismissal.objects.filter(scene=new_scene, key="105:rain").exists()
    assert ("Rain", 105) not in {(s.name, s.ucid) for s in scene_suggestions(new_scene)}
    old_scene.refresh_from_db()
    with pytest.raises(ValidationError, match="earlier draft"):
        services.suggestion_accept(actor=storm.office, scene=old_scene, name="Candle", ucid=104)
    ann = Element.objects.get(production=storm.production, name="ANN")
    with pytest.raises(ValidationError, match="earlier draft"):
        services.scene_element_remove(actor=storm.office, scene=old_scene, element=ann)
    assert not Element.objects.filter(name="Candle").exists()
