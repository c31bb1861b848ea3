"""Breakdown suggestions from a scene's text (pure: no Django).

Three sources, strongest first:

1. names of the production's elements found in the action text (a word-bounded, case-blind match);
2. words the writer CAPITALISED in action lines: by convention props and sound cues (a GUNSHOT,
   the PHONE RINGS). Character names are capitalised too, on their first appearance and as cues:
   known characters are skipped, and so are the screenplay's own capitals (V.O., CONTINUOUS ...);
3. a lexicon per category: vehicles, animals, weapons (props), crowds (background actors), blood,
   rain or smoke (special effects) ...

The stored scene text keeps its paragraphs but not their kinds, so `action_lines` tells action
from dialogue the way a reader does: a cue line (a known character, or an all-capitals name with
an extension) starts a speech, parentheticals follow, then one paragraph of dialogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .categories import category

# Universal Category Identification numbers (engine.categories holds their names and colours).
CAST, BACKGROUND, STUNTS, VEHICLES, PROPS, SFX = 100, 101, 102, 103, 104, 105
WARDROBE, MAKEUP, ANIMALS, MUSIC, SOUND, GREENERY, VFX = 106, 107, 108, 111, 112, 115, 119

EXISTING, CAPITALISED, LEXICON = "existing", "capitalised", "lexicon"

#: Words per category; plurals are found by the matcher (an optional -s/-es).
WORDS: dict[int, tuple[str, ...]] = {
    VEHICLES: (
        "car", "truck", "van", "taxi", "cab", "bus", "motorcycle", "motorbike", "bicycle",
        "bike", "scooter", "boat", "yacht", "helicopter", "plane", "airplane", "ambulance",
        "police car", "squad car", "limousine", "limo", "jeep", "tractor", "train", "tram",
        "pickup", "sedan", "convertible", "fire truck", "canoe", "horse-drawn carriage",
    ),
    ANIMALS: (
        "dog", "cat", "horse", "bird", "cow", "sheep", "goat", "pig", "chicken", "rat",
        "mouse", "snake", "parrot", "crow", "pigeon", "owl", "wolf", "fox", "puppy", "kitten",
        "pony", "donkey", "duck", "goose", "fish", "spider",
    ),
    PROPS: (
        "gun", "pistol", "revolver", "rifle", "shotgun", "knife", "sword", "dagger", "axe",
        "crossbow", "bow and arrow", "grenade", "machete", "baseball bat", "handcuffs",
        "phone", "cellphone", "letter", "envelope", "briefcase", "suitcase", "laptop",
        "newspaper", "camera", "flashlight", "torch", "cigarette", "lighter", "wallet",
        "keys", "map", "photograph", "bottle", "glass of", "umbrella",
    ),
    BACKGROUND: (
        "crowd", "passers-by", "passersby", "passer-by", "diners", "pedestrians", "commuters",
        "shoppers", "patrons", "onlookers", "tourists", "customers", "guests", "bystanders",
        "spectators", "students", "mourners", "partygoers", "dancers", "audience", "extras",
        "waiters", "nurses", "soldiers", "police officers", "uniformed officers", "crew members",
    ),
    SFX: (
        "blood", "rain", "smoke", "fire", "flames", "snow", "fog", "mist", "explosion",
        "explodes", "sparks", "steam", "wind", "storm", "lightning", "bullet hits", "squib",
        "puddle", "ash",
    ),
    STUNTS: (
        "fight", "punches", "punch", "falls", "tumbles", "leaps", "jumps from", "crashes into",
        "car chase", "tackles", "thrown", "brawl", "skids",
    ),
    MAKEUP: ("wound", "scar", "bruise", "bruised", "tattoo", "black eye", "bloodied", "sweat"),
    WARDROBE: ("uniform", "wedding dress", "tuxedo", "costume", "disguise", "raincoat"),
    MUSIC: ("song", "sings", "piano", "guitar", "band plays", "music plays", "jukebox"),
    SOUND: ("gunshot", "siren", "thunder", "doorbell", "ringtone", "knock", "knocking", "alarm"),
    GREENERY: ("trees", "flowers", "bouquet", "hedge", "potted plant"),
    VFX: ("hologram", "portal", "spaceship", "monster"),
}  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Capitalised words that are a sound cue by themselves (CRASH, BANG ...), not a prop.
SOUND_WORDS = _words(
    "BANG BOOM CRASH THUD THUMP RING RINGS RINGING BUZZ BUZZES BEEP BEEPS SLAM SLAMS SCREAM "
    "SCREAMS KNOCK KNOCKS CLICK CLICKS GUNSHOT GUNSHOTS SHOT SHOTS SIREN SIRENS HONK HONKS "
    "WHISTLE CREAK CREAKS SMASH SHATTER SHATTERS EXPLOSION RUMBLE CLANG BARK BARKS POP"
)

#: Capitals of the screenplay form itself, never an element.
SCREENPLAY_WORDS = _words(
    "INT EXT INT/EXT I/E DAY NIGHT DAWN DUSK MORNING EVENING AFTERNOON CONTINUOUS LATER SAME "
    "TIME MOMENTS MOMENT V.O. O.S. O.C. CONT'D CONT’D CUT TO FADE IN OUT DISSOLVE SMASH MATCH "
    "BACK FLASHBACK END INSERT POV ANGLE ON CLOSE CLOSE-UP WIDE SHOT SUPER TITLE CARD THE A "
    "AN AND OF IN ON AT TO WITH I OK OKAY TV US USA UK FBI CIA NYPD LAPD DNA ID MR MRS MS DR "
    "SERIES MONTAGE INTERCUT BEGIN CREDITS PRELAP TRANSITION"
)

_CUE = re.compile(
    r"^[@]?(?P<name>[A-Z0-9][A-Z0-9 .'’\-]*?)\s*(\((?:V\.O\.|O\.S\.|O\.C\.|CONT['’]D|"
    r"[A-Z .'’]+)\))*\s*\^?$"
)
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z0-9'’\-]*[A-Z0-9](?:\s+[A-Z][A-Z0-9'’\-]*[A-Z0-9])*\b")

#: A character's introduction: NAME (30s), NAME, 40, ...
_INTRO = re.compile(r"\s*(\(\s*\d|,\s*\d|\(\s*(?:early|mid|late)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    """A proposed element for a scene: its name, category (UCID), why, and a known element."""

    name: str
    ucid: int
    reason: str
    source: str
    existing: bool = False

    @property
    def key(self) -> str:
        """The suggestion's identity in a scene (dismissals are remembered by it)."""
        return suggestion_key(self.name, self.ucid)


