"""Input parsing for the scheduling web pages (the rules live in services)."""

from __future__ import annotations

import re
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


class UssUploadForm(forms.Form):
    """A Universal Schedule Standard (.uss) file."""

    file = forms.FileField(
        label="Schedule file (.uss)",
        help_text="A Universal Schedule Standard JSON file, 20 MB at most.",
    )

    def clean_file(self):
        """Refuse a file too big to be a schedule before reading it."""
        from prodoffice.scheduling.interchange import MAX_USS_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_USS_BYTES:
            raise forms.ValidationError("The file is too big (20 MB at most).", code="too_big")
        return upload

    @classmethod
    def for_errors(cls) -> UssUploadForm:
        """An empty form the confirmation step's errors can be added to."""
        form = cls()
        form.full_clean()
        form.cleaned_data = {}
        return form
