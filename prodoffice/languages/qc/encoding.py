"""Encoding detection for subtitle bytes: BOMs, UTF-16 without BOM, statistics; never assumed."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import SubtitleReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Canonical names for what charset-normalizer reports (Python codec names).
_NAMES = {
    "cp1252": "windows-1252",
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "utf_8": "utf-8",
}
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
# The legacy encoding each language's subtitles were written in before Unicode: when the
# statistics leave it among the candidates, the subtitles' declared language decides (short
# Spanish text reads as well in Windows-1250 as in Windows-1252, but only one is right).
_LEGACY = {
    **dict.fromkeys(
        [
            "en",
            "es",
            "fr",
            "de",
            "it",
            "pt",
            "nl",
            "sv",
            "da",
            "no",
            "nb",
            "nn",
            "fi",
            "is",
            "ca",
            "eu",
            "gl",
            "ga",
            "id",
            "ms",
            "sw",
            "af",
        ],
        "cp1252",
    ),
    **dict.fromkeys(["pl", "cs", "sk", "hu", "ro", "hr", "sl", "bs", "sq"], "cp1250"),
    **dict.fromkeys(["ru", "uk", "bg", "sr", "mk", "be"], "cp1251"),
    "el": "cp1253",
    "tr": "cp1254",
    "he": "cp1255",
    "ar": "cp1256",
    "fa": "cp1256",
    "et": "cp1257",
    "lt": "cp1257",
    "lv": "cp1257",
    "vi": "cp1258",
    "th": "cp874",
    "ja": "cp932",
    "ko": "cp949",
    "zh": "gb18030",
}
_SINGLE_BYTE_LATIN = {
    "windows-1250",
    "windows-1252",
    "windows-1257",
    "latin-1",
    "iso8859-15",
    "mac-roman",
    "cp850",
}


def canonical(name: str) -> str:
    """A stable encoding name for reports: 'utf-8', 'utf-16-le', 'windows-1252', 'gb2312'."""
    key = name.lower().replace("-", "_")
    return _NAMES.get(key, key.replace("_", "-"))


def decode(data: bytes, language: str | None = None) -> tuple[str, str]:
    """The text and the name of its encoding; SubtitleReadError when it is not text."""
    if not data.strip(b" \t\r\n\x00"):
        raise SubtitleReadError("the file is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], name), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _statistical(data, language)


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise SubtitleReadError(
            f"the file starts as {name} but byte {exc.start} is not valid {name}"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of Latin script has a NUL in every other byte; their side gives the byte order."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _narrowest(data: bytes, name: str) -> str:
    """GB18030 and GBK are supersets: name the standard a file actually keeps to (often GB2312)."""
    if name not in ("gb18030", "gbk"):
        return name
    for candidate in ("gb2312", "gbk"):
        try:
            data.decode(candidate)
            return candidate
        except UnicodeDecodeError:
            continue
    return name


def _statistical(data: bytes, language: str | None) -> tuple[str, str]:
    if b"\x00" in data:
        raise SubtitleReadError("the file is binary, not subtitle text (it contains NUL bytes)")
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SubtitleReadError("the file is binary or in an encoding that cannot be recognised")
    legacy = _LEGACY.get((language or "").replace("_", "-").split("-")[0].lower())
    chosen = next((m for m in matches if m.encoding == legacy), best)
    name = _narrowest(data, canonical(chosen.encoding))
    if name in _SINGLE_BYTE_LATIN and _UTF8_MULTIBYTE.search(data):
        raise SubtitleReadError(
            "the file mixes encodings: part is UTF-8 and part is not; save it again in one encoding"
        )
    if chosen is best and legacy and name in _SINGLE_BYTE_LATIN and name != canonical(legacy):
        # Too little text for statistics to list the language's code page (one "ó" reads the
        # same in 1250 and 1252): the language settles it when the bytes are valid there.
        try:
            return data.decode(legacy), canonical(legacy)
        except UnicodeDecodeError:
            pass
    return str(chosen), name
