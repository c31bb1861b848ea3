"""Input of the call sheet pages: a new draft's date, the header, a personal call, publishing."""

from __future__ import annotations

from django import forms

from prodoffice.callsheets.models import CallSettings, CallSheet
from prodoffice.callsheets.services.sheets import HEADER_FIELDS


class NewDraftForm(forms.Form):
    """A shoot day's date."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


class HeaderForm(forms.ModelForm):
    """The times and notes of a draft."""

    class Meta:
        model = CallSheet
        fields = HEADER_FIELDS
        widgets = {
            name: forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            for name in ("general_call", "shooting_call", "breakfast", "lunch", "estimated_wrap")
        } | {
            "safety_notes": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "background": forms.Textarea(attrs={"rows": 2}),
        }


class CallForm(forms.Form):
    """One person's call set by hand: a time, or back to the computed one."""

    engagement = forms.UUIDField(widget=forms.HiddenInput)
    at = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    note = forms.CharField(required=False, max_length=200)
    reset = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("reset") and data.get("at") is None and not self.errors:
            self.add_error("at", "Give the call as HH:MM.")
        return data


class PublishForm(forms.Form):
    """Publishing: the override reason when warnings are open."""

    override_reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _pairs(text: str, field: str, *, low: int, high: int, what: str) -> dict[str, int]:
    """`NAME=NUMBER` lines as a dictionary; a bad line is named by its number."""
    pairs: dict[str, int] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = (part.strip() for part in line.partition("="))
        try:
            amount = int(value)
        except ValueError:
            amount = None
        if not sep or not name or amount is None or not low <= amount <= high:
            raise forms.ValidationError(
                f"Line {number} (“{line.strip()[:40]}”): give NAME={what} ({low} to {high})."
            )
        pairs[name] = amount
    return pairs


class SettingsForm(forms.ModelForm):
    """The production's call sheet rules; offsets and union rest periods one `NAME=N` a line."""

    offsets_text = forms.CharField(
        label="Department offsets (slug=minutes from general call, one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    unions_text = forms.CharField(
        label="Rest period per union (UNION=hours, one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_to = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Confirmations and alarms go to",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = CallSettings
        fields = (
            "cutoff_time",
            "alarm_hours",
            "rest_hours",
            "minutes_per_page",
            "hmu_minutes",
            "wardrobe_minutes",
            "pickup_minutes",
            "hide_cast_names",
        )
        widgets = {"cutoff_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm_to"].queryset = production.engagements.select_related(
            "person", "position"
        ).order_by("position__title", "person__last_name")
        self.fields["confirm_to"].label_from_instance = lambda e: f"{e.person} ({e.position})"
        rules = self.instance
        if not self.is_bound:
            self.initial["offsets_text"] = "\n".join(
                f"{k}={v}" for k, v in sorted(rules.department_offsets.items())
            )
            self.initial["unions_text"] = "\n".join(
                f"{k}={v}" for k, v in sorted((rules.union_rest_hours or {}).items())
            )
            if rules.pk:
                self.initial["confirm_to"] = list(rules.confirm_to.all())

    def clean_offsets_text(self) -> dict[str, int]:
        return _pairs(
            self.cleaned_data["offsets_text"], "offsets", low=-1440, high=1440, what="MINUTES"
        )

    def clean_unions_text(self) -> dict[str, int]:
        return _pairs(self.cleaned_data["unions_text"], "unions", low=0, high=48, what="HOURS")

    def values(self) -> dict:
        """The service's values (names of the model's fields)."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["department_offsets"] = self.cleaned_data["offsets_text"]
        data["union_rest_hours"] = self.cleaned_data["unions_text"]
        return data


class WrapForm(forms.Form):
    """When one person is dismissed (their own wrap); empty: back to the computed one."""

    engagement = forms.UUIDField(widget=forms.HiddenInput)
    wrap = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
