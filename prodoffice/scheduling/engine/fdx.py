"""Final Draft .fdx scripts: XML read with defusedxml (no entities, no DTD tricks).

`FinalDraft/Content/Paragraph[@Type]` in document order; dual dialogue sits inside a
`Paragraph/DualDialogue` wrapper. A paragraph's text is its own `Text` children (script notes
nested inside it are not script text). The scene number is the heading's `Number` attribute (or
`SceneProperties/@Number`), its synopsis `SceneProperties/Summary`. Page and length attributes that
recent Final Draft versions write are ignored: every scene is measured by layout.py, so a file from
any tool gives the same page counts. `StartsNewPage="Yes"` is a forced page break.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as StdET  # only for the TreeBuilder and ParseError types

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

from .elements import (
    ACTION,
    CHARACTER,
    DIALOGUE,
    GENERAL,
    HEADING,
    PAGE_BREAK,
    PARENTHETICAL,
    SHOT,
    TRANSITION,
    Element,
)
from .script import Script, ScriptError, build_script

KINDS = {
    "Scene Heading": HEADING, "Action": ACTION, "Character": CHARACTER, "Dialogue": DIALOGUE,
    "Parenthetical": PARENTHETICAL, "Transition": TRANSITION, "Shot": SHOT, "General": GENERAL,
}  # fmt: skip
_LINE = "{urn:prodoffice}line"
_WHERE = re.compile(r":? line \d+, column \d+$")


class _LineBuilder(StdET.TreeBuilder):
    """A tree builder that notes each element's source line in a namespaced attribute."""

    parser: XMLParser | None = None

    def start(self, tag, attrs):
        """Record the line the element starts on."""
        attrs = dict(attrs)
        if self.parser is not None:
            attrs[_LINE] = str(self.parser.parser.CurrentLineNumber)
        return super().start(tag, attrs)


def parse_fdx(data: bytes) -> Script:
    """Scenes of a Final Draft file, or ScriptError naming the line for broken XML."""
    elements, title = fdx_elements(data)
    return build_script(elements, title=title, source_format="fdx")


def fdx_elements(data: bytes) -> tuple[list[Element], str]:
    """The paragraphs of a Final Draft file as elements, and its title."""
    root = _parse_xml(data)
    if root.tag != "FinalDraft":
        raise ScriptError(f"Not a Final Draft file: the document is <{root.tag}>.", _line(root))
    content = root.find("Content")
    if content is None:
        raise ScriptError("Final Draft file without <Content>.", _line(root))
    elements = [element for paragraph in content for element in _paragraph(paragraph, False)]
    return elements, _title(root)


def _parse_xml(data: bytes):
    """The XML tree, refusing broken, empty or entity-laden files with a clear message."""
    if not data.strip():
        raise ScriptError("The file is empty.")
    builder = _LineBuilder()
    parser = XMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(data)
        return parser.close()
    except StdET.ParseError as error:
        line, column = error.position
        reason = _WHERE.sub("", str(error.msg))
        raise ScriptError(f"Broken XML at column {column}: {reason}.", line) from None
    except DefusedXmlException as error:
        what = type(error).__name__.removesuffix("Forbidden").lower() or "construct"
        raise ScriptError(f"Refused XML: {what} declarations are not allowed.") from None


def _line(node) -> int | None:
    """The source line recorded for an element."""
    value = node.get(_LINE)
    return int(value) if value else None


def _paragraph(node, dual: bool) -> list[Element]:
    """Our elements for one <Paragraph> (several for a dual-dialogue wrapper)."""
    if node.tag != "Paragraph":
        return []
    wrapper = node.find("DualDialogue")
    if wrapper is not None:
        return [element for child in wrapper for element in _paragraph(child, True)]
    kind = KINDS.get(node.get("Type", ""), GENERAL)
    element = Element(kind, _text(node), _line(node), dual=dual, **_scene_properties(node, kind))
    if node.get("StartsNewPage") == "Yes":
        return [Element(PAGE_BREAK, "", _line(node)), element]
    return [element]


def _text(node) -> str:
    """The paragraph's own text runs, joined; script notes nested inside are left out."""
    return "".join(run.text or "" for run in node.findall("Text")).strip("\n")


def _scene_properties(node, kind: str) -> dict:
    """Number and summary of a scene heading."""
    if kind != HEADING:
        return {}
    properties = node.find("SceneProperties")
    number = node.get("Number") or (properties.get("Number") if properties is not None else None)
    summary = None
    if properties is not None:
        texts = [_text(paragraph) for paragraph in properties.findall("Summary/Paragraph")]
        summary = " ".join(text for text in texts if text) or None
    return {"number": number or None, "synopsis": summary}


def _title(root) -> str:
    """The title from the title page, when the file has one (first centered paragraph)."""
    for paragraph in root.findall("TitlePage/Content/Paragraph"):
        text = _text(paragraph).strip()
        if text:
            return text
    return ""
