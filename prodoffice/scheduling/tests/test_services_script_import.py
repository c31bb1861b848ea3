"""script_import: first drafts, revisions, cast mapping, refusals, permissions, audit."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    Script,
    SpeakingCharacter,
)
from prodoffice.scheduling.selectors.script import script_current, script_scenes, script_summary
from prodoffice.scheduling.services.breakdown import categories_seed
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import (
    FDX,
    FIRST_DRAFT,
    OTHER_SCRIPT,
    SECOND_DRAFT,
)
from tests.support.factories import EngagementFactory, position

pytestmark = pytest.mark.django_db


def load(world, text, filename: str = "letter.fountain", actor="office", **kwargs):
    """Import a script (text or bytes) into the world's production as a persona (None: CLI)."""
    user = getattr(world, actor) if actor else None
    data = text if isinstance(text, bytes) else text.encode()
    return script_import(
        actor=user, production=world.production, filename=filename, data=data, **kwargs
    )


@pytest.fixture
def ann(world):
    """A cast engagement playing Ann, cast number 1."""
    return EngagementFactory(
        production=world.production,
        position=position("Lead Actor"),
        cast_number=1,
        character="Ann",
    )


def test_first_draft_creates_scenes_white_and_current(world):
    report = load(world, FIRST_DRAFT)
    script = script_current(world.production)
    assert (report.scenes, report.pages_eighths) == (3, 6)
    assert report.speaking_characters == ["ANN", "BEN", "CAT"]
    assert (script.revision_colour, script.title, script.source_format) == (
        "White", "The Letter", "fountain")  # fmt: skip
    assert len(script.sha256) == 64 and report.script_id == str(script.public_id)
    assert (
        script.revision_date
        == timezone.localtime(timezone=ZoneInfo(world.production.time_zone)).date()
    )
    first = Scene.objects.get(script=script, number="1")
    assert (first.int_ext, first.set_name, first.time_of_day, first.day_night) == (
        "INT", "FLAT", "NIGHT", "N")  # fmt: skip
    assert first.synopsis == "Ann opens the envelope."
    assert first.screen_seconds == first.eighths * 60 // 8
    assert script_summary(script) == {
        "scenes": 3, "pages_eighths": 6, "speaking_characters": ["ANN", "BEN", "CAT"]}  # fmt: skip


def test_import_seeds_the_23_categories_and_the_scene_attributes(world):
    load(world, FIRST_DRAFT)
    categories = BreakdownCategory.objects.filter(production=world.production)
    assert categories.filter(kind="element").count() == 23
    assert categories.filter(kind="scene").count() == 7
    assert categories.get(ucid=100).name == "Cast Members"


def test_speaking_characters_map_to_cast_engagements_by_character(world, ann):
    report = load(world, FIRST_DRAFT)
    element = Element.objects.get(production=world.production, engagement=ann)
    assert (element.name, element.board_id, element.needs_review) == ("ANN", "1", False)
    assert report.cast_matched == ["ANN"]
    assert report.cast_to_review == ["BEN", "CAT"]
    unmatched = Element.objects.needing_review().filter(production=world.production)
    assert sorted(unmatched.values_list("name", flat=True)) == ["BEN", "CAT"]
    assert SpeakingCharacter.objects.filter(element=element).count() == 2
    assert SceneElement.objects.filter(element=element, from_script=True).count() == 2


def test_fdx_keeps_its_scene_numbers(world):
    report = load(world, FDX, filename="office.fdx")
    script = Script.objects.get(production=world.production)
    assert script.source_format == "fdx"
    assert list(script.scenes.values_list("number", flat=True)) == ["4", "5"]
    assert report.speaking_characters == ["ANN", "BEN"]


def test_import_is_audited_with_the_cli_source_when_no_actor(world):
    load(world, FIRST_DRAFT, actor=None)
    event = AuditEvent.objects.get(action="script.import")
    assert event.production_id == world.production.pk
    assert event.actor is None and "3 scenes" in event.message


