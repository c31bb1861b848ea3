"""Bidirectional control characters: refused in names and identifiers, made visible elsewhere.

The embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) reorder the text
around them: "pay \u202eyad rep 005\u202c" displays as "pay 500 per day". In a clause of a
contract PDF, on a crew list, or in a person's name shown to someone else, that is a way to make
a reader see something other than what is stored (the "Trojan Source" trick).

- Names and identifiers (people, users, companies, productions, departments, positions, boards,
  locations, uploaded file names) refuse them: `BidiRefusingModel` on the model, so web, API,
  CLI and imports, which all call `full_clean()` through the services, refuse them with the
  field named.
- Free text (clauses, notes, synopses, minutes, comments) keeps what was typed, and every page
  and PDF shows each control as a visible marker such as "[U+202E]" instead (`neutralise`,
  applied to whole HTML responses by `core.middleware.BidiNeutraliseMiddleware` and to every
  PDF by `core.pdf.render_pdf`), so nothing can reorder the text around it.

The implicit marks U+200E (left-to-right mark), U+200F (right-to-left mark) and U+061C (Arabic
letter mark) are refused in identifiers (codes, usernames, file names) but allowed in names and
free text: they only set the direction of neutral characters next to them, cannot reverse a run
of text, and Arabic and Hebrew writers need them around numbers and punctuation.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

#: Embeddings and overrides (LRE, RLE, PDF, LRO, RLO), isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Implicit marks: LRM, RLM, ALM.
BIDI_MARKS = frozenset("\u200e\u200f\u061c")

_CONTROLS_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_CONTROLS_BYTES_RE = re.compile("|".join(sorted(BIDI_CONTROLS)).encode())


def marker(char: str) -> str:
    """The visible stand-in of a control character: "[U+202E]"."""
    return f"[U+{ord(char):04X}]"


def neutralise(text: str) -> str:
    """The text with every bidi control replaced by its visible marker."""
    return _CONTROLS_RE.sub(lambda m: marker(m.group()), text)


def escape_bidi_json(text: str) -> str:
    """JSON text with each bidi control written as its JSON escape (U+202E as \\u202e): the same
    value for a program that parses it, nothing a terminal could reorder."""
    return _CONTROLS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def neutralise_utf8(data: bytes) -> bytes:
    """`neutralise` on UTF-8 bytes (the body of an HTML response), without decoding it."""
    return _CONTROLS_BYTES_RE.sub(lambda m: marker(m.group().decode()).encode(), data)


def _found(value: str, refused: frozenset[str]) -> list[str]:
    return sorted({marker(c) for c in str(value) if c in refused})


def refuse_bidi_controls(value) -> None:
    """Validator of names: no embedding, override or isolate control."""
    found = _found(value, BIDI_CONTROLS)
    if found:
        raise ValidationError(
            "Contains invisible text-direction control characters (%(found)s), which can make "
            "the text display in another order; remove them.",
            code="bidi_control",
            params={"found": ", ".join(found)},
        )


def refuse_bidi_in_identifier(value) -> None:
    """Validator of identifiers (codes, usernames, file names): no control and no mark."""
    refuse_bidi_controls(value)
    found = _found(value, BIDI_MARKS)
    if found:
        raise ValidationError(
            "Contains invisible text-direction marks (%(found)s); remove them.",
            code="bidi_mark",
            params={"found": ", ".join(found)},
        )


def bidi_problem(value, *, identifier: bool = False) -> str | None:
    """The refusal message of a name (or identifier) holding bidi controls, else None: for
    readers that collect every problem of a file, each with its line or record, before writing."""
    try:
        (refuse_bidi_in_identifier if identifier else refuse_bidi_controls)(value or "")
    except ValidationError as exc:
        return exc.messages[0]
    return None


def refuse_bidi_under(field: str, value, *, identifier: bool = False, what: str = "") -> None:
    """Refuse a name (or identifier) that is not a model field, under the form field `field`;
    `what` says which part of the input it is ("The file name: ...")."""
    check = refuse_bidi_in_identifier if identifier else refuse_bidi_controls
    try:
        check(value)
    except ValidationError as exc:
        messages = [f"{what}: {m}" if what else m for m in exc.messages]
        raise ValidationError({field: messages}) from exc


class BidiRefusingModel:
    """Mixin of a model whose `bidi_names` (and `bidi_identifiers`) refuse bidi controls in
    `full_clean()`, each error under its field. Put it before the Django base class."""

    bidi_names: tuple[str, ...] = ()
    bidi_identifiers: tuple[str, ...] = ()

    def clean_fields(self, exclude=None):
        errors: dict[str, list] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        checks = [(n, refuse_bidi_controls) for n in self.bidi_names]
        checks += [(n, refuse_bidi_in_identifier) for n in self.bidi_identifiers]
        for name, check in checks:
            if (exclude and name in exclude) or name in errors:
                continue
            try:
                check(getattr(self, name) or "")
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.error_list)
        if errors:
            raise ValidationError(errors)
