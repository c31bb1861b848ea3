"""The scheduling engine: pure Python (no Django), from script file to schedule data.

`import_script(data, filename)` decodes and parses a Fountain or Final Draft file into a `Script`
of `Scene`s; revisions.py matches a new draft to the last one; dood.py computes day-out-of-days;
uss.py reads and writes the Universal Schedule Standard; categories.py holds the breakdown
categories and strip colours; eighths.py formats page counts.
"""

from __future__ import annotations

from .encoding import decode_script
from .fdx import parse_fdx
from .fountain import parse_fountain
from .script import Scene, Script, ScriptError, ScriptProblem

__all__ = [
    "Scene",
    "Script",
    "ScriptError",
    "ScriptProblem",
    "import_script",
    "is_fdx",
]


def is_fdx(data: bytes, filename: str = "") -> bool:
    """A Final Draft file: by its extension, else by an XML start."""
    if filename.lower().endswith(".fdx"):
        return True
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<FinalDraft"))


def import_script(data: bytes, filename: str = "") -> Script:
    """Scenes of a script file (Fountain or Final Draft), or ScriptError saying what is wrong."""
    if is_fdx(data, filename):
        return parse_fdx(data)
    return parse_fountain(decode_script(data))
