"""Input parsing for the web: locations, their unavailable dates, the set mapping."""

from __future__ import annotations

from django import forms

from prodoffice.locations.models import Location
from prodoffice.locations.services import LOCATION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"rows": 2}


class LocationForm(forms.ModelForm):
    """A location's record; backups are other locations of the same production."""

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
            )
        }
        help_texts = {"backups": "Other locations that can stand in for this one."}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        backups = Location.objects.filter(production=production)
        if self.instance.pk:
            backups = backups.exclude(pk=self.instance.pk)
        self.fields["backups"].queryset = backups
        self.fields["backups"].required = False

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
