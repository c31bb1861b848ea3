"""Small scripts shared by the scheduling Django-layer tests (not a test module)."""

from __future__ import annotations

FIRST_DRAFT = """Title: The Letter

INT. FLAT - NIGHT

Ann opens the envelope.

ANN (V.O.)
It's from him.

BEN
Burn it.

EXT. STREET - DAY

Cars pass.

ANN
Where is he?

INT. CAFE - DAY

Cat waits at a table.

CAT (CONT'D)
Late again.
"""

#: Scene 1 kept, a hallway scene inserted after it, scene 2 rewritten, the cafe cut.
SECOND_DRAFT = """Title: The Letter

INT. FLAT - NIGHT

Ann opens the envelope.

ANN (V.O.)
It's from him.

BEN
Burn it.

INT. HALLWAY - NIGHT

Ben runs down the stairs.

BEN
Wait for me!

EXT. STREET - DAY

Cars pass slowly, one after another, in the rain.

ANN
Where is he?

DAN
Gone.
"""

OTHER_SCRIPT = """INT. SPACESHIP BRIDGE - DAY

The captain stares at the stars.

CAPTAIN
Engage.
"""

FDX = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>
<Paragraph Number="4" Type="Scene Heading"><Text>INT. OFFICE - DAY</Text></Paragraph>
<Paragraph Type="Action"><Text>Papers everywhere.</Text></Paragraph>
<Paragraph Type="Character"><Text>ANN (O.S.)</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Anyone here?</Text></Paragraph>
<Paragraph Number="5" Type="Scene Heading"><Text>EXT. ROOF - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Wind.</Text></Paragraph>
<Paragraph Type="Character"><Text>BEN</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Up here.</Text></Paragraph>
</Content>
</FinalDraft>
"""

#: A scene with props, background, effects and two names of one character (BOB, ROBERT).
BREAKDOWN_DRAFT = """Title: Storm

INT. KITCHEN - NIGHT

Ann lights a CANDLE. A crowd of diners watches. Rain beats on the window. BOB waits.

ANN
It's late.

BOB
Too late.

EXT. STREET - DAY

ROBERT walks his dog past a taxi.

ROBERT
Morning.
"""
