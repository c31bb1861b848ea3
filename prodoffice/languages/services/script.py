"""Writes of dubbing scripts: a line by hand, a whole language's script from a CSV or XLSX."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, save_changes
from prodoffice.languages import script_io
from prodoffice.languages.models import DubbingLine
from prodoffice.languages.services._common import language_tag, require_office

LINE_FIELDS = ("language", "number", "scene", "character", "original", "adapted", "tc_in", "tc_out")


@transaction.atomic
def dubbing_line_add(*, actor, production, **values: Any) -> DubbingLine:
    """One line of a language's dubbing script (office); without a number it goes last."""
    require_office(actor, production)
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    values["language"] = language_tag(values.get("language", ""))
    if not values.get("character"):
        raise ValidationError({"character": "Say who speaks the line."})
    if not values.get("original"):
        raise ValidationError({"original": "Give the original text of the line."})
    values["tc_in"] = script_io.timecode(values.get("tc_in", ""), "tc_in")
    values["tc_out"] = script_io.timecode(values.get("tc_out", ""), "tc_out")
    script_io.check_order(values["tc_in"], values["tc_out"])
    lines = DubbingLine.objects.filter(production=production, language=values["language"])
    if not values.get("number"):
        values["number"] = (lines.aggregate(n=Max("number"))["n"] or 0) + 1
    line = DubbingLine(production=production)
    with integrity_as_validation(
        f"Line {values['number']} of the {values['language']} script already exists."
    ):
        save_changes(line, values, LINE_FIELDS)
    record(actor=actor, action="dubbing.line_add", target=line, production=production)
    return line


@transaction.atomic
def dubbing_script_import(
    *, actor, production, language: str, filename: str, data: bytes
) -> list[DubbingLine]:
    """Replace a language's dubbing script with the lines of a CSV or XLSX file (office); a bad
    row refuses the whole file, naming its line, and the old script stays."""
    require_office(actor, production)
    language = language_tag(language)
    rows = script_io.parse_script(data, filename or "")
    lines = [
        DubbingLine(
            production=production,
            language=language,
            number=row.number,
            scene=row.scene,
            character=row.character,
            original=row.original,
            adapted=row.adapted,
            tc_in=row.tc_in,
            tc_out=row.tc_out,
        )
        for row in rows
    ]
    for line in lines:
        try:
            line.full_clean(exclude=["production"], validate_unique=False)
        except ValidationError as exc:
            where = f"line number {line.number}"
            raise ValidationError(
                {"file": [f"{where}: {k}: {' '.join(v)}" for k, v in exc.message_dict.items()]}
            ) from None
    removed, _ = DubbingLine.objects.filter(production=production, language=language).delete()
    created = DubbingLine.objects.bulk_create(lines)
    # bulk_create skips signals and save(): the audit is written here, once for the file.
    record(
        actor=actor,
        action="dubbing.import",
        target=production,
        production=production,
        changes={"lines": [removed, len(created)]},
        message=f"{language}: {filename}",
    )
    return created
