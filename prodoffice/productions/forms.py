"""Input parsing for the web: engagement, meeting and membership forms (rules live in services)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import Role
from prodoffice.people.choices import CompanyKind
from prodoffice.people.forms import LanguageField
from prodoffice.people.models import Company, Person
from prodoffice.productions.choices import (
    AttendanceStatus,
    CrewListContacts,
    MeetingKind,
    ProductionType,
    RateUnit,
    UnavailabilityKind,
)
from prodoffice.productions.models import Department, Engagement, Position

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PositionChoiceField(forms.ModelChoiceField):
    """Positions labelled with their department."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.department.name} – {obj.title}"


class CatalogueScopedForm(forms.Form):
    """A form whose department and position pickers offer one production's catalogue: the
    shared entries and the production's local ones (never another production's)."""

    def __init__(self, *args, production=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if production is not None and queryset is not None:
                if queryset.model in (Department, Position):
                    field.queryset = queryset.for_production(production)
            elif queryset is not None and queryset.model in (Department, Position):
                field.queryset = queryset.shared()


class EngagementChoiceField(forms.ModelChoiceField):
    """Engagements labelled by person and position."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.person.full_name} ({obj.position.title})"


class EngagementForm(forms.Form):
    """Put someone on the production, or change their terms. Rate fields only for the office."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        help_text="Someone already in the directory; add a new person below if they are not.",
    )
    position = PositionChoiceField(queryset=Position.objects.none())
    start_date = forms.DateField(required=False, widget=DATE)
    end_date = forms.DateField(required=False, widget=DATE, help_text="Leave empty while unknown.")
    reports_to = EngagementChoiceField(
        queryset=Engagement.objects.none(),
        required=False,
        empty_label="— the position's default superior —",
        help_text="Empty: the position's default superior on this production.",
    )
    cast_number = forms.IntegerField(
        required=False, min_value=1, help_text="Cast only: the board ID, by billing."
    )
    character = forms.CharField(required=False, max_length=120, help_text="Cast only.")
    rate = forms.DecimalField(required=False, max_digits=12, decimal_places=2, min_value=0)
    rate_unit = forms.ChoiceField(
        required=False, choices=[("", "—"), *RateUnit.choices], label="Rate unit"
    )
    currency = forms.CharField(
        required=False, max_length=3, help_text="ISO 4217, e.g. USD, GBP, EUR."
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, production, engagement=None, rates: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_user(user).order_by(
            "last_name", "first_name"
        )
        positions = Position.objects.for_production(production).select_related("department")
        dept = _headed_department(user, production)
        self.fields["position"].queryset = (
            positions.filter(department_id=dept) if dept else positions
        )
        bosses = (
            Engagement.objects.for_user(user)
            .filter(production=production)
            .select_related("person", "position")
        )
        if engagement is not None:
            bosses = bosses.exclude(pk=engagement.pk)
            del self.fields["person"]
        self.fields["reports_to"].queryset = bosses
        if not rates:
            for name in ("rate", "rate_unit", "currency"):
                del self.fields[name]
        elif not self.is_bound and engagement is None:
            self.initial.setdefault("currency", production.currency)

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()

    def clean(self):
        """The same checks the service makes, so inline validation shows them before saving."""
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date is before the start date.")
        if data.get("rate") is not None:
            if not data.get("currency"):
                self.add_error("currency", "A rate needs a currency (ISO 4217, e.g. USD).")
            if not data.get("rate_unit"):
                self.add_error("rate_unit", "A rate needs a unit (hour, day, week, flat, episode).")
        return data

    def service_values(self) -> dict:
        """Cleaned values as service keyword arguments (person apart)."""
        data = dict(self.cleaned_data)
        data.pop("person", None)
        for name in ("character", "notes", "rate_unit", "currency"):
            if name in data and data[name] is None:
                data[name] = ""
        return data


def _headed_department(user, production):
    if user.is_superuser or perms.is_office(user, production.pk):
        return None
    return perms.headed_department(user, production.pk)


class StatusForm(forms.Form):
    """A status or phase transition button."""

    status = forms.CharField(max_length=20)


class MeetingForm(CatalogueScopedForm):
    """Call a meeting; the invited departments' confirmed people are invited."""

    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=[c for c in MeetingKind.choices if c[0] != MeetingKind.KICKOFF],
        initial=MeetingKind.PRODUCTION,
    )
    starts_at = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In the production's time zone.",
    )
    duration_minutes = forms.IntegerField(
        min_value=5, max_value=600, initial=60, label="Duration (minutes)"
    )
    location = forms.CharField(required=False, max_length=200)
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Their confirmed people are invited.",
    )


class AgendaItemForm(CatalogueScopedForm):
    """A point on the agenda."""

    title = forms.CharField(max_length=200, label="Agenda point")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(queryset=Department.objects.all(), required=False)


class DecisionForm(forms.Form):
    """A decision taken."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Decision")


class ActionItemForm(forms.Form):
    """A task with an assignee and a due date."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Action")
    assignee = EngagementChoiceField(queryset=Engagement.objects.none(), required=False)
    due_date = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, user, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            Engagement.objects.for_user(user)
            .filter(production=production)
            .select_related("person", "position")
        )


class AttendanceForm(forms.Form):
    """Record whether someone came."""

    engagement = forms.UUIDField()
    status = forms.ChoiceField(choices=AttendanceStatus.choices)


class AttendanceAllForm(forms.Form):
    """Mark everyone not marked yet (present, unless said otherwise)."""

    status = forms.ChoiceField(
        choices=[c for c in AttendanceStatus.choices if c[0] != AttendanceStatus.INVITED],
        initial=AttendanceStatus.PRESENT,
    )