def suggestion_key(name: str, ucid: int) -> str:
    """`104:gun`: a category and a case-blind, space-normalised name."""
    return f"{ucid}:{normalise(name)}"


def normalise(name: str) -> str:
    """Lower case with single spaces."""
    return " ".join(name.split()).lower()


def _is_cue(line: str, characters: set[str]) -> bool:
    """A character cue: a known speaker (with any extension), or an all-capitals name line."""
    stripped = line.strip()
    if not stripped or stripped != stripped.upper() or len(stripped) > 50:
        return False
    match = _CUE.match(stripped)
    if not match:
        return False
    name = normalise(match.group("name"))
    return name in characters or "(" in stripped


def action_lines(text: str, characters: Iterable[str] = ()) -> list[str]:
    """The action paragraphs of a scene's stored text (cues, parentheticals, dialogue left out)."""
    known = {normalise(c) for c in characters}
    out: list[str] = []
    in_speech = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            in_speech = False
            continue
        if _is_cue(stripped, known):
            in_speech = True
            continue
        if in_speech and stripped.startswith("(") and stripped.endswith(")"):
            continue
        if in_speech:
            in_speech = False  # one paragraph of dialogue after the cue
            continue
        out.append(stripped)
    return out


def _word_pattern(name: str) -> re.Pattern:
    """A case-blind, word-bounded pattern for a name (spaces match any whitespace)."""
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?:e?s)?(?![\w])", re.IGNORECASE)


