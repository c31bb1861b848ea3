"""Input parsing for the scheduling web pages (the rules live in services)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import PurePosixPath

from django import forms

from prodoffice.scheduling.choices import REVISION_COLOUR_CHOICES, ElementEventKind
from prodoffice.scheduling.models import DayType
from prodoffice.scheduling.services.script import MAX_SCRIPT_BYTES
from prodoffice.scheduling.uss_fields import MAX_USS_BYTES

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
    new_script = forms.BooleanField(
        label="Start a new script",
        required=False,
        help_text="Not a revision of the current script: scenes are numbered afresh and the "
        "current script is kept in the history.",
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


# --- Stripboards and the production calendar --------------------------------------------------


class BoardCreateForm(forms.Form):
    """A new board: from the current draft's scenes in script order, or empty."""

    name = forms.CharField(max_length=120)
    source = forms.ChoiceField(
        choices=[("script", "Every scene of the current script"), ("empty", "Empty")],
        initial="script",
        widget=forms.RadioSelect,
    )


class BoardNameForm(forms.Form):
    """A board's name (rename) or the name of its what-if copy."""

    name = forms.CharField(max_length=120)


class PaletteForm(forms.Form):
    """The four strip colours of a board."""

    white = forms.CharField(label="INT day", max_length=7)
    yellow = forms.CharField(label="EXT day", max_length=7)
    blue = forms.CharField(label="INT night", max_length=7)
    green = forms.CharField(label="EXT night", max_length=7)


class StripMoveForm(forms.Form):
    """A strip to a position (1 = first, counted over the whole board) and, optionally, into or
    out of the boneyard."""

    strip = forms.IntegerField(min_value=1)
    position = forms.IntegerField(min_value=1)
    boneyard = forms.TypedChoiceField(
        choices=[("", "unchanged"), ("1", "into the boneyard"), ("0", "onto the board")],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )


class StripForm(forms.Form):
    """One strip of the board (remove a day break, send a scene to or from the boneyard)."""

    strip = forms.IntegerField(min_value=1)
    to = forms.ChoiceField(choices=[("boneyard", "boneyard"), ("board", "board")], required=False)


class StripInsertForm(forms.Form):
    """A day break or a banner at a position of the board."""

    kind = forms.ChoiceField(
        choices=[("day_break", "Day break"), ("banner", "Banner")], initial="day_break"
    )
    position = forms.IntegerField(
        min_value=1, help_text="Before the strip now at this position (1 = first)."
    )
    banner_kind = forms.ChoiceField(
        choices=[("company_move", "Company move"), ("meal", "Meal"), ("note", "Note")],
        required=False,
    )
    text = forms.CharField(max_length=200, required=False)


WEEKDAYS = [(0, "Mon"), (1, "Tue"), (2, "Wed"), (3, "Thu"), (4, "Fri"), (5, "Sat"), (6, "Sun")]


class CalendarForm(forms.Form):
    """Start date and working weekdays; the exception days are the `CalendarDayFormSet` rows."""

    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    working_weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CalendarDayForm(forms.Form):
    """One exception day: a date from the date picker, its type, an optional name."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    type = forms.ChoiceField(choices=[("", "Type ..."), *DayType.choices])
    name = forms.CharField(max_length=100, required=False)

    def has_changed(self) -> bool:
        # A blank extra row (no date, the type's placeholder, no name) is no day: left out.
        return any(self.data.get(self.add_prefix(key)) for key in ("date", "type", "name"))


class BaseCalendarDayFormSet(forms.BaseFormSet):
    """The exception days; a row's errors say which row (`Day 2: ...`)."""

    def clean(self) -> None:
        """One row per date: a second row on the same date names both rows."""
        seen: dict[datetime.date, int] = {}
        errors = []
        for number, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("date") or data.get("DELETE"):
                continue
            first = seen.setdefault(data["date"], number)
            if first != number:
                errors.append(f"Day {number}: {data['date']:%a %-d %b %Y} is already day {first}.")
        if errors:
            raise forms.ValidationError(errors)

    def days(self) -> list[tuple[datetime.date, str, str]]:
        """(date, type, name) of every filled row not ticked for removal, in date order."""
        rows = [
            (f.cleaned_data["date"], f.cleaned_data["type"], f.cleaned_data.get("name", ""))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        return sorted(rows)

    def error_lines(self) -> list[str]:
        """Every row's errors as one line naming the row and the field."""
        lines = [str(e) for e in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            for field, errors in form.errors.items():
                known = form.fields.get(field)
                label = (known.label if known else None) or field.capitalize()
                lines += [f"Day {number}: {label}: {error}" for error in errors]
        return lines


CalendarDayFormSet = forms.formset_factory(
    CalendarDayForm, formset=BaseCalendarDayFormSet, extra=3, can_delete=True
)


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


class ElementEventForm(forms.Form):
    """One travel, fitting or rehearsal day of an element (prefix "event")."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Event", choices=ElementEventKind.choices)


class CategoryForm(forms.Form):
    """Rename or recolour one category."""

    name = forms.CharField(max_length=60)
    colour = forms.RegexField(
        regex=r"^#[0-9a-fA-F]{6}$",
        max_length=7,
        error_messages={"invalid": "Use a hex colour such as #e53935."},
        widget=forms.TextInput(attrs={"type": "color"}),
    )


class UssUploadForm(forms.Form):
    """A Universal Schedule Standard (.uss) file."""

    file = forms.FileField(
        label="Schedule file (.uss)",
        help_text="A Universal Schedule Standard JSON file, 20 MB at most.",
    )

    def clean_file(self):
        """Refuse a file too big to be a schedule before reading it."""
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
