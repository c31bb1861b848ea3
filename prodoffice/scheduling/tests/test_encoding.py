"""Decoding whatever a writer's software saved."""

import pytest

from prodoffice.scheduling.engine import ScriptError, import_script
from prodoffice.scheduling.engine.encoding import decode_script

TEXT = "INT. CAFÉ - DAY\r\n\r\nRené says “hello” — it’s late.\rNaïve.\n\nRENÉ\nOui.\n"
EXPECTED = "INT. CAFÉ - DAY\n\nRené says “hello” — it’s late.\nNaïve.\n\nRENÉ\nOui.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings_and_line_endings(encoding):
    assert decode_script(TEXT.encode(encoding)) == EXPECTED


def test_latin1_without_smart_quotes():
    assert decode_script("EXT. CAFÉ - DAY\n\nGaël.\n".encode("latin-1")).startswith("EXT. CAFÉ")


def test_cyrillic_single_byte():
    text = "ИНТ. КВАРТИРА – ДЕНЬ\n\nПривет мир, как дела сегодня вечером.\n"
    assert decode_script(text.encode("cp1251")) == text


def test_cp1252_script_imports_with_its_accents():
    script = import_script(TEXT.encode("cp1252"))
    assert script.scenes[0].set == "CAFÉ" and script.speaking_characters == ["RENÉ"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \r\n\t\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "zip"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_refused_input(data, message):
    with pytest.raises(ScriptError, match=message):
        decode_script(data)


def test_control_character_names_its_line():
    with pytest.raises(ScriptError) as raised:
        decode_script(b"INT. A - DAY\n\nfine\nbad \x07 bell\n")
    assert raised.value.line == 4 and "line 4" in str(raised.value)


def test_bad_utf16_names_its_line():
    data = "INT. A\n\nB\n".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(ScriptError) as raised:
        decode_script(data)
    assert raised.value.line == 4
