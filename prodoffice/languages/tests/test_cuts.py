"""Cut awareness: subtitles timed against a cut version, shot changes from its events, and a new
cut version flagging the events its changes touch and reopening the work."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from prodoffice.languages import selectors
from prodoffice.languages.cut import shot_changes
from prodoffice.languages.models import CutImpact
from prodoffice.languages.services import cuts, desk, subtitles
from prodoffice.post.selectors import version_events
from prodoffice.post.services.editorial import cut_import
from prodoffice.post.tests.edl import write_edl
from tests.support.factories import ProductionFactory

from .factories import WorkItemFactory, office
from .helpers import srt

pytestmark = pytest.mark.django_db

# Three shots of 48 frames at 24 fps: cuts at frames 48 and 96, runtime 144.
V1 = [("A", 0, 48), ("B", 100, 148), ("C", 200, 248)]
# Shot B trimmed by 12 frames at its tail: C now starts at frame 84.
V2 = [("A", 0, 48), ("B", 100, 136), ("C", 200, 248)]


@pytest.fixture
def setup():
    production = ProductionFactory(code="CUTS")
    coord = office(production)
    v1 = cut_import(
        actor=coord, production=production, data=write_edl(V1), filename="v1.edl", name="Main"
    )
    return production, coord, v1


def upload(production, coord, cut_version, events, fps=None):
    return subtitles.subtitle_version_upload(
        actor=coord,
        production=production,
        language="es",
        name="Main ES",
        filename="es.srt",
        data=srt(*events).encode(),
        cut_version=cut_version,
        fps=fps,
    )


def test_shot_changes_come_from_the_cut_events(setup):
    _, _, v1 = setup
    assert shot_changes(version_events(v1)) == (48, 96)


def test_qc_against_the_cut_flags_shot_changes_and_runtime(setup):
    production, coord, v1 = setup
    # Out-cue at frame 42 is 6 frames before the cut at 48; the second ends after frame 144.
    version = upload(production, coord, v1, [(0, 1750, "Hola."), (4000, 6500, "Adiós.")])
    assert version.cut_version == v1 and version.fps == 24
    report = selectors.version_report(version)
    assert {(v.event, v.rule) for v in report.violations} == {
        (1, "shot_change"),
        (2, "outside_runtime"),
    }
    assert version.qc_counts["shot_change"] == 1 and version.qc_counts["outside_runtime"] == 1


def test_a_frame_rate_other_than_the_cuts_is_refused(setup):
    production, coord, v1 = setup
    with pytest.raises(ValidationError) as caught:
        upload(production, coord, v1, [(0, 1000, "Hola.")], fps="25")
    assert "24" in caught.value.message_dict["fps"][0]


def test_a_cut_version_of_another_production_is_refused(setup):
    production, coord, _ = setup
    other = ProductionFactory(code="OTHER")
    theirs = cut_import(
        actor=None, production=other, data=write_edl(V1), filename="v1.edl", name="Main"
    )
    with pytest.raises(ValidationError, match="does not exist on this production"):
        upload(production, coord, theirs, [(0, 1000, "Hola.")])


def test_new_cut_flags_the_events_a_change_covers_and_reopens_work(setup):
    production, coord, v1 = setup
    # Event 1 under shot A (unchanged), event 2 under B's trimmed tail (frames 84-96 old), event 3
    # under C (moved? no: C keeps its order and source, so only B changed).
    version = upload(
        production, coord, v1, [(0, 1500, "Uno."), (3600, 3900, "Dos."), (4100, 5500, "Tres.")]
    )
    approved = WorkItemFactory(
        production=production, subtitle_file=version.subtitle_file, status="approved"
    )
    open_item = WorkItemFactory(
        production=production, subtitle_file=version.subtitle_file, status="open"
    )
    # The import itself reviews the subtitles timed against v1 (post's cut_version_added hook).
    v2 = cut_import(
        actor=coord, production=production, data=write_edl(V2), filename="v2.edl", name="Main"
    )
    impact = CutImpact.objects.get(subtitle_version=version)
    assert impact.cut_version == v2 and impact.events == [2] and impact.reopened == 1
    # A review run again by hand flags the same events and reopens nothing twice.
    [again] = cuts.subtitles_on_new_cut(actor=coord, new_cut=v2)
    assert again.pk == impact.pk and again.events == [2] and again.reopened == 0
    approved.refresh_from_db()
    open_item.refresh_from_db()
    assert (approved.status, open_item.status) == ("reopened", "open")
    desk.work_item_transition(actor=coord, item=approved, status="in_progress")


def test_review_refuses_an_older_or_unrelated_cut(setup):
    production, coord, v1 = setup
    version = upload(production, coord, None, [(0, 1500, "Uno.")], fps="24")
    with pytest.raises(ValidationError, match="not linked to a cut version"):
        cuts.subtitle_cut_review(actor=coord, version=version, new_cut=v1)
    linked = upload(production, coord, v1, [(0, 1500, "Uno.")])
    with pytest.raises(ValidationError, match="not a later version"):
        cuts.subtitle_cut_review(actor=coord, version=linked, new_cut=v1)


def test_cli_cut_review_names_the_events_and_refuses_an_unknown_version(setup):
    import json
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    production, coord, v1 = setup
    upload(production, coord, v1, [(0, 1500, "Uno."), (3600, 3900, "Dos.")])
    cut_import(
        actor=coord, production=production, data=write_edl(V2), filename="v2.edl", name="Main"
    )
    out = StringIO()
    call_command("subtitles", "cut-review", "CUTS:Main:v2", "--json", stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["cut_version"] == "CUTS:Main:v2"
    assert [t["events"] for t in answer["tracks"]] == [[2]]
    with pytest.raises(CommandError, match="no such cut version") as caught:
        call_command("subtitles", "cut-review", "CUTS:Main:v9")
    assert caught.value.returncode == 1
