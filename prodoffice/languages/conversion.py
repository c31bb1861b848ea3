"""Conversion between subtitle formats: pysubs2 for SRT, WebVTT, ASS and SSA; ttconv writes TTML."""

from __future__ import annotations

from prodoffice.languages.qc.reading import Document

CONVERTIBLE = ("srt", "vtt", "ass", "ssa", "ttml")
EXTENSIONS = {"srt": "srt", "vtt": "vtt", "ass": "ass", "ssa": "ssa", "ttml": "ttml"}
MEDIA_TYPES = {
    "srt": "application/x-subrip",
    "vtt": "text/vtt",
    "ass": "text/x-ssa",
    "ssa": "text/x-ssa",
    "ttml": "application/ttml+xml",
}


def convert(document: Document, target: str) -> str:
    """The document's events written in another format, as text (UTF-8 when saved)."""
    if target not in CONVERTIBLE:
        raise ValueError(f"cannot convert to {target!r}; one of {', '.join(CONVERTIBLE)}")
    if target == "ttml":
        return _to_ttml(document)
    return document.subs.to_string(target)


def _to_ttml(document: Document) -> str:
    """SRT written by pysubs2 read back by ttconv's SRT reader, then written as IMSC by ttconv."""
    import io
    import xml.etree.ElementTree as ElementTree

    import ttconv.imsc.writer as imsc_writer
    import ttconv.srt.reader as srt_reader

    model = srt_reader.to_model(io.StringIO(document.subs.to_string("srt")))
    tree = imsc_writer.from_model(model)
    return ElementTree.tostring(
        tree.getroot() if hasattr(tree, "getroot") else tree, encoding="unicode"
    )
