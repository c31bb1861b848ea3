"""Input parsing for the web: locations, their unavailable dates, the set mapping."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q

from prodoffice.locations.choices import Activity, DayKind, DocumentStatus, Facility, PriceBasis
from prodoffice.locations.models import Document, JurisdictionRule, Location
from prodoffice.locations.services import LOCATION_FIELDS
from prodoffice.locations.services.paperwork import DOCUMENT_FIELDS, RULE_FIELDS
from prodoffice.people.models import Company, Person
from prodoffice.productions.models import Department

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"rows": 2}


class LocationForm(forms.ModelForm):
    """A location's record; backups are other locations of the same production."""

    facilities = forms.MultipleChoiceField(
        choices=Facility.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Location
        fields = (*LOCATION_FIELDS, "backups")
        widgets = {
            name: forms.Textarea(attrs=TEXT)
            for name in (
                "address",
                "restrictions",
                "power_water",
                "parking",
                "truck_access",
                "base_camp",
                "restrooms",
                "hospital_address",
                "notes",
                "noise",
                "neighbours",
                "holding",
            )
        } | {
            "access_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "access_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {"backups": "Other locations that can stand in for this one."}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.production = production
        backups = Location.objects.filter(production=production)
        if self.instance.pk:
            backups = backups.exclude(pk=self.instance.pk)
        self.fields["backups"].queryset = backups
        self.fields["backups"].required = False
        self.fields["permit_office"].queryset = JurisdictionRule.objects.available_to(production)
        # Defaults on the model: a form without them (an older client) keeps the defaults.
        for name in ("kind", "scouting_status"):
            self.fields[name].required = False

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()

    def validate_unique(self) -> None:
        """Uniqueness of the name is the service's to decide (it knows the production)."""

    def service_values(self) -> tuple[dict, list]:
        """Cleaned values as service keyword arguments, and the backups."""
        data = {f: self.cleaned_data.get(f) for f in LOCATION_FIELDS}
        for name, value in data.items():
            if value is None and isinstance(self.fields[name], forms.CharField):
                data[name] = ""
        data["facilities"] = list(data.get("facilities") or [])
        for name in ("kind", "scouting_status"):
            if not data.get(name):
                data.pop(name)
        return data, list(self.cleaned_data.get("backups") or [])


class LocationUnavailabilityForm(forms.Form):
    """Dates (inclusive) the location cannot be used."""

    start_date = forms.DateField(widget=DATE, label="From")
    end_date = forms.DateField(widget=DATE, label="To", help_text="Inclusive.")
    reason = forms.CharField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date is before the start date.")
        return data


class SetLocationForm(forms.Form):
    """Which location a set of the script is shot at (empty: none yet)."""

    set_name = forms.CharField(max_length=200, label="Set")
    location = forms.ModelChoiceField(
        queryset=Location.objects.none(), required=False, empty_label="— no location yet —"
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(production=production)


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DocumentForm(forms.ModelForm):
    """A legal document's record (the status moves through actions, never this form)."""

    activities = forms.MultipleChoiceField(
        choices=Activity.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS
        widgets = {
            **{n: DATE for n in ("effective_date", "expiry_date", "covers_start", "covers_end")},
            "hours_start": TIME,
            "hours_end": TIME,
            "insured_wording": forms.Textarea(attrs=TEXT),
            "notes": forms.Textarea(attrs=TEXT),
        }

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(production=production)
        self.fields["rule"].queryset = JurisdictionRule.objects.available_to(production)
        self.fields["department"].queryset = Department.objects.filter(
            Q(production__isnull=True) | Q(production=production)
        )
        self.fields["contract"].queryset = production.contracts.all()
        self.fields["person"].queryset = Person.objects.filter(
            engagements__production=production
        ).distinct()
        self.fields["company"].queryset = Company.objects.filter(
            Q(home_production__isnull=True) | Q(home_production=production)
        )
        if self.instance.pk:
            self.fields["kind"].disabled = True

    def validate_unique(self) -> None:
        """The service decides."""

    def service_values(self) -> dict:
        """Cleaned values as service keyword arguments."""
        data = {f: self.cleaned_data.get(f) for f in DOCUMENT_FIELDS}
        for name, value in data.items():
            if value is None and isinstance(self.fields[name], forms.CharField):
                data[name] = ""
        if self.instance.pk:
            data.pop("kind")
        return data


class TransitionForm(forms.Form):
    """Move a document to another status (approval: the production manager only)."""

    status = forms.ChoiceField(choices=DocumentStatus.choices)
    note = forms.CharField(required=False, max_length=300)


class UploadForm(forms.Form):
    """A new version of the document's file: PDF, PNG or JPEG."""

    file = forms.FileField(help_text="PDF, PNG or JPEG; a new upload keeps the earlier versions.")


class DependForm(forms.Form):
    """The document depends on another of the production."""

    on = forms.ModelChoiceField(queryset=Document.objects.none(), label="Depends on")

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].queryset = Document.objects.filter(
            production_id=document.production_id
        ).exclude(pk=document.pk)


class DueForm(forms.Form):
    """How many days ahead the due list looks."""

    days = forms.IntegerField(min_value=1, max_value=366, initial=30)


class RangeForm(forms.Form):
    """Optional date range of the readiness board."""

    start = forms.DateField(required=False, widget=DATE, label="From")
    end = forms.DateField(required=False, widget=DATE, label="To")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date is before the start date.")
        return data


class LocationDayForm(forms.Form):
    """A day the location is used: prep, shoot or strike, with its hours and activities."""

    date = forms.DateField(widget=DATE)
    kind = forms.ChoiceField(choices=DayKind.choices, initial=DayKind.PREP, label="Use")
    start_time = forms.TimeField(required=False, widget=TIME, label="From")
    end_time = forms.TimeField(required=False, widget=TIME, label="Until")
    activities = forms.MultipleChoiceField(
        choices=Activity.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class RuleForm(forms.ModelForm):
    """A permit office's rule (the production's own copy)."""

    holidays = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=TEXT),
        help_text="Dates the office is closed, one per line (YYYY-MM-DD).",
    )

    class Meta:
        model = JurisdictionRule
        fields = RULE_FIELDS
        widgets = {"required_wording": forms.Textarea(attrs=TEXT)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["holidays"] = "\n".join(self.instance.holidays or [])

    def clean_holidays(self) -> list[str]:
        out = []
        for n, line in enumerate((self.cleaned_data.get("holidays") or "").split(), start=1):
            try:
                out.append(datetime.date.fromisoformat(line.strip()).isoformat())
            except ValueError as exc:
                raise forms.ValidationError(
                    f"Line {n}: {line!r} is not a date (YYYY-MM-DD)."
                ) from exc
        return sorted(set(out))

    def validate_unique(self) -> None:
        """The service decides."""

    def service_values(self) -> dict:
        data = {f: self.cleaned_data.get(f) for f in RULE_FIELDS}
        for name in ("jurisdiction", "currency", "required_wording"):
            data[name] = data[name] or ""
        data["currency"] = data["currency"].strip().upper()
        return data


class PhotoForm(forms.Form):
    """A scouting photo (PNG or JPEG; checked by content in the service)."""

    file = forms.FileField(label="Photo")
    caption = forms.CharField(max_length=200, required=False)


class CandidateForm(forms.Form):
    """A location considered for a set, at a price (flat or per day)."""

    set_name = forms.CharField(
        label="Set", max_length=200, help_text="As the scene headings write it."
    )
    location = forms.ModelChoiceField(queryset=Location.objects.none())
    price = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    basis = forms.ChoiceField(choices=PriceBasis.choices, initial=PriceBasis.PER_DAY)
    currency = forms.CharField(max_length=3, required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs=TEXT))

    def __init__(self, *args, production, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(production=production)
        if candidate is not None:
            # A candidacy's set and location are what it is; change them by removing it.
            del self.fields["set_name"], self.fields["location"]

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()
