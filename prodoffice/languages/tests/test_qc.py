"""The QC engine (pure, no database): each rule at its boundaries, exact frame time, reading."""

from __future__ import annotations

from fractions import Fraction

import pytest

from prodoffice.languages import qc
from prodoffice.languages.qc.timing import ms_to_frame

from .helpers import srt

FPS24, FPS25, FPS23976 = Fraction(24), Fraction(25), Fraction(24000, 1001)
OK_LINE = "A line of words"


def report(text: str, language: str = "en", fps: Fraction = FPS24, **kwargs) -> qc.Report:
    document = qc.read_bytes(text.encode("utf-8"), filename="t.srt")
    return qc.run_qc(document, profile=qc.default_profile(language), fps=fps, **kwargs)


def rules_of(rep: qc.Report, event: int) -> set[str]:
    return {v.rule for v in rep.violations if v.event == event}


# --- characters per line: every character counts, tags do not -----------------------------------


@pytest.mark.parametrize(
    ("language", "limit"),
    [("en", 42), ("fr", 42), ("zh", 16), ("ko", 16), ("ja", 13), ("zh-Hant", 16)],
)
def test_chars_per_line_limit_is_inclusive_per_script(language, limit):
    char = "x" if limit == 42 else "字"
    rep = report(srt((0, 4000, char * limit), (5000, 9000, char * (limit + 1))), language)
    assert rules_of(rep, 1) == set()
    assert "chars_per_line" in rules_of(rep, 2)
    assert rep.counts["chars_per_line"] == 1


def test_spaces_and_punctuation_count_formatting_tags_do_not():
    exactly_42 = "Well, well... what have we here? A ghost!!"
    assert len(exactly_42) == 42
    rep = report(srt((0, 4000, f"<i>{exactly_42}</i>"), (5000, 9000, "- " + exactly_42)))
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"chars_per_line"}


def test_more_than_two_lines_is_flagged():
    rep = report(srt((0, 4000, "one\ntwo"), (5000, 9000, "one\ntwo\nthree")))
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"lines"}


# --- durations at 24 and 25 fps ------------------------------------------------------------------


def test_min_duration_exactly_five_sixths_of_a_second_at_24fps():
    # 833 ms snaps to frame 20 = 5/6 s exactly; 792 ms to frame 19.
    rep = report(srt((0, 833, "Hi."), (2000, 2792, "Hi.")))
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"min_duration"}


def test_min_duration_at_25fps_needs_21_frames():
    # 5/6 s is 20.83 frames at 25 fps: 21 frames (840 ms) pass, 20 frames (800 ms) do not.
    rep = report(srt((0, 840, "Hi."), (2000, 2800, "Hi.")), fps=FPS25)
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"min_duration"}


def test_max_duration_seven_seconds_inclusive():
    rep = report(srt((0, 7000, OK_LINE), (8000, 15042, OK_LINE)))
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"max_duration"}


# --- reading speed -------------------------------------------------------------------------


def test_reading_speed_adult_english_20_cps_inclusive():
    rep = report(srt((0, 2000, "x" * 40), (3000, 5000, "x" * 41)))
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"reading_speed"}


def test_reading_speed_children_and_other_languages():
    assert qc.default_profile("en", children=True).max_cps == 17
    assert qc.default_profile("es").max_cps == 17
    assert qc.default_profile("es", children=True).max_cps == 13
    rep = report(srt((0, 2000, "x" * 34), (3000, 5000, "x" * 35)), "es")
    assert [rules_of(rep, 1), rules_of(rep, 2)] == [set(), {"reading_speed"}]


# --- gap and overlap at 23.976 and 25 fps ---------------------------------------------------------


def test_gap_of_two_frames_at_23976_passes_one_frame_fails():
    # 1000 ms is frame 24 at 24000/1001; 1084 ms is frame 26 (gap 2), 1043 ms frame 25 (gap 1).
    rep = report(
        srt(
            (0, 1000, OK_LINE),
            (1084, 3000, OK_LINE),
            (5000, 6000, OK_LINE),
            (6000 + 43, 8000, OK_LINE),
        ),
        fps=FPS23976,
    )
    assert ms_to_frame(1084, FPS23976) - ms_to_frame(1000, FPS23976) == 2
    assert rules_of(rep, 2) == set()
    assert rules_of(rep, 4) == {"gap"}


def test_gap_of_two_frames_at_25fps():
    rep = report(
        srt(
            (0, 1000, OK_LINE), (1080, 3000, OK_LINE), (5000, 6000, OK_LINE), (6040, 8000, OK_LINE)
        ),
        fps=FPS25,
    )
    assert rules_of(rep, 2) == set()
    assert rules_of(rep, 4) == {"gap"}


def test_overlap_and_empty():
    rep = report(srt((0, 3000, OK_LINE), (2000, 4000, OK_LINE), (6000, 8000, "<i> </i>")))
    assert rules_of(rep, 2) == {"overlap"}
    assert rules_of(rep, 3) == {"empty"}
    assert rep.counts["overlap"] == 1 and rep.counts["empty"] == 1