def test_dry_run_reports_and_saves_nothing(world):
    report = load(world, FIRST_DRAFT, dry_run=True)
    assert report.dry_run and report.scenes == 3 and report.script_id is None
    assert not Script.objects.exists() and not Element.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="script").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary file"),
        (b"%PDF-1.4\n", "This is a PDF"),
        ("Just a shopping list.\nEggs.\n", "does not look like a screenplay"),
        ("<FinalDraft>\n<Content>", "Broken XML"),
        ("INT. A - DAY #3#\n\nx\n\nINT. B - DAY #3#\n\ny\n", "used twice"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(world, data, message):
    with pytest.raises(ValidationError) as caught:
        load(world, data, filename="bad.fdx" if data[:1] in ("<", b"<") else "bad.fountain")
    assert message in " ".join(caught.value.message_dict["file"])
    assert not Script.objects.exists() and not BreakdownCategory.objects.exists()


def test_a_failure_late_in_the_import_rolls_everything_back(world, monkeypatch):
    def boom(*args, **kwargs):
        raise ValidationError("late failure")

    monkeypatch.setattr("prodoffice.scheduling.services.script.record", boom)
    with pytest.raises(ValidationError):
        load(world, FIRST_DRAFT)
    assert not Scene.objects.exists() and not Element.objects.exists()
    assert not BreakdownCategory.objects.exists()


@pytest.mark.parametrize("persona", ["crew_a", "head", "executive", "outsider", "other_office"])
def test_only_office_staff_import(world, persona):
    with pytest.raises(PermissionDenied):
        load(world, FIRST_DRAFT, actor=persona)
    assert not Script.objects.exists()


def test_revision_locks_numbers_inserts_12a_style_and_keeps_cut_scenes(world):
    load(world, FIRST_DRAFT)
    report = load(world, SECOND_DRAFT, filename="letter-blue.fountain")
    assert (report.added, report.omitted, report.changed) == (["1A"], ["3"], ["2"])
    assert report.is_revision and report.revision_colour == "Blue"
    current = script_current(world.production)
    scenes = {s.number: s for s in script_scenes(current)}
    assert list(scenes) == ["1", "1A", "2", "3"]
    assert scenes["1A"].set_name == "HALLWAY" and scenes["1A"].status == "added"
    assert scenes["3"].omitted and scenes["3"].eighths == 0 and str(scenes["3"]) == "3 OMITTED"
    assert scenes["1"].previous.script.revision_colour == "White"
    assert script_summary(current)["scenes"] == 3
    assert Script.objects.filter(production=world.production, is_current=True).count() == 1


def test_revision_carries_hand_made_breakdown_forward(world):
    load(world, FIRST_DRAFT)
    white = script_current(world.production)
    props = BreakdownCategory.objects.get(production=world.production, ucid=104)
    letter = Element.objects.create(production=world.production, category=props, name="Letter")
    cup = Element.objects.create(production=world.production, category=props, name="Cup")
    SceneElement.objects.create(scene=white.scenes.get(number="1"), element=letter)
    SceneElement.objects.create(scene=white.scenes.get(number="3"), element=cup)
    load(world, SECOND_DRAFT, filename="blue.fountain")
    blue = script_current(world.production)
    assert blue.scenes.get(number="1").breakdown.filter(element=letter).exists()
    assert blue.scenes.get(number="3").breakdown.filter(element=cup).exists()
    new_speaker = Element.objects.get(production=world.production, name="DAN")
    assert new_speaker.needs_review


def test_a_revision_links_a_character_engaged_since_the_first_draft(world):
    load(world, FIRST_DRAFT)
    ben = EngagementFactory(
        production=world.production, position=position("Lead Actor"), cast_number=2,
        character="ben",
    )  # fmt: skip
    report = load(world, SECOND_DRAFT, filename="blue.fountain")
    element = Element.objects.get(production=world.production, name="BEN")
    assert (element.engagement, element.board_id, element.needs_review) == (ben, "2", False)
    assert "BEN" in report.cast_matched


def test_same_draft_twice_is_refused(world):
    load(world, FIRST_DRAFT)
    with pytest.raises(ValidationError) as caught:
        load(world, FIRST_DRAFT)
    assert caught.value.error_dict["file"][0].code == "duplicate"


def test_a_draft_sharing_no_scene_is_refused_as_another_production(world):
    load(world, FIRST_DRAFT)
    with pytest.raises(ValidationError) as caught:
        load(world, OTHER_SCRIPT, filename="space.fountain")
    assert caught.value.error_dict["file"][0].code == "unrelated_draft"
    assert Script.objects.count() == 1 and script_current(world.production).title == "The Letter"


def test_revision_colour_by_name_in_any_case_or_refused(world):
    report = load(world, FIRST_DRAFT, revision_colour="pink")
    assert report.revision_colour == "Pink"
    with pytest.raises(ValidationError) as caught:
        load(world, SECOND_DRAFT, revision_colour="Mauve")
    assert "revision_colour" in caught.value.message_dict
    assert load(world, SECOND_DRAFT).revision_colour == "Yellow"


def generated(scenes: int) -> str:
    """A script of `scenes` scenes, each with its own speaking character."""
    return "\n".join(
        f"INT. ROOM {n} - DAY\n\nSomeone waits in room {n}.\n\nPERSON {n}\nHello from {n}.\n"
        for n in range(1, scenes + 1)
    )


def queries_to_import(world, text: str, filename: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        load(world, text, filename=filename)
    return len(queries)


def test_import_queries_do_not_grow_with_scenes_or_characters(world):
    categories_seed(actor=world.office, production=world.production)  # also caches memberships
    small = queries_to_import(world, generated(3), "small.fountain")
    Script.objects.all().delete()
    Element.objects.all().delete()
    large = queries_to_import(world, generated(40), "large.fountain")
    assert large == small
    revision = queries_to_import(world, generated(41), "revision.fountain")
    # Old scenes, their breakdown, new links, retiring the old draft, the boards to carry along,
    # dismissed suggestions.
    assert revision == small + 6
    assert script_current(world.production).scenes.count() == 41


@pytest.mark.parametrize(
    ("encoding", "newline"), [("utf-16", "\r\n"), ("cp1252", "\r\n"), ("utf-8-sig", "\n")]
)
def test_any_writer_encoding_and_line_ending_imports(world, encoding, newline):
    text = FIRST_DRAFT.replace("BEN", "JOSÉ").replace("Burn it.", "“Burn it.”")
    report = load(world, text.replace("\n", newline).encode(encoding))
    assert report.speaking_characters == ["ANN", "JOSÉ", "CAT"]
    scene = Scene.objects.get(script__production=world.production, number="1")
    assert "“Burn it.”" in scene.text and "\r" not in scene.text


def test_a_file_too_big_to_be_a_script_is_refused_before_reading(world, monkeypatch):
    monkeypatch.setattr("prodoffice.scheduling.services.script.MAX_SCRIPT_BYTES", 100)
    with pytest.raises(ValidationError) as caught:
        load(world, FIRST_DRAFT)
    assert "too big" in caught.value.message_dict["file"][0]


def test_a_heading_without_a_set_imports_with_a_warning(world):
    report = load(world, "INT. A - DAY\n\nx\n\nINT. - NIGHT\n\ny\n")
    assert report.scenes == 2
    assert report.warnings == [
        "scene 2, line 5: no set found in the heading: the set is “INT. - NIGHT” until corrected"
    ]
    assert Scene.objects.get(number="2").set_name == "INT. - NIGHT"


def test_new_script_starts_a_new_white_script_instead_of_a_revision(world):
    load(world, FIRST_DRAFT, revision_colour="pink")
    first = script_current(world.production)
    report = load(world, OTHER_SCRIPT, filename="space.fountain", new_script=True)
    assert report.new_script and not report.is_revision
    assert report.revision_colour == "White" and report.added == []
    current = script_current(world.production)
    assert current.pk != first.pk and current.source_filename == "space.fountain"
    assert Script.objects.filter(pk=first.pk, is_current=False).exists()
    assert not Scene.objects.filter(script=current, previous__isnull=False).exists()
    audit = AuditEvent.objects.filter(action="script.import").latest("pk")
    assert audit.changes["new_script"] is True


def test_new_script_dry_run_keeps_the_current_script(world):
    load(world, FIRST_DRAFT)
    report = load(world, OTHER_SCRIPT, filename="space.fountain", new_script=True, dry_run=True)
    assert report.new_script and report.dry_run
    assert script_current(world.production).title == "The Letter"
