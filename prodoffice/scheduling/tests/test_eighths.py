"""Page counts in eighths: formatting, parsing, rounding and the page model."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prodoffice.scheduling.engine import import_script
from prodoffice.scheduling.engine.eighths import (
    eighths_to_pages,
    format_eighths,
    pages_to_eighths,
    parse_eighths,
)
from prodoffice.scheduling.engine.layout import LINES_PER_PAGE, eighths_for_lines, wrapped_lines


@pytest.mark.parametrize(
    ("eighths", "text"), [(12, "1 4/8"), (3, "3/8"), (8, "1"), (0, "0"), (17, "2 1/8")]
)
def test_format_and_parse(eighths, text):
    assert format_eighths(eighths) == text
    assert parse_eighths(text) == eighths


def test_parse_variants_and_errors():
    assert parse_eighths("1-4/8") == 12 and parse_eighths("12/8") == 12
    for bad in ("", "1/4", "a", "1 9/8", "-1"):
        with pytest.raises(ValueError):
            parse_eighths(bad)
    with pytest.raises(ValueError):
        format_eighths(-1)


@given(st.integers(min_value=0, max_value=100_000))
def test_format_parse_round_trip(eighths):
    assert parse_eighths(format_eighths(eighths)) == eighths


@given(st.integers(min_value=0, max_value=100_000))
def test_uss_pages_round_trip(eighths):
    assert pages_to_eighths(eighths_to_pages(eighths)) == eighths


def test_decimal_pages():
    assert eighths_to_pages(1) == Decimal("0.125")
    assert pages_to_eighths(0.125) == 1 and pages_to_eighths("1.5") == 12
    assert pages_to_eighths(0.13) == 2  # a fraction of an eighth rounds up
    with pytest.raises(ValueError):
        pages_to_eighths("NaN")


def test_rounding_up_and_minimum():
    assert eighths_for_lines(0) == 1 and eighths_for_lines(1) == 1
    assert eighths_for_lines(7) == 2  # 7 lines is just over an eighth (6.875)
    assert eighths_for_lines(LINES_PER_PAGE) == 8
    assert eighths_for_lines(LINES_PER_PAGE + 1) == 9


def test_word_wrap_counts():
    assert wrapped_lines("short", 61) == 1
    assert wrapped_lines(" ".join(["word"] * 30), 35) == 5  # 149 characters at 35 a line
    assert wrapped_lines("x" * 70, 35) == 2 and wrapped_lines("a\n\nb", 61) == 3


def test_one_liner_scene_is_one_eighth_and_a_full_page_is_eight():
    short = import_script(b"INT. A - DAY\n\nA look.\n").scenes[0]
    assert short.eighths == 1 and short.screen_time_ms == 7500
    # heading (1) + 26 actions of one line with a blank line before each (52) = 53 lines
    body = "\n\n".join(["He waits."] * 26)
    long = import_script(f"INT. A - DAY\n\n{body}\n".encode()).scenes[0]
    assert long.eighths == 8 and long.page == 1


def test_dialogue_is_narrower_than_action():
    speech = " ".join(["blah"] * 36)  # 179 characters: 3 lines of action, 6 of dialogue
    action = import_script(f"INT. A - DAY\n\n{speech}\n".encode()).scenes[0]
    dialogue = import_script(f"INT. A - DAY\n\nBOB\n{speech}\n".encode()).scenes[0]
    assert (action.eighths, dialogue.eighths) == (1, 2)


def test_script_page_of_each_scene():
    scene = "INT. ROOM {n} - DAY\n\n" + "\n\n".join(["Line."] * 20) + "\n\n"
    text = "".join(scene.format(n=n) for n in range(4))
    script = import_script(text.encode())
    # a scene is 41 lines (+1 blank before the heading); pages 2 and 3 start with an action
    # whose blank line is dropped, so the four scenes fill exactly 41 + 41 + 41 + 42 = 3 pages
    assert [s.page for s in script.scenes] == [1, 1, 2, 3]
    assert script.pages == 3
    assert [s.eighths for s in script.scenes] == [6, 6, 6, 7]
