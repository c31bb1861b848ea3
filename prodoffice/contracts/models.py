"""Contracts, parties and terms, templates, frozen documents, signing links, the event chain,
and the contract desk's bulk jobs."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from prodoffice.contracts.choices import (
    PUBLICITY,
    PUBLICITY_REFUSED,
    AuthMethod,
    BulkKind,
    ContractStatus,
    ContractType,
    DocumentKind,
    EventAction,
    GuaranteeUnit,
    HireBasis,
    PartyRole,
    PartyStatus,
    RateUnit,
)
from prodoffice.contracts.querysets import ContractQuerySet, PartyQuerySet
from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.people.validators import validate_currency

_MONEY = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}


def _not_negative():
    return [MinValueValidator(0)]


class RefusesPublicity:
    """`full_clean` names the office's refusal, not Django's "not a valid choice"."""

    def clean_fields(self, exclude=None):
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.contract_type == PUBLICITY:
            errors["contract_type"] = [ValidationError(PUBLICITY_REFUSED, code="publicity_refused")]
        if errors:
            raise ValidationError(errors)


class Contract(BidiRefusingModel, RefusesPublicity, PublicIdModel):
    """One deal between the production and its counterparties, with its deal-memo terms."""

    bidi_names = ("title",)

    AUDIT_REDACTED = ("kit_rental", "car_allowance", "per_diem", "agent_fee_percent")

    production = models.ForeignKey(
        "productions.Production", on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.PositiveIntegerField(editable=False, help_text="Per production: 1, 2, 3 ...")
    contract_type = models.CharField("Type", max_length=16, choices=ContractType.choices)
    title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=16, choices=ContractStatus.choices, default=ContractStatus.DRAFT, editable=False
    )
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        help_text="The contract this one amends.",
    )
    engagement = models.ForeignKey(
        "productions.Engagement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
    )
    # Deal-memo terms (DOMAIN.md section 2).
    position = models.CharField(max_length=120, blank=True)
    department = models.CharField(max_length=80, blank=True)
    location = models.CharField(
        max_length=200, blank=True, help_text="Location agreements: the place, name and address."
    )
    union = models.CharField(max_length=60, blank=True)
    occupation_code = models.CharField("Union occupation code", max_length=20, blank=True)
    rate = models.DecimalField(**_MONEY, validators=_not_negative())
    rate_unit = models.CharField(max_length=8, choices=RateUnit.choices, blank=True)
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    hire_basis = models.CharField(max_length=8, choices=HireBasis.choices, blank=True)
    guarantee = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Guaranteed days, weeks or episodes."
    )
    guarantee_unit = models.CharField(max_length=8, choices=GuaranteeUnit.choices, blank=True)
    start_date = models.DateField(
        null=True, blank=True, help_text="Decides which union agreement applies."
    )
    end_date = models.DateField(null=True, blank=True)
    overtime_terms = models.TextField(blank=True)
    kit_rental = models.DecimalField("Kit or box rental", **_MONEY, validators=_not_negative())
    car_allowance = models.DecimalField(**_MONEY, validators=_not_negative())
    per_diem = models.DecimalField(**_MONEY, validators=_not_negative())
    agency = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    loan_out_company = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agent_fee_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    credit = models.CharField(max_length=200, blank=True)
    season = models.CharField(max_length=20, blank=True)
    episode = models.CharField(max_length=40, blank=True)
    clauses = models.TextField("Free clauses", blank=True)
    # Lifecycle.
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Parties must sign before this time (UTC)."
    )
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Who asked for the last send (the render runs in the background).",
    )
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    countersigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    decline_reason = models.TextField(blank=True, editable=False)
    # Background render and seal (ADR 0009): the last failure, kept until a later attempt succeeds.
    send_error = models.TextField(
        blank=True, editable=False, help_text="Why the last send could not render the document."
    )
    seal_error = models.TextField(blank=True, editable=False)
    seal_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["production", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "number"], name="contracts_contract_unique_number"
            ),
            models.CheckConstraint(
                condition=~Q(contract_type=PUBLICITY), name="contracts_contract_no_publicity"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="contracts_contract_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(rate__isnull=True) | (~Q(currency="") & ~Q(rate_unit="")),
                name="contracts_contract_rate_has_currency_and_unit",
            ),
            # The office countersignature is the only way to executed, down to the database.
            models.CheckConstraint(
                condition=~Q(status__in=["countersigned", "executed"])
                | Q(countersigned_at__isnull=False, countersigned_by__isnull=False),
                name="contracts_contract_executed_is_countersigned",
            ),
        ]
        indexes = [models.Index(fields=["production", "status"], name="contracts_prod_status")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """The contract's reference printed on its document and inside the sealed PDF."""
        code = self.production.code if self.production_id else "?"
        return f"{code}-C{self.number or 0:04d}-v{self.version}"

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date is before the start date."
        if self.rate is not None and not self.currency:
            errors["currency"] = "A rate needs its currency (ISO 4217, e.g. USD)."
        if self.rate is not None and not self.rate_unit:
            errors["rate_unit"] = "A rate needs its unit (hour, day, week, flat, episode)."
        if self.guarantee and not self.guarantee_unit:
            errors["guarantee_unit"] = "Say whether the guarantee counts days, weeks or episodes."
        if self.engagement_id and self.engagement.production_id != self.production_id:
            errors["engagement"] = "The engagement belongs to another production."
        if self.amends_id and self.amends.production_id != self.production_id:
            errors["amends"] = "An amendment belongs to the production of the contract it amends."
        if errors:
            raise ValidationError(errors)


