"""Input parsing for the web: people, their cards, languages, credits and agents; companies."""

from __future__ import annotations

from django import forms

from prodoffice.core import display
from prodoffice.people.choices import CompanyKind, Guild, Proficiency
from prodoffice.people.models import PRIVATE_PERSON_FIELDS, Company, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.ModelForm):
    """A person's details; private fields only for those who may see them."""

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "known_as",
            "pronouns",
            "email",
            "email_alt",
            "phone",
            "phone_alt",
            *PRIVATE_PERSON_FIELDS[:6],
            "nationality",
            *PRIVATE_PERSON_FIELDS[6:],
            "years_experience",
            "bio",
        ]
        widgets = {
            "date_of_birth": DATE,
            "passport_expiry": DATE,
            "bio": forms.Textarea(attrs={"rows": 3}),
            "visa_details": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "phone": "International format, e.g. +44 20 7946 0958.",
            "country": "Two-letter code, e.g. GB.",
            "nationality": "Two-letter code, e.g. US.",
            "passport_country": "Two-letter code.",
        }

    def __init__(self, *args, private: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not private:
            for name in PRIVATE_PERSON_FIELDS:
                self.fields.pop(name, None)

    def _post_clean(self):
        # Uniqueness and model rules are the service's job (it reports them per field).
        pass

    def service_values(self) -> dict:
        """Cleaned values for person_create / person_update."""
        return {
            k: ("" if v is None and k not in _NULLABLE else v) for k, v in self.cleaned_data.items()
        }


_NULLABLE = {"date_of_birth", "passport_expiry"}


class QuickPersonForm(forms.Form):
    """The minimum to add someone while engaging them."""

    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(required=False)
    phone = forms.CharField(
        required=False, max_length=30, help_text="International format, e.g. +1 213 555 0143."
    )
    years_experience = forms.IntegerField(min_value=0, max_value=80, initial=0)


class UnionForm(forms.Form):
    """A union or guild card."""

    union = forms.ChoiceField(choices=Guild.choices)
    local = forms.CharField(required=False, max_length=40)
    member_number = forms.CharField(required=False, max_length=40)


class LanguageField(forms.ChoiceField):
    """A language picked by its name; the stored value is its code (fr, pt-BR). A code babel
    knows but the list does not offer (de-AT) is accepted and shown by its name too."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", display.language_choices)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "“%(value)s” is not a language code; pick the language by name."},
        )
        super().__init__(**kwargs)

    def offer(self, code: str) -> None:
        """Make sure the current value is among the choices, so editing never changes it."""
        if code and code not in dict(self.choices):
            self.choices = [(code, display.language_name(code)), *self.choices]

    def valid_value(self, value) -> bool:
        return super().valid_value(value) or display.language_name(value) != value


class LanguageForm(forms.Form):
    """A language spoken."""

    language = LanguageField()
    proficiency = forms.ChoiceField(choices=Proficiency.choices)


class CreditForm(forms.Form):
    """A past credit."""

    title = forms.CharField(max_length=200)
    year = forms.IntegerField(min_value=1880, max_value=2100)
    position = forms.CharField(max_length=100)


class RepresentationForm(forms.Form):
    """An agent, manager or loan-out company."""

    kind = forms.ChoiceField(
        choices=[("agent", "Agent"), ("manager", "Manager"), ("loan_out", "Loan-out company")]
    )
    agent = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    agency = forms.ModelChoiceField(queryset=Company.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = Person.objects.for_user(user)
        self.fields["agency"].queryset = Company.objects.for_user(user)


class CompanyForm(forms.Form):
    """A studio, vendor, agency or loan-out."""

    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=CompanyKind.choices)
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=30)
    website = forms.URLField(required=False, assume_scheme="https")
    address = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    country = forms.CharField(required=False, max_length=2, help_text="Two-letter code, e.g. GB.")
