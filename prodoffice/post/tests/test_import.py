"""Importing cuts: known values of the samples, refusals with the reader's reason, versions."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.post.models import Cut, CutEvent, CutVersion
from prodoffice.post.reader import CutRefused, parse_rate, read_cut, timecode
from prodoffice.post.services.editorial import cut_import
from prodoffice.post.tests.edl import write_edl
from prodoffice.post.tests.factories import post_supervisor

EDITORIAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "editorial"
needs_shared = pytest.mark.skipif(not EDITORIAL.is_dir(), reason="../shared/data absent")


def sample(name: str, fps=24):
    return read_cut((EDITORIAL / name).read_bytes(), name, fps)


# --- the reader against the known values ----------------------------------------------------


@needs_shared
def test_screening_example_has_nine_clips_and_its_known_runtime():
    cut = sample("screening_example.edl")
    clips = [e for e in cut.events if e.kind == "clip"]
    assert len(clips) == 9 and cut.tracks == ["V1"]
    assert clips[0].clip_name == "ZZ100_501 (LAY3)"
    assert timecode(clips[0].record_out - clips[0].record_in, cut.fps) == "00:00:01:07"
    assert timecode(cut.duration_frames, cut.fps) == "00:00:43:17"


@needs_shared
def test_25fps_clip_durations():
    cut = sample("25fps.edl", 25)
    assert cut.fps == 25
    assert [e.record_out - e.record_in for e in cut.events] == [161, 200, 86, 49]


@needs_shared
def test_gap_test_reads_clip_gap_clip_gap_clip():
    cut = sample("gap_test.edl")
    assert [e.kind for e in cut.events] == ["clip", "gap", "clip", "gap", "clip"]
    assert [e.record_out - e.record_in for e in cut.events] == [24, 16, 24, 38, 24]
    assert cut.duration_frames == 126


@needs_shared
def test_dissolve_reads_four_items_one_a_transition():
    cut = sample("dissolve_test.edl")
    assert len(cut.events) == 4 and cut.count("transition") == 1


@needs_shared
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("dissolve_test_fail.edl", "transition and event id mismatch"),
        ("timecode_mismatch.edl", "Timecode '01:00:01:24' has frames beyond 23"),
    ],
)
def test_refused_samples_give_the_readers_reason(name, reason):
    with pytest.raises(CutRefused, match=reason):
        sample(name)


@needs_shared
def test_other_formats_multi_track_xml_and_otio():
    premiere = sample("premiere_example.xml")
    assert premiere.tracks == ["V1", "V2", "V3", "V4", "A1", "A2", "A3", "A4"]
    assert premiere.format == "fcp_xml"
    assert sample("multi_audio.edl").tracks == ["A1", "A2"]
    assert sample("transition.otio").count("transition") == 1
    assert sample("simple_cut.otio").count("clip") == 4


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "a.edl", "empty"),
        (b"\x00\x01\x02PK", "a.edl", "binary"),
        (b"TITLE: x\n", "a.mov", "not a cut file"),
        (
            b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><xmeml>&a;</xmeml>",
            "a.xml",
            "entities",
        ),
    ],
)
def test_empty_binary_foreign_and_entity_files_are_refused(data, name, reason):
    with pytest.raises(CutRefused, match=reason):
        read_cut(data, name)


def test_frame_rates_are_exact_and_unknown_ones_refused():
    assert parse_rate("23.976") == Fraction(24000, 1001)
    assert parse_rate(25) == 25
    with pytest.raises(CutRefused, match="Unknown frame rate '17'"):
        parse_rate("17")


# --- the import service ---------------------------------------------------------------------


@pytest.mark.django_db
def test_import_keeps_every_version_with_its_events_and_hash(world):
    data = write_edl([("A", 0, 48), ("B", 100, 124)])
    first = cut_import(
        actor=world.office,
        production=world.production,
        data=data,
        filename="reel1.edl",
        name="Feature",
    )
    second = cut_import(
        actor=world.office,
        production=world.production,
        data=write_edl([("A", 0, 40)]),
        filename="reel1.edl",
        name="feature",
    )
    assert (first.number, second.number) == (1, 2) and first.cut_id == second.cut_id
    assert first.fps == 24 and first.duration == "00:00:03:00" and first.clip_count == 2
    assert list(first.events.values_list("clip_name", "record_in", "record_out")) == [
        ("A", 0, 48),
        ("B", 48, 72),
    ]
    assert first.source_file.read() == data and len(first.sha256) == 64
    assert first.reference == "NIGHTJAR:Feature:v1"
    assert AuditEvent.objects.filter(action="cut.import").count() == 2


@pytest.mark.django_db
def test_post_supervisor_imports_other_heads_and_crew_do_not(world):
    data = write_edl([("A", 0, 48)])
    sup = post_supervisor(world.production)
    assert cut_import(actor=sup, production=world.production, data=data, filename="a.edl")
    for who in (world.head, world.crew_a, world.executive, world.other_office):
        with pytest.raises(PermissionDenied):
            cut_import(actor=who, production=world.production, data=data, filename="a.edl")
    assert CutVersion.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_file_writes_nothing_and_names_the_file_field(world):
    with pytest.raises(ValidationError) as exc:
        cut_import(
            actor=world.office,
            production=world.production,
            data=b"junk\n",
            filename="a.edl",
            fps="17",
        )
    assert "file" in exc.value.message_dict
    assert not Cut.objects.exists() and not CutEvent.objects.exists()
