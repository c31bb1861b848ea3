"""Input parsing for the scheduling web pages (the rules live in services)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import PurePosixPath

from django import forms

from prodoffice.scheduling.choices import REVISION_COLOUR_CHOICES
from prodoffice.scheduling.services import MAX_SCRIPT_BYTES

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def safe_filename(name: str) -> str:
    """The last part of an uploaded name, without control characters: a format hint, never a
    path (browsers and scripts may send `C:\\drafts\\x.fdx` or `../../x`)."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    base = _UNSAFE.sub("", base).strip(" .") or "script"
    return base[-120:]


class ScriptUploadForm(forms.Form):
    """A Fountain or Final Draft file and, for a revision, its colour (blank: the next one)."""

    file = forms.FileField(
        label="Script file",
        help_text="Fountain (.fountain, .txt) or Final Draft (.fdx), 10 MB at most.",
    )
    revision_colour = forms.ChoiceField(
        choices=[("", "Next colour in order"), *REVISION_COLOUR_CHOICES],
        required=False,
    )

    def clean_file(self):
        """Refuse a file too big to be a script before reading it (Django refuses empty ones)."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SCRIPT_BYTES:
            raise forms.ValidationError(
                "The file is too big to be a script (10 MB at most).", code="too_big"
            )
        return upload

    @classmethod
    def for_errors(cls) -> ScriptUploadForm:
        """An empty form that the confirmation step's errors can be added to (no upload then:
        an unbound form has no cleaned_data for add_error to update)."""
        form = cls()
        form.full_clean()
        form.cleaned_data = {}
        return form


class OptimizeForm(forms.Form):
    """The settings of one optimizer run (defaults from the production; rules in the service)."""

    time_limit = forms.IntegerField(
        label="Time limit (seconds)", min_value=1, max_value=3600, initial=30,
        help_text="The run stops at this limit with its best schedule and a lower bound.",
    )  # fmt: skip
    max_pages = forms.DecimalField(
        label="Pages a day at most", min_value=Decimal("0.125"), max_value=100,
        decimal_places=3, help_text="In pages (5 = 40 eighths; 4.5 = 4 4/8).",
    )  # fmt: skip
    company_move_cost = forms.IntegerField(
        label="Cost of a company move", min_value=0,
        help_text="In the production's currency; each extra visit to a set is a move.",
    )  # fmt: skip
    separate_day_night = forms.BooleanField(
        label="Keep day and night scenes on separate days", required=False
    )

    def settings(self) -> dict:
        """The cleaned form as service settings."""
        data = self.cleaned_data
        return {
            "max_eighths_per_day": max(1, round(data["max_pages"] * 8)),
            "company_move_cost": data["company_move_cost"],
            "separate_day_night": data["separate_day_night"],
        }