class ContractParty(PublicIdModel):
    """A counterparty: a person, or a company signing through its signatory, with evidence."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="contract_parties",
        help_text="Who signs (the signatory, when the party is a company).",
    )
    company = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    email = models.EmailField()
    order = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=PartyStatus.choices, default=PartyStatus.PENDING, editable=False
    )
    # Evidence (SECURITY.md E-08), written by the signing services only.
    consent_version = models.CharField(max_length=20, blank=True, editable=False)
    consent_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    auth_method = models.CharField(
        max_length=8, choices=AuthMethod.choices, blank=True, editable=False
    )
    viewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_sha256 = models.CharField(
        max_length=64, blank=True, editable=False, help_text="SHA-256 of the document signed."
    )
    ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    user_agent = models.CharField(max_length=512, blank=True, editable=False)
    typed_name = models.CharField(max_length=200, blank=True, editable=False)
    signature_png = models.BinaryField(null=True, blank=True, editable=False)
    declined_at = models.DateTimeField(null=True, blank=True, editable=False)
    decline_reason = models.TextField(blank=True, editable=False)
    # Link e-mails (ADR 0009): a fresh link is due while requested is later than mailed.
    link_requested_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a fresh link was last asked for."
    )
    link_mailed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the last fresh link was mailed."
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    copy_mailed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the executed copy was e-mailed."
    )

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "order", "id"]
        verbose_name_plural = "contract parties"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "person", "company"],
                name="contracts_party_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_at__isnull=False, typed_name__gt=""),
                name="contracts_party_signed_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} (by {self.person})" if self.company_id else str(self.person)

    @property
    def display_name(self) -> str:
        """The party as the certificate of completion names it."""
        return str(self)


class ContractTemplate(RefusesPublicity, TimeStampedModel):
    """The versioned HTML body of one contract type, rendered to PDF when a contract is sent."""

    contract_type = models.CharField(max_length=16, choices=ContractType.choices)
    version = models.PositiveSmallIntegerField(default=1)
    body = models.TextField(help_text="Django template HTML; `contract` and `parties` in context.")

    class Meta:
        ordering = ["contract_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract_type", "version"], name="contracts_template_unique_version"
            ),
            models.CheckConstraint(
                condition=~Q(contract_type=PUBLICITY), name="contracts_template_no_publicity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_contract_type_display()} v{self.version}"


def text_sha256(text: str) -> str:
    """SHA-256 of a text as UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ConsentText(TimeStampedModel):
    """A version of the consent to sign electronically; parties consent to one by its hash."""

    version = models.CharField(max_length=20, unique=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Consent v{self.version}"

    def save(self, *args, **kwargs):
        self.sha256 = text_sha256(self.text)
        super().save(*args, **kwargs)


def _document_path(instance: ContractDocument, filename: str) -> str:
    # A random key: the stored name reveals neither the contract nor the party.
    return f"contracts/{uuid.uuid4().hex}.pdf"


class ContractDocument(TimeStampedModel):
    """Frozen bytes of a contract version: the original as sent, or the final sealed PDF."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="documents")
    version = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=DocumentKind.choices)
    file = models.FileField(upload_to=_document_path)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["contract", "version", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "version", "kind"], name="contracts_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.kind}"


class SigningLink(TimeStampedModel):
    """A single-use, expiring link for a party without an account; secrets are stored hashed."""

    party = models.ForeignKey(ContractParty, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Signing link for {self.party}"


class ContractEvent(models.Model):
    """One step of a contract's life in its append-only, hash-chained log.

    `hash` is SHA-256 over the canonical JSON of the row and `prev_hash`; database triggers refuse
    UPDATE and DELETE (ADR 0008). The actor is kept without a database constraint, so deleting a
    user never has to touch a logged row; the party by its public id, for the same reason.
    """

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=16, choices=EventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    party_ref = models.UUIDField(null=True, blank=True)
    at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["contract", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "seq"], name="contracts_event_unique_seq")
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Contract events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Contract events are append-only")


class BulkJob(PublicIdModel):
    """One bulk send or countersignature over chosen contracts, with its progress and errors."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="contract_bulk_jobs"
    )
    kind = models.CharField(max_length=12, choices=BulkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    contracts = models.ManyToManyField("contracts.Contract", related_name="bulk_jobs")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0, help_text="Contracts handled, failed or not.")
    #: {contract public id: message} of the contracts that failed.
    errors = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.total} contracts"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def failed(self) -> int:
        return len(self.errors)
