"""Input parsing for the web pages of the language desk (the services decide the rules)."""

from __future__ import annotations

from django import forms

from prodoffice.core.display import language_choices
from prodoffice.languages.choices import (
    DeliveryKind,
    GlossaryCategory,
    InterpretingPurpose,
    LanguageRole,
    RateUnit,
    SessionStatus,
    Specialism,
    SubtitleKind,
    WorkKind,
    WorkStatus,
)
from prodoffice.languages.conversion import CONVERTIBLE
from prodoffice.people.choices import Proficiency
from prodoffice.post.choices import BookingLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FPS_HELP = "24, 25, 23.976 (24000/1001) ... Blank with a cut version: the cut's rate."


def _language(label: str = "Language") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "—"), *language_choices()])


class LanguageForm(forms.Form):
    """A language of the production."""

    language = _language()
    role = forms.ChoiceField(choices=LanguageRole.choices, initial=LanguageRole.TARGET)
    kinds = forms.MultipleChoiceField(
        choices=DeliveryKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    territories = forms.CharField(
        required=False, help_text="ISO 3166 country codes separated by spaces or commas (ES MX AR)."
    )
    children = forms.BooleanField(
        required=False, help_text="Children's programme: slower reading speed."
    )

    def clean_territories(self) -> list[str]:
        raw = self.cleaned_data.get("territories") or ""
        return [code for code in raw.replace(",", " ").upper().split() if code]


class WorkItemForm(forms.Form):
    """A piece of language work."""

    language = _language()
    kind = forms.ChoiceField(choices=WorkKind.choices)
    assignee = forms.ModelChoiceField(queryset=None, required=False)
    due_date = forms.DateField(required=False, widget=DATE)
    subtitle_file = forms.ModelChoiceField(queryset=None, required=False, label="Subtitle track")
    cut_version = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, linguists, tracks, cut_versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = linguists
        self.fields["subtitle_file"].queryset = tracks
        self.fields["cut_version"].queryset = cut_versions


class WorkStatusForm(forms.Form):
    """The status a work item moves to."""

    status = forms.ChoiceField(choices=WorkStatus.choices)


class SubtitleUploadForm(forms.Form):
    """A subtitle file, its language and what it was timed against."""

    file = forms.FileField(
        help_text="SRT, WebVTT, TTML/IMSC, ASS or SSA; 5 MB at most. Any encoding."
    )
    language = _language()
    name = forms.CharField(
        max_length=200, required=False, help_text="The track's name (blank: the file's)."
    )
    kind = forms.ChoiceField(choices=SubtitleKind.choices)
    cut_version = forms.ModelChoiceField(
        queryset=None, required=False, help_text="The cut it was timed against."
    )
    fps = forms.CharField(label="Frame rate", required=False, max_length=16, help_text=FPS_HELP)

    def __init__(self, *args, cut_versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cut_version"].queryset = cut_versions


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (the view reads them with `getlist`)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files, kept as they came: an empty or unreadable one is reported in its own row."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f is not None and hasattr(f, "read")]


class BatchQcForm(forms.Form):
    """Many subtitle files checked at once (nothing is kept)."""

    files = MultipleFileField(
        widget=MultipleFileInput(attrs={"multiple": True}),
        required=False,
        help_text="Up to 50 files.",
    )
    language = _language()
    fps = forms.CharField(label="Frame rate", initial="24", max_length=16, help_text=FPS_HELP)
    children = forms.BooleanField(required=False)


class CutReviewForm(forms.Form):
    """The newer cut version to check a subtitle version against."""

    cut_version = forms.ModelChoiceField(queryset=None, label="New cut version")

    def __init__(self, *args, cut_versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cut_version"].queryset = cut_versions


class GlossaryForm(forms.Form):
    """A glossary entry."""

    language = _language()
    term = forms.CharField(max_length=200)
    rendering = forms.CharField(max_length=200, required=False, help_text="Blank: the term itself.")
    variants = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Wrong renderings, one a line.",
    )
    category = forms.ChoiceField(choices=GlossaryCategory.choices, initial=GlossaryCategory.TERM)


class GlossarySeedForm(forms.Form):
    """The language whose glossary is seeded from the cast and the script."""

    language = _language()


class LinguistForm(forms.Form):
    """A translator or vendor from the directory, with a first language pair."""

    person = forms.ModelChoiceField(queryset=None, required=False)
    company = forms.ModelChoiceField(queryset=None, required=False)
    specialisms = forms.MultipleChoiceField(
        choices=Specialism.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    source = _language("From")
    target = _language("Into")
    proficiency = forms.ChoiceField(choices=Proficiency.choices, initial=Proficiency.PROFESSIONAL)
    years_experience = forms.IntegerField(min_value=0, max_value=80, initial=0)
    rate = forms.DecimalField(min_value=0, max_digits=10, decimal_places=2, required=False)
    currency = forms.CharField(max_length=3, initial="EUR")
    rate_unit = forms.ChoiceField(choices=RateUnit.choices)

    def __init__(self, *args, people, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["company"].queryset = companies


class VoiceRoleForm(forms.Form):
    """Who voices a character in a dubbed language."""

    language = _language()
    character = forms.CharField(max_length=120)
    performer = forms.ModelChoiceField(queryset=None, required=False)
    engagement = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Engagement",
        help_text="The performer's engagement on the crew list: booked with each session.",
    )

    def __init__(self, *args, people, engagements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["performer"].queryset = people
        self.fields["engagement"].queryset = engagements


class SessionForm(forms.Form):
    """A recording session for a voice role, as a booking of a post room."""

    voice_role = forms.ModelChoiceField(queryset=None)
    room = forms.ModelChoiceField(queryset=None, help_text="A post room (Post → Rooms).")
    starts_at = forms.DateTimeField(widget=DATETIME)
    ends_at = forms.DateTimeField(widget=DATETIME)
    level = forms.ChoiceField(choices=BookingLevel.choices, initial=BookingLevel.CONFIRMED)

    def __init__(self, *args, roles, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voice_role"].queryset = roles
        self.fields["room"].queryset = rooms


class SessionStatusForm(forms.Form):
    """A session recorded, cancelled (its room released) or booked again."""

    status = forms.ChoiceField(choices=SessionStatus.choices)


class DubbingLineForm(forms.Form):
    """One line of a dubbing script."""

    language = _language()
    number = forms.IntegerField(min_value=1, required=False, help_text="Blank: after the last.")
    scene = forms.CharField(max_length=20, required=False)
    character = forms.CharField(max_length=120)
    original = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    adapted = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    tc_in = forms.CharField(label="Timecode in", max_length=16, required=False)
    tc_out = forms.CharField(label="Timecode out", max_length=16, required=False)


class DubbingImportForm(forms.Form):
    """A whole dubbing script from a spreadsheet (it replaces the language's script)."""

    language = _language()
    file = forms.FileField(
        help_text="CSV or XLSX with a header row: character, original (required); number, "
        "scene, adapted, in, out (timecodes)."
    )


class InterpreterForm(forms.Form):
    """An interpreter booked for a shoot day or an ADR session."""

    linguist = forms.ModelChoiceField(queryset=None, label="Interpreter")
    purpose = forms.ChoiceField(choices=InterpretingPurpose.choices)
    date = forms.DateField(widget=DATE)
    languages = forms.CharField(max_length=80, help_text="Between which languages, e.g. en ↔ ko.")

    def __init__(self, *args, linguists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linguist"].queryset = linguists


class ConvertForm(forms.Form):
    """The format to download a version in."""

    to = forms.ChoiceField(choices=[(f, f.upper()) for f in CONVERTIBLE])