def _existing(
    action: str, elements: Iterable[tuple[str, int]], characters: set[str]
) -> list[Suggestion]:
    found = []
    for name, ucid in elements:
        if len(name.strip()) < 2:
            continue
        if ucid == CAST and normalise(name) in characters:
            continue  # speaking characters are linked by the import already
        if _word_pattern(name).search(action):
            found.append(
                Suggestion(name, ucid, f"“{name}” appears in the action", EXISTING, existing=True)
            )
    return found


def _capitalised(lines: list[str], skip: set[str]) -> list[Suggestion]:
    found = []
    for line in lines:
        if line == line.upper():
            continue  # a whole line in capitals is a shot, a transition or a super, not a cue
        for match in _CAPS_RUN.finditer(line):
            words = [w for w in match.group(0).split() if w not in SCREENPLAY_WORDS]
            phrase = " ".join(words)
            if len(phrase) < 3 or normalise(phrase) in skip:
                continue
            if any(normalise(w) in skip for w in words):
                continue
            sound = any(w in SOUND_WORDS for w in words)
            ucid, kind = (SOUND, "a sound cue") if sound else (PROPS, "a prop")
            if lexicon_category(phrase) is not None:
                ucid = lexicon_category(phrase)
                kind = category(ucid).name.lower()
            if _INTRO.match(line, match.end()):
                ucid, kind = CAST, "a character introduced"
            found.append(
                Suggestion(
                    phrase.title(), ucid, f"“{match.group(0)}” is capitalised: {kind}", CAPITALISED
                )
            )
    return found


#: (word, UCID), longest first: "police car" is found before "car" can claim its words.
_ENTRIES = sorted(
    ((word, ucid) for ucid, words in WORDS.items() for word in words),
    key=lambda entry: (-len(entry[0]), entry[0]),
)
_BY_WORD = {normalise(word): ucid for word, ucid in _ENTRIES}


def lexicon_category(name: str) -> int | None:
    """The category the lexicon gives a name (its singular too), if any."""
    key = normalise(name)
    for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
        if candidate in _BY_WORD:
            return _BY_WORD[candidate]
    return None


def _lexicon(action: str) -> list[Suggestion]:
    found = []
    for word, ucid in _ENTRIES:
        match = _word_pattern(word).search(action)
        if match:
            found.append(
                Suggestion(word.title(), ucid, f"“{match.group(0)}” in the action", LEXICON)
            )
            # Blank the words out so "car" is not found again inside "police car".
            action = action[: match.start()] + " " * len(match.group(0)) + action[match.end() :]
    return found


def suggest(
    text: str,
    *,
    characters: Iterable[str] = (),
    elements: Iterable[tuple[str, int]] = (),
    linked: Iterable[str] = (),
    dismissed: Iterable[str] = (),
) -> list[Suggestion]:
    """Suggestions for one scene, each name once, strongest source first.

    text: the scene's stored text; characters: names that speak or are cast (never a prop);
    elements: (name, UCID) of the production's elements; linked: names of elements already in
    the scene's breakdown (never suggested again); dismissed: suggestion keys to leave out.
    """
    chars = {normalise(c) for c in characters}
    lines = action_lines(text, chars)
    action = "\n".join(lines)
    taken = {normalise(n) for n in linked}
    refused = set(dismissed)
    candidates = (
        _existing(action, elements, chars) + _capitalised(lines, chars | taken) + _lexicon(action)
    )
    out: list[Suggestion] = []
    for suggestion in candidates:
        name = normalise(suggestion.name)
        character = name in chars and not suggestion.existing
        if name in taken or suggestion.key in refused or character:
            continue
        taken.add(name)
        out.append(suggestion)
    return out