def test_counts_are_events_not_violations():
    rep = report(srt((0, 4000, "x" * 50 + "\n" + "y" * 50)))
    assert len([v for v in rep.violations if v.rule == "chars_per_line"]) == 2
    assert rep.counts["chars_per_line"] == 1


# --- cut-aware rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(("distance", "flagged"), [(2, False), (3, True), (11, True), (12, False)])
def test_out_cue_within_3_to_11_frames_before_a_shot_change(distance, flagged):
    # The out-cue is frame 48 (2000 ms at 24 fps).
    cut = qc.CutContext(runtime_frames=10_000, shot_changes=(48 + distance,))
    rep = report(srt((0, 2000, OK_LINE)), cut=cut)
    assert ("shot_change" in rules_of(rep, 1)) is flagged


def test_event_outside_the_runtime():
    cut = qc.CutContext(runtime_frames=240)
    rep = report(srt((0, 2000, OK_LINE), (9000, 10_500, OK_LINE)), cut=cut)
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"outside_runtime"}
    assert rep.counts["outside_runtime"] == 1


def test_glossary_flags_an_agreed_term_rendered_another_way():
    terms = [
        qc.GlossaryTerm(term="Old Harbour", rendering="Viejo Puerto", variants=("Puerto Antiguo",))
    ]
    rep = report(
        srt((0, 3000, "Vamos al Viejo Puerto."), (4000, 7000, "Vamos al puerto antiguo.")),
        "es",
        glossary=terms,
    )
    assert rules_of(rep, 1) == set()
    assert rules_of(rep, 2) == {"glossary"}


# --- exact time -----------------------------------------------------------------------------------


def test_no_floating_point_drift_over_two_hours_at_23976():
    fps = FPS23976
    for frame in range(0, 2 * 3600 * 24, 997):
        ms = round(Fraction(frame) / fps * 1000)
        assert ms_to_frame(ms, fps) == frame


@pytest.mark.parametrize(
    ("text", "fps"),
    [
        ("23.976", FPS23976),
        ("24000/1001", FPS23976),
        ("25", FPS25),
        ("29.97", Fraction(30000, 1001)),
    ],
)
def test_frame_rates_are_exact_fractions(text, fps):
    assert qc.parse_fps(text) == fps


@pytest.mark.parametrize("text", ["fast", "0", "-24", "1/0"])
def test_frame_rate_refused(text):
    with pytest.raises(qc.FrameRateError):
        qc.parse_fps(text)


# --- reading and encodings ------------------------------------------------------------------------

LATIN = srt((0, 2000, "¿Qué pasó, señorita?"), (2500, 4000, "Ça va très bien, garçon. Übermäßig!"))


def test_same_file_in_utf8_and_windows_1252_gives_the_same_report():
    reports = {}
    for encoding in ("utf-8", "cp1252"):
        document = qc.read_bytes(LATIN.encode(encoding), filename="t.srt")
        rep = qc.run_qc(document, profile=qc.default_profile("es"), fps=FPS24)
        reports[encoding] = rep.as_dict()
        assert document.events[0].text == "¿Qué pasó, señorita?"
    assert reports["cp1252"].pop("encoding") == "windows-1252"
    assert reports["utf-8"].pop("encoding") == "utf-8"
    assert reports["utf-8"] == reports["cp1252"]


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")]
)
def test_utf16_without_bom(encoding, name):
    document = qc.read_bytes(LATIN.encode(encoding), filename="t.srt")
    assert document.encoding == name
    assert document.events[1].text.startswith("Ça va")


def test_utf16_with_bom():
    document = qc.read_bytes(LATIN.encode("utf-16"), filename="t.srt")
    assert document.encoding in ("utf-16-le", "utf-16-be")
    assert len(document.events) == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \r\n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"1\n00:00:01 --> 00:00:02\nHi\n", "without milliseconds"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nNo timing\n", "missing timing"),
        (b"1\n00:00:03,000 --> 00:00:02,000\nHi\n", "ends before it starts"),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nCafé\n\n2\n00:00:03,000 --> 00:00:04,000\n".encode()
            + "Crème brûlée\n".encode("cp1252"),
            "mixes encodings",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(qc.SubtitleReadError, match=reason):
        qc.read_bytes(data, filename="t.srt")


def test_vtt_without_header_is_refused():
    with pytest.raises(qc.SubtitleReadError, match="no WebVTT header"):
        qc.read_bytes(b"00:00:01.000 --> 00:00:02.000\nHi\n", filename="t.vtt")


def test_ass_is_read_with_pysubs2():
    ass = (
        "[Script Info]\nScriptType: v4.00+\n\n"
        "[V4+ Styles]\nFormat: Name, Fontname, Fontsize\nStyle: Default,Arial,20\n\n"
        "[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\i1}Hello{\\i0}\\Nthere\n"
    )
    document = qc.read_bytes(ass.encode(), filename="t.ass")
    assert document.format == "ass"
    assert document.events[0].lines == ["Hello", "there"]
    assert (document.events[0].start_ms, document.events[0].end_ms) == (1000, 3000)
