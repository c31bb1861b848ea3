"""`prodoffice subtitles qc` keeps its contract: JSON shape, exit 0 when read, 1 with the reason."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .helpers import SAMPLES, needs_samples, srt

RULES = [
    "chars_per_line",
    "lines",
    "reading_speed",
    "min_duration",
    "max_duration",
    "gap",
    "overlap",
    "empty",
]


def qc_json(path, *args) -> dict:
    out = StringIO()
    call_command("subtitles", "qc", str(path), *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_contract(tmp_path):
    path = tmp_path / "a.srt"
    path.write_text(srt((0, 2000, "Hello."), (2000, 4000, "x" * 43)), encoding="utf-8")
    answer = qc_json(path, "--language", "en", "--fps", "24")
    assert answer["events"] == 2 and answer["format"] == "srt" and answer["encoding"] == "utf-8"
    assert list(answer["counts"]) == RULES
    assert answer["counts"]["gap"] == 1 and answer["counts"]["chars_per_line"] == 1
    assert answer["violations"][0] == {
        "event": 2,
        "rule": "chars_per_line",
        "start": "00:00:02.000",
        "message": "line 1 has 43 characters; at most 42",
    }


def test_unreadable_file_exits_1_with_the_reason(tmp_path):
    path = tmp_path / "bad.srt"
    path.write_bytes(b"1\n00:00:01 --> 00:00:10\nNo millis\n")
    with pytest.raises(CommandError, match="line 2: times without milliseconds") as caught:
        call_command("subtitles", "qc", str(path), "--language", "en")
    assert caught.value.returncode == 1


def test_missing_file_and_unknown_language(tmp_path):
    with pytest.raises(CommandError, match="cannot be read") as caught:
        call_command("subtitles", "qc", str(tmp_path / "none.srt"), "--language", "en")
    assert caught.value.returncode == 1
    path = tmp_path / "a.srt"
    path.write_text(srt((0, 2000, "Hello.")))
    with pytest.raises(CommandError, match=r"--language: .*not a known language code"):
        call_command("subtitles", "qc", str(path), "--language", "xx-nonsense-1")


def test_text_output_lists_each_violation(tmp_path):
    path = tmp_path / "a.srt"
    path.write_text(srt((0, 500, "Hi.")))
    out = StringIO()
    call_command("subtitles", "qc", str(path), "--language", "en", stdout=out)
    assert (
        "#1 00:00:00.000 min_duration: lasts 12 frames (0.5 s); at least 0.833 s" in out.getvalue()
    )


def test_convert_srt_to_vtt_and_ttml_round_trip(tmp_path):
    path = tmp_path / "a.srt"
    path.write_text(srt((1000, 3000, "Hello."), (4000, 6500, "Again.")))
    for target in ("vtt", "ttml", "ass"):
        out = tmp_path / f"a.{target}"
        call_command(
            "subtitles",
            "convert",
            str(path),
            "--to",
            target,
            "--output",
            str(out),
            stdout=StringIO(),
        )
        answer = qc_json(out, "--language", "en")
        assert answer["format"] == target and answer["events"] == 2
        assert answer["violations"] == []


# --- the shared samples (../shared/data/subtitles; skipped when absent) --------------------------

READABLE = {
    "sample.vtt": (16, "vtt", "utf-8"),
    "sample.srt": (5, "srt", "utf-8"),
    "captions_with_bom.vtt": (4, "vtt", "utf-8"),
    "using_identifiers.vtt": (6, "vtt", "utf-8"),
    "styles.vtt": (1, "vtt", "utf-8"),
    "invalid_timeframe_in_cue_text.vtt": (4, "vtt", "utf-8"),
    "sample.en.srt": (8, "srt", "utf-8"),
    "sample.es.srt": (5, "srt", "utf-8"),
    "ascii.srt": (3, "srt", "utf-8"),
    "gb2312.srt": (3, "srt", "gb2312"),
    "bom-utf-16-le.srt": (7, "srt", "utf-16-le"),
    "tiny.srt": (1, "srt", "utf-8"),
    "ttml_example.ttml": (9, "ttml", "utf-8"),
    "no-indexes.srt": (7, "srt", "utf-8"),
}
REFUSED = {
    "empty.vtt": "empty",
    "invalid.vtt": "no WebVTT header",
    "invalid.srt": "times without milliseconds",
    "invalid_timeframe.vtt": "line 6: malformed timing",
    "missing_timeframe.srt": "line 5: missing timing",
}


@needs_samples
@pytest.mark.parametrize("name", sorted(READABLE))
def test_shared_samples_read(name):
    events, fmt, encoding = READABLE[name]
    answer = qc_json(SAMPLES / name, "--language", "zh" if name.startswith("gb") else "en")
    assert (answer["events"], answer["format"], answer["encoding"]) == (events, fmt, encoding)


@needs_samples
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_shared_malformed_samples_refused(name):
    with pytest.raises(CommandError, match=REFUSED[name]) as caught:
        call_command("subtitles", "qc", str(SAMPLES / name), "--language", "en")
    assert caught.value.returncode == 1


@needs_samples
def test_known_values_of_the_samples():
    poem = qc_json(SAMPLES / "poem.es.srt", "--language", "es")
    assert poem["counts"]["chars_per_line"] >= 1
    assert any("72 characters" in v["message"] for v in poem["violations"])
    gb = qc_json(SAMPLES / "gb2312.srt", "--language", "zh")
    assert gb["counts"]["chars_per_line"] == 1
    cue = qc_json(SAMPLES / "invalid_timeframe_in_cue_text.vtt", "--language", "en")
    assert [v["event"] for v in cue["violations"] if v["rule"] == "empty"] == [2]
