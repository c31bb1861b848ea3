"""Input of the call sheet pages: a new draft's date, the header, a personal call, publishing."""

from __future__ import annotations

from django import forms

from prodoffice.callsheets.models import CallSheet
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