class MinutesForm(forms.Form):
    """Free-form notes taken during the meeting."""

    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))


class MembershipForm(CatalogueScopedForm):
    """Give a user (by username or e-mail) a role on the production."""

    user = forms.CharField(max_length=254, label="Username or e-mail")
    role = forms.ChoiceField(choices=Role.choices)
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(),
        required=False,
        help_text="Required for department heads.",
    )

    def clean_user(self):
        value = self.cleaned_data["user"].strip()
        user = (
            get_user_model()
            .objects.filter(Q(username__iexact=value) | Q(email__iexact=value))
            .first()
        )
        if user is None or not user.is_active:
            raise forms.ValidationError("No active user with that username or e-mail.")
        return user

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.DEPARTMENT_HEAD and not data.get("department"):
            self.add_error("department", "A department head needs a department.")
        return data


class ProductionForm(forms.Form):
    """Open a production or change its details (the phase moves by its own buttons)."""

    title = forms.CharField(max_length=200)
    code = forms.CharField(
        max_length=20, help_text="2 to 20 capital letters, digits or dashes, e.g. HARBOR."
    )
    kind = forms.ChoiceField(label="Type", choices=ProductionType.choices)
    start_date = forms.DateField(required=False, widget=DATE, help_text="First day of prep.")
    shoot_start = forms.DateField(required=False, widget=DATE, label="First shoot day")
    shoot_end = forms.DateField(required=False, widget=DATE, label="Last shoot day")
    end_date = forms.DateField(required=False, widget=DATE, help_text="Delivery.")
    original_language = LanguageField(initial="en")
    studio = forms.ModelChoiceField(queryset=Company.objects.none(), required=False)
    production_company = forms.ModelChoiceField(queryset=Company.objects.none(), required=False)
    office_address = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    office_phone = forms.CharField(required=False, max_length=30)
    office_email = forms.EmailField(required=False)
    time_zone = forms.CharField(
        max_length=64, initial="UTC", help_text="IANA name, e.g. Europe/London, America/New_York."
    )
    currency = forms.CharField(max_length=3, initial="USD", help_text="ISO 4217, e.g. USD.")
    use_24h_clock = forms.BooleanField(required=False, initial=True, label="24-hour clock")
    crew_list_contacts = forms.TypedChoiceField(
        label="Contacts on the printed crew list",
        choices=CrewListContacts.choices,
        initial=CrewListContacts.ALL,
        required=False,
        empty_value=CrewListContacts.ALL,
        help_text="What the crew list printed for distribution shows of each person's contacts.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        companies = Company.objects.for_user(user).order_by("name")
        self.fields["original_language"].offer(self.initial.get("original_language", ""))
        self.fields["studio"].queryset = companies.filter(kind=CompanyKind.STUDIO)
        self.fields["production_company"].queryset = companies.filter(
            kind=CompanyKind.PRODUCTION_COMPANY
        )


class DepartmentForm(CatalogueScopedForm):
    """A department local to the production (the shared catalogue is the administrators')."""

    name = forms.CharField(max_length=80)
    slug = forms.SlugField(
        max_length=40,
        help_text="Short identifier used in filters and imports (the production code is added).",
    )
    order = forms.IntegerField(min_value=0, initial=100, help_text="Position in lists.")


class PositionForm(CatalogueScopedForm):
    """A position local to the production, in a shared or local department, with its default
    reporting line."""

    department = forms.ModelChoiceField(queryset=Department.objects.all())
    title = forms.CharField(max_length=80)
    responsibilities = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_key = forms.BooleanField(
        required=False, label="Key position", help_text="Usually held by experienced people."
    )
    min_years_experience = forms.IntegerField(
        min_value=0, initial=0, label="Minimum years of experience"
    )
    reports_to = PositionChoiceField(
        queryset=Position.objects.select_related("department"),
        required=False,
        help_text="The default superior on a production.",
    )
    aliases = forms.CharField(
        required=False, max_length=300, help_text="Other titles, comma-separated (for imports)."
    )
    order = forms.IntegerField(min_value=0, initial=100)


class UnavailabilityForm(forms.Form):
    """Dates someone cannot work (both ends included)."""

    start_date = forms.DateField(widget=DATE, label="From")
    end_date = forms.DateField(widget=DATE, label="To", help_text="Inclusive.")
    kind = forms.ChoiceField(choices=UnavailabilityKind.choices, initial=UnavailabilityKind.OTHER)
    reason = forms.CharField(
        required=False, max_length=200, help_text="Seen only by the office and the person."
    )

    def clean(self):
        """The service's date check, so the form names the field before anything is sent."""
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date is before the start date.")
        return data


class CrewUploadForm(forms.Form):
    """A crew list to import: CSV or XLSX (the export's own files import again)."""

    file = forms.FileField(
        label="Crew list file",
        help_text="CSV (UTF-8) or Excel (.xlsx), e.g. an export edited in a spreadsheet.",
    )
    skip_invalid = forms.BooleanField(
        required=False,
        label="Import the valid rows and skip the refused ones",
        help_text="Without it, nothing is imported unless every row is valid.",
    )

    def clean_file(self):
        """Refuse a file past the upload limit before reading it."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.PRODOFFICE_UPLOAD_MAX_BYTES:
            limit = settings.PRODOFFICE_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file is too big ({limit} MB at most).")
        return upload

    @classmethod
    def for_errors(cls) -> CrewUploadForm:
        """An empty form the confirmation step's errors can be added to."""
        form = cls()
        form.full_clean()
        form.cleaned_data = {}
        return form
