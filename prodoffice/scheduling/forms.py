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


# --- Breakdown desk --------------------------------------------------------------------------

DROP_HELP = (
    "Calendar days between release and pick-up. SAG-AFTRA lets a day performer be dropped only "
    "with a firm pick-up date more than 10 days (US theatrical and TV films) or 14 days (others) "
    "after release, once per production."
)


class CategoryChoiceField(forms.ModelChoiceField):
    """A category of the production, shown with its UCID."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.ucid})"


class ElementCreateForm(forms.Form):
    """A new element, straight into a scene's breakdown."""

    name = forms.CharField(max_length=120, label="New element")
    category = CategoryChoiceField(queryset=None, label="Category")

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class ElementEditForm(forms.Form):
    """Name, board ID, category, notes and day-out-of-days rules of an element."""

    name = forms.CharField(max_length=120)
    board_id = forms.CharField(
        label="Board ID", max_length=12, required=False, help_text="Cast: the cast number."
    )
    category = CategoryChoiceField(queryset=None)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    hold_allowed = forms.BooleanField(
        required=False, help_text="Days between first and last work are holds (paid)."
    )
    drop_allowed = forms.BooleanField(
        label="Drop and pick-up allowed",
        required=False,
        help_text="Released between two work periods when the gap is long enough.",
    )
    drop_min_days = forms.IntegerField(
        label="Minimum drop gap (days)", min_value=1, max_value=365, help_text=DROP_HELP
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class CategoryForm(forms.Form):
    """Rename or recolour one category."""

    name = forms.CharField(max_length=60)
    colour = forms.RegexField(
        regex=r"^#[0-9a-fA-F]{6}$",
        max_length=7,
        error_messages={"invalid": "Use a hex colour such as #e53935."},
        widget=forms.TextInput(attrs={"type": "color"}),
    )
