"""The production-independent directory: persons, companies, agents, languages, credits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.people.choices import CompanyKind, Guild, Proficiency
from prodoffice.people.querysets import CompanyQuerySet, PersonQuerySet
from prodoffice.people.validators import validate_country, validate_language

#: Fields only the person and office staff may see (S-02 canaries live here).
PRIVATE_PERSON_FIELDS = (
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "emergency_contact_name",
    "emergency_contact_relation",
    "emergency_contact_phone",
    "date_of_birth",
    "passport_number",
    "passport_country",
    "passport_expiry",
    "visa_details",
)


class Person(BidiRefusingModel, PublicIdModel):
    """Anyone the office deals with: crew, cast, agents, contacts."""

    bidi_names = ("first_name", "last_name", "known_as", "pronouns", "emergency_contact_name")

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField(max_length=100, blank=True, help_text="Name used on set, if other.")
    pronouns = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    email_alt = models.EmailField("Second e-mail", blank=True)
    phone = models.CharField(
        "Mobile phone", max_length=20, blank=True, help_text="Stored in E.164."
    )
    phone_alt = models.CharField("Other phone", max_length=20, blank=True)
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField("State or region", max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    emergency_contact_name = models.CharField(max_length=200, blank=True)
    emergency_contact_relation = models.CharField(max_length=100, blank=True)
    emergency_contact_phone = models.CharField(max_length=20, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=2, blank=True, validators=[validate_country])
    passport_number = models.CharField(max_length=40, blank=True)
    passport_country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    passport_expiry = models.DateField(null=True, blank=True)
    visa_details = models.TextField(blank=True)
    years_experience = models.PositiveSmallIntegerField(
        default=0, help_text="Years of professional experience in the industry."
    )
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    home_production = models.ForeignKey(
        "productions.Production",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=(
            "The production whose office added this person (scopes access before engagement)."
        ),
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the personal data was erased."
    )
    erasure_basis = models.TextField(
        blank=True, editable=False, help_text="Why, as recorded in the erasure (S-15)."
    )

    objects = PersonQuerySet.as_manager()

    #: Recorded as changed in the audit log, never with their values.
    AUDIT_REDACTED = PRIVATE_PERSON_FIELDS

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="people_person_unique_email_ci"
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"], name="people_person_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """First and last name, with the name used on set where there is one."""
        first = self.known_as or self.first_name
        return f"{first} {self.last_name}".strip()


class UnionMembership(TimeStampedModel):
    """A guild or union card (SAG-AFTRA, DGA, IATSE local ...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="union_memberships")
    union = models.CharField(max_length=20, choices=Guild.choices)
    local = models.CharField(max_length=40, blank=True, help_text="e.g. Local 600")
    member_number = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["union", "local"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "union", "local"], name="people_union_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.union} {self.local}".strip()


class LanguageSkill(TimeStampedModel):
    """A language a person speaks, with proficiency."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=12, validators=[validate_language])
    proficiency = models.CharField(max_length=16, choices=Proficiency.choices)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="people_language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_proficiency_display()})"


class Credit(BidiRefusingModel, TimeStampedModel):
    """A past credit: title, year, position."""

    bidi_names = ("title", "position")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    position = models.CharField(max_length=100)

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1880, year__lte=2100), name="people_credit_year_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}) – {self.position}"


class Company(BidiRefusingModel, PublicIdModel):
    """A studio, production company, vendor, post house, agency or loan-out."""

    bidi_names = ("name",)

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=CompanyKind.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    home_production = models.ForeignKey(
        "productions.Production",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The production whose office added this company (scopes who sees and edits it).",
    )

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        constraints = [
            models.UniqueConstraint(Lower("name"), "kind", name="people_company_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name


class CompanyContact(BidiRefusingModel, TimeStampedModel):
    """A person at a company, with their role there."""

    bidi_names = ("title",)

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="company_roles")
    title = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["company", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "person"], name="people_company_contact_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.title or 'contact'}, {self.company})"


class Representation(TimeStampedModel):
    """An agent (at an agency) representing a person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="representations")
    agent = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="clients", null=True, blank=True
    )
    agency = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="clients", null=True, blank=True
    )
    kind = models.CharField(
        max_length=20,
        choices=[("agent", "Agent"), ("manager", "Manager"), ("loan_out", "Loan-out company")],
        default="agent",
    )

    class Meta:
        ordering = ["person", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agent__isnull=False) | models.Q(agency__isnull=False),
                name="people_representation_has_agent_or_agency",
            ),
            models.CheckConstraint(
                condition=~models.Q(agent=models.F("person")),
                name="people_representation_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.person}: {self.agent or self.agency}"
