"""Input parsing for the contract desk: a draft's terms, its parties, and the office's actions.

Business rules stay in the services; these forms only parse. A publicity contract type passes
through parsing so the model and the service refuse it with the office's own message.
"""

from __future__ import annotations

from django import forms

from prodoffice.contracts.choices import PUBLICITY, ContractType, PartyRole
from prodoffice.contracts.models import Contract
from prodoffice.contracts.services.drafting import TERM_FIELDS
from prodoffice.people.models import Company, Person
from prodoffice.productions.models import Engagement

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = {"rows": 3}
DEADLINE_HELP = (
    "Parties must sign before this time, in the production's time zone; leave empty for 14 days."
)


class ContractTypeField(forms.ChoiceField):
    """The contract types the office handles; "publicity" is parsed so the refusal is named."""

    def valid_value(self, value) -> bool:
        return value == PUBLICITY or super().valid_value(value)


class ContractForm(forms.ModelForm):
    """A draft's deal-memo terms (create: with its type; edit: the type stays)."""

    contract_type = ContractTypeField(label="Type", choices=ContractType.choices)

    class Meta:
        model = Contract
        fields = ("contract_type", *TERM_FIELDS)
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "expires_at": MOMENT,
            "overtime_terms": forms.Textarea(attrs=TEXT),
            "clauses": forms.Textarea(attrs=TEXT),
        }
        labels = {"expires_at": "Signing deadline"}
        help_texts = {"rate": "Before tax, in the currency below.", "expires_at": DEADLINE_HELP}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.production = production
        if self.instance.pk:
            del self.fields["contract_type"]
        engagements = Engagement.objects.filter(production=production)
        self.fields["engagement"].queryset = engagements.select_related("person", "position")
        self.fields["engagement"].label_from_instance = lambda e: f"{e.person} – {e.position}"
        # The companies this production references (never another production's agencies).
        companies = Company.objects.referenced_by([production.pk]).order_by("name")
        self.fields["agency"].queryset = companies
        self.fields["loan_out_company"].queryset = companies
        self.fields["currency"].widget.attrs.update({"maxlength": 3, "placeholder": "USD"})

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()

    def validate_unique(self) -> None:
        """Numbering is the service's (it locks the production's last number)."""

    def service_values(self) -> dict:
        """Cleaned terms as service keyword arguments ("" for empty text, None otherwise)."""
        data = {f: self.cleaned_data.get(f) for f in TERM_FIELDS}
        for name, value in data.items():
            if value is None and isinstance(self.fields[name], forms.CharField):
                data[name] = ""
        return data


class PartyForm(forms.Form):
    """A counterparty of a draft: a person, or a company signing through that person."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), help_text="Who signs (the company's signatory)."
    )
    company = forms.ModelChoiceField(
        queryset=Company.objects.none(),
        required=False,
        help_text="When the party is a company (a loan-out, a vendor).",
    )
    role = forms.ChoiceField(choices=PartyRole.choices)
    email = forms.EmailField(
        required=False, label="E-mail", help_text="Where the signing link goes (default: theirs)."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.for_user(user, "change").order_by("last_name", "first_name")
        self.fields["person"].queryset = people
        self.fields["company"].queryset = Company.objects.for_user(user).order_by("name")


class SendForm(forms.Form):
    expires_at = forms.DateTimeField(
        required=False, label="Signing deadline", widget=MOMENT, help_text=DEADLINE_HELP
    )


class VoidForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text="Kept in the contract's history.")


class AmendmentForm(forms.Form):
    title = forms.CharField(max_length=200, label="Amendment title")


class CountersignForm(forms.Form):
    otp_code = forms.CharField(
        max_length=10,
        label="Authenticator code",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
