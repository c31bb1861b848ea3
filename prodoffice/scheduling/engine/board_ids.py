"""The one order of cast board IDs: as numbers, so 2 comes before 10 and 1A right after 1.

Every list of the schedule that shows board IDs (DOOD, cast lists, breakdown sheets, strips'
cast, reports, exports, calendar feeds, the optimizer's cast) sorts with `board_id_key`.
"""

from __future__ import annotations

import re

_CHUNKS = re.compile(r"(\d+)")


def board_id_key(board_id: str, name: str = "") -> tuple:
    """A natural sort key: 1, 1A, 1B, 2, 10, 11, 101, then IDs that start with a letter (A, B2,
    X10 before X9's neighbours in number order), then elements without an ID by name."""
    text = (board_id or "").strip()
    if not text:
        return (2, (), name.lower())
    parts = tuple(
        (0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk.lower())
        for chunk in _CHUNKS.split(text)
        if chunk
    )
    return (0 if text[0].isdigit() else 1, parts, name.lower())


def board_id_sort_text(board_id: str) -> str:
    """`board_id_key` as text that sorts the same way character by character, for the database's
    ORDER BY (stored beside the ID): numbers zero-padded to twelve digits (an ID's longest),
    letters lower-case, anything else left out (so a collation that skips punctuation agrees);
    no ID sorts last."""
    text = (board_id or "").strip()
    chunks = _SORT_CHUNKS.findall(text.lower())
    if not chunks:
        return "2"
    body = "".join(f"0{int(c):012d}" if c.isdigit() else f"1{c}" for c in chunks)
    return ("0" if text[0].isdigit() else "1") + body


_SORT_CHUNKS = re.compile(r"\d+|[a-z]+")
