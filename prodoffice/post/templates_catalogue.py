"""Pipeline and delivery templates: what a small and a large production's post looks like.

Offsets are days from the picture-lock date (negative: before it); lengths in days. Dependencies
name task kinds of the same template.
"""

from __future__ import annotations

from prodoffice.post.choices import DeliverableKind, TaskKind

K = TaskKind

#: kind, name, department, offset from picture lock, length, depends on (kinds), max NC
SMALL = (
    (K.ASSEMBLY, "Editor's assembly", "Editorial", -56, 21, (), None),
    (K.DIRECTORS_CUT, "Director's cut", "Editorial", -35, 28, (K.ASSEMBLY,), None),
    (K.PICTURE_LOCK, "Picture lock", "Editorial", -7, 7, (K.DIRECTORS_CUT,), None),
    (K.MIX, "Mix", "Sound", 1, 10, (K.PICTURE_LOCK,), 25),
    (K.DELIVERY, "Delivery", "Delivery", 12, 3, (K.MIX,), None),
)

LARGE = (
    (K.ASSEMBLY, "Editor's assembly", "Editorial", -84, 28, (), None),
    (K.DIRECTORS_CUT, "Director's cut", "Editorial", -56, 35, (K.ASSEMBLY,), None),
    (K.PRODUCERS_CUT, "Producer's cut", "Editorial", -21, 14, (K.DIRECTORS_CUT,), None),
    (K.PICTURE_LOCK, "Picture lock", "Editorial", -7, 7, (K.PRODUCERS_CUT,), None),
    (K.ACOUSTICS, "Acoustic survey of stages", "Acoustics", -21, 7, (), None),
    (K.VFX, "VFX finals", "VFX", -28, 42, (K.DIRECTORS_CUT,), None),
    (K.DIALOGUE_EDIT, "Dialogue edit", "Sound", 1, 21, (K.PICTURE_LOCK,), None),
    (K.SOUND_EFFECTS, "Sound effects and design", "Sound", 1, 28, (K.PICTURE_LOCK,), None),
    (K.ADR, "ADR sessions", "Sound", 8, 10, (K.PICTURE_LOCK, K.ACOUSTICS), 25),
    (K.FOLEY, "Foley", "Sound", 8, 10, (K.PICTURE_LOCK, K.ACOUSTICS), 25),
    (K.MUSIC, "Score and music editing", "Music", 1, 35, (K.PICTURE_LOCK,), None),
    (K.COLOUR, "Colour grading", "Colour", 1, 15, (K.PICTURE_LOCK,), None),
    (
        K.MIX,
        "Re-recording mix and stems",
        "Sound",
        36,
        15,
        (K.DIALOGUE_EDIT, K.SOUND_EFFECTS, K.ADR, K.FOLEY, K.MUSIC, K.VFX),
        20,
    ),
    (K.MASTERING, "Mastering", "Mastering", 51, 5, (K.MIX, K.COLOUR), 25),
    (K.QC, "QC", "Mastering", 56, 3, (K.MASTERING,), None),
    (K.DELIVERY, "Delivery", "Delivery", 59, 5, (K.QC,), None),
)

PIPELINE_TEMPLATES = {"small": SMALL, "large": LARGE}

D = DeliverableKind
#: kind, days before the schedule's due date
DELIVERY_TEMPLATE = (
    (D.PICTURE_MASTER, 0),
    (D.TEXTLESS_MASTER, 0),
    (D.ME_STEMS, 0),
    (D.CAPTIONS, 7),
    (D.MUSIC_CUE_SHEET, 14),
    (D.DIALOGUE_LIST, 14),
    (D.CHAIN_OF_TITLE, 30),
    (D.EO_INSURANCE, 30),
    (D.QC_REPORT, 0),
)
#: Per language: subtitles and dubbed versions.
PER_LANGUAGE = ((D.SUBTITLES, 7), (D.DUBBED_VERSION, 0))
