"""Sign-in forms: the second factor."""

from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app."""

    token = forms.CharField(
        label="Code from your authenticator app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        value = self.cleaned_data["token"].replace(" ", "")
        if not value.isdigit():
            raise forms.ValidationError("Enter the digits shown in your authenticator app.")
        return value
