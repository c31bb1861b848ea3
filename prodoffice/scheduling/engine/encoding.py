"""Decoding a script file whatever a writer's software saved it as.

UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM (UTF-16 without one is recognised by its
zero bytes), and single-byte encodings detected by charset-normalizer: Western text (Latin letters
only) is read as cp1252, the Windows superset of Latin-1 that also carries the smart quotes and
dashes word processors write; other scripts (cp1251 Russian...) keep the detected encoding. Line
endings (CRLF, CR, LF, mixed) become LF. Empty, binary and undecodable input is refused with a
`ScriptError`, naming the line when one line is to blame.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from .script import ScriptError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a zip archive (a .docx or .fadein?)",
    b"\xd0\xcf\x11\xe0": "an old Word document",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")


def decode_script(data: bytes) -> str:
    """Text of a script file with LF line endings, or ScriptError saying why it cannot be read."""
    if not data.strip():
        raise ScriptError("The file is empty.")
    _refuse_known_binaries(data)
    text = _NEWLINES.sub("\n", _decode(data)).removeprefix("\ufeff")
    _refuse_control_characters(text)
    if not text.strip():
        raise ScriptError("The file is empty.")
    return text


def _refuse_known_binaries(data: bytes) -> None:
    """Name the usual wrong files (PDF, Word) instead of reporting garbage."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ScriptError(f"This is {what}, not a Fountain or Final Draft script.")


def _decode(data: bytes) -> str:
    """Decode by BOM, then UTF-8, then UTF-16 without BOM, then by detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    bare_utf16 = _bare_utf16(data)
    if bare_utf16:
        return _strict(data, bare_utf16)
    if b"\x00" in data:
        raise ScriptError("This is a binary file, not a text screenplay.")
    return _detect(data)


def _strict(data: bytes, encoding: str) -> str:
    """Decode or refuse, naming the line of the first bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScriptError(f"Cannot read the text as {encoding}: {error.reason}.", line) from None


def _bare_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Latin text then has a zero in every other byte."""
    sample = data[:4000]
    evens, odds = sample[0::2], sample[1::2]
    if odds and odds.count(0) > 0.4 * len(odds) and evens.count(0) < 0.05 * len(evens):
        return "utf-16-le"
    if evens and evens.count(0) > 0.4 * len(evens) and odds.count(0) < 0.05 * len(odds):
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str:
    """A single-byte encoding: cp1252 for Western text, else what charset-normalizer finds."""
    best = from_bytes(data).best()
    if best is None:
        raise ScriptError("Cannot tell how this file is encoded: it does not look like text.")
    guessed = str(best)
    if _latin_only(guessed):
        for encoding in ("cp1252", "latin-1"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return guessed


def _latin_only(text: str) -> bool:
    """True when every letter in the text is a Latin letter."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _refuse_control_characters(text: str) -> None:
    """Control characters (other than tab and form feed) mean a binary or corrupt file."""
    match = _CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        code = f"U+{ord(match.group()):04X}"
        raise ScriptError(f"Unexpected control character {code}: not a text screenplay.", line)
