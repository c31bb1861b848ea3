"""Final Draft files written here: every paragraph type, numbers, summaries, broken XML."""

import pytest

from prodoffice.scheduling.engine import ScriptError, import_script
from prodoffice.scheduling.engine.fdx import fdx_elements

FDX = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Type="Scene Heading" Number="7">
      <SceneProperties Length="5/8" Page="40" Title="">
        <Summary><Paragraph><Text>Ann finds the letter.</Text></Paragraph></Summary>
      </SceneProperties>
      <Text>INT. ANN'S FLAT - NIGHT</Text>
    </Paragraph>
    <Paragraph Type="Action">
      <ScriptNote ID="1"><Paragraph><Text>not script text</Text></Paragraph></ScriptNote>
      <Text>Ann opens </Text><Text Style="Bold">the</Text><Text> envelope.</Text>
    </Paragraph>
    <Paragraph Type="Character"><Text>ANN (V.O.)</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(reading)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Dear Ann.</Text></Paragraph>
    <Paragraph>
      <DualDialogue>
        <Paragraph Type="Character"><Text>BEN</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Who is it from?</Text></Paragraph>
        <Paragraph Type="Character"><Text>CAT (CONT'D)</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Tell us!</Text></Paragraph>
      </DualDialogue>
    </Paragraph>
    <Paragraph Type="Shot"><Text>CLOSE ON THE LETTER</Text></Paragraph>
    <Paragraph Type="General"><Text>SUPER: 1999</Text></Paragraph>
    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
    <Paragraph Type="Scene Heading" StartsNewPage="Yes">
      <SceneProperties Number="7A"/>
      <Text>EXT. STREET - DAY</Text>
    </Paragraph>
    <Paragraph Type="Action"><Text>Rain.</Text></Paragraph>
    <Paragraph Type="Scene Heading"><Text>INT. - DAY</Text></Paragraph>
  </Content>
</FinalDraft>
"""


def test_paragraph_types_and_dual_dialogue():
    elements, _ = fdx_elements(FDX.encode())
    assert [(e.kind, e.text, e.dual) for e in elements[1:13]] == [
        ("action", "Ann opens the envelope.", False),
        ("character", "ANN (V.O.)", False),
        ("parenthetical", "(reading)", False),
        ("dialogue", "Dear Ann.", False),
        ("character", "BEN", True),
        ("dialogue", "Who is it from?", True),
        ("character", "CAT (CONT'D)", True),
        ("dialogue", "Tell us!", True),
        ("shot", "CLOSE ON THE LETTER", False),
        ("general", "SUPER: 1999", False),
        ("transition", "CUT TO:", False),
        ("page_break", "", False),
    ]


def test_scenes_numbers_summaries_and_measured_pages():
    script = import_script(FDX.encode(), "letter.fdx")
    flat, street, nowhere = script.scenes
    assert (flat.number, flat.summary, flat.time) == ("7", "Ann finds the letter.", "NIGHT")
    assert flat.characters == ["ANN", "BEN", "CAT"]
    assert flat.synopsis == "Ann opens the envelope."
    assert flat.eighths == 3 and flat.page == 1  # measured: the file's Length 5/8 is ignored
    assert (street.number, street.page, street.line) == ("7A", 2, 28)
    assert nowhere.number == "8"
    assert [str(p) for p in script.problems] == [
        "scene 8, line 33: no set found in the heading: the set is “INT. - DAY” until corrected"
    ]
    assert script.summary() == {
        "scenes": 3, "pages_eighths": 5, "speaking_characters": ["ANN", "BEN", "CAT"]}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"<FinalDraft><Content>\n<Paragraph Type='Action'>\n<Text>x</Paragraph>", "mismatched", 3),
        (b"<FinalDraft>\n<Content>", "Broken XML", 2),
        (b"", "empty", None),
        (b"<?xml version='1.0'?>\n<html/>", "Not a Final Draft file", 2),
        (b"<FinalDraft/>", "without <Content>", 1),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><FinalDraft/>', "not allowed", None),
    ],
)
def test_broken_files_are_refused_with_their_line(data, message, line):
    with pytest.raises(ScriptError, match=message) as raised:
        import_script(data, "broken.fdx")
    assert raised.value.line == line


def test_fdx_detected_without_extension():
    assert import_script(FDX.encode("utf-8"), "").source_format == "fdx"
