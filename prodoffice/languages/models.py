"""The language desk: a production's languages, linguists, work items, subtitle files, glossary,
voice casting and recording sessions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.languages.choices import (
    DeliveryKind,
    GlossaryCategory,
    GlossarySource,
    InterpretingPurpose,
    LanguageRole,
    RateUnit,
    SessionStatus,
    Specialism,
    SubtitleKind,
    WorkKind,
    WorkStatus,
)
from prodoffice.languages.querysets import (
    CutImpactQuerySet,
    LinguistPairQuerySet,
    ProductionScopedQuerySet,
    SubtitleVersionQuerySet,
)
from prodoffice.people.choices import Proficiency
from prodoffice.people.validators import validate_country, validate_currency, validate_language

PRODUCTION = "productions.Production"


def _choice_list(values, choices, field: str) -> None:
    if not isinstance(values, list) or any(v not in choices.values for v in values):
        allowed = ", ".join(choices.values)
        raise ValidationError({field: f"Give a list drawn from: {allowed}."})


class ProductionLanguage(PublicIdModel):
    """A language of a production: the original, or a target with its kinds and territories."""

    production = models.ForeignKey(PRODUCTION, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(
        max_length=35, validators=[validate_language], help_text="BCP 47 tag."
    )
    role = models.CharField(max_length=8, choices=LanguageRole.choices, default=LanguageRole.TARGET)
    kinds = models.JSONField(
        default=list, blank=True, help_text="Deliveries wanted: subtitles, sdh ..."
    )
    territories = models.JSONField(default=list, blank=True, help_text="ISO 3166 country codes.")
    children = models.BooleanField(
        default=False, help_text="Children's programme: slower reading speed."
    )
    max_chars_per_line = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Blank: default."
    )
    max_cps = models.PositiveSmallIntegerField("Max characters per second", null=True, blank=True)

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "role", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "language"], name="languages_language_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.language

    @property
    def kind_labels(self) -> list[str]:
        """The deliveries in words."""
        return [DeliveryKind(k).label for k in self.kinds if k in DeliveryKind.values]

    def clean(self):
        _choice_list(self.kinds, DeliveryKind, "kinds")
        if not isinstance(self.territories, list):
            raise ValidationError({"territories": "Give a list of ISO 3166 country codes."})
        for code in self.territories:
            validate_country(code)
        if self.role == LanguageRole.ORIGINAL and self.kinds:
            raise ValidationError(
                {"kinds": "The original language is not delivered as a translation."}
            )


class Linguist(BidiRefusingModel, PublicIdModel):
    """A translator (a person) or a language vendor (a company) on a production's roster."""

    bidi_names = ("name",)

    production = models.ForeignKey(PRODUCTION, on_delete=models.CASCADE, related_name="linguists")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    company = models.ForeignKey(
        "people.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200, help_text="As shown on the roster.")
    specialisms = models.JSONField(default=list, blank=True)
    contract = models.ForeignKey(
        "contracts.Contract",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The language-services agreement from the contract desk.",
    )
    notes = models.TextField(blank=True)

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, company__isnull=True)
                | models.Q(person__isnull=True, company__isnull=False),
                name="languages_linguist_person_or_company",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        _choice_list(self.specialisms, Specialism, "specialisms")

    @property
    def specialism_labels(self) -> list[str]:
        """The specialisms in words."""
        return [Specialism(s).label for s in self.specialisms if s in Specialism.values]

    @property
    def is_vendor(self) -> bool:
        """A company rather than a person."""
        return self.company_id is not None


class LinguistPair(TimeStampedModel):
    """A language pair a linguist works in, with proficiency, experience and rate."""

    linguist = models.ForeignKey(Linguist, on_delete=models.CASCADE, related_name="pairs")
    source = models.CharField(max_length=35, validators=[validate_language])
    target = models.CharField(max_length=35, validators=[validate_language])
    proficiency = models.CharField(
        max_length=16, choices=Proficiency.choices, default=Proficiency.PROFESSIONAL
    )
    years_experience = models.PositiveSmallIntegerField(default=0)
    rate = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(max_length=3, default="EUR", validators=[validate_currency])
    rate_unit = models.CharField(
        max_length=16, choices=RateUnit.choices, default=RateUnit.RUNTIME_MINUTE
    )

    objects = LinguistPairQuerySet.as_manager()

    class Meta:
        ordering = ["linguist", "source", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["linguist", "source", "target"], name="languages_pair_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="languages_pair_two_languages"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class SubtitleFile(BidiRefusingModel, PublicIdModel):
    """A subtitle track of a production in one language; its bytes live in its versions."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        PRODUCTION, on_delete=models.CASCADE, related_name="subtitle_files"
    )
    language = models.CharField(max_length=35, validators=[validate_language])
    kind = models.CharField(
        max_length=16, choices=SubtitleKind.choices, default=SubtitleKind.SUBTITLES
    )
    name = models.CharField(max_length=200)

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "language", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "language", "kind", "name"], name="languages_subfile_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language}, {self.get_kind_display()})"

    @property
    def current(self):
        """The latest version (prefetched as `versions` where lists show it)."""
        versions = list(self.versions.all())
        return max(versions, key=lambda v: v.number) if versions else None


class SubtitleVersion(BidiRefusingModel, TimeStampedModel):
    """The exact bytes of one upload, its encoding and format, and the frame rate it is timed at."""

    bidi_identifiers = ("filename",)

    subtitle_file = models.ForeignKey(
        SubtitleFile, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    filename = models.CharField(max_length=255)
    # Kept in the row, not in file storage: subtitle files are small and a version then commits
    # or rolls back with its row (no orphan file, nothing half-written; ADR 0021).
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=8)
    encoding = models.CharField(max_length=32)
    event_count = models.PositiveIntegerField()
    fps_num = models.PositiveIntegerField(default=24)
    fps_den = models.PositiveIntegerField(default=1)
    cut_version = models.ForeignKey(
        "post.CutVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subtitle_versions",
        help_text="The cut version it was timed against.",
    )
    qc_counts = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SubtitleVersionQuerySet.as_manager()

    class Meta:
        ordering = ["subtitle_file", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["subtitle_file", "number"], name="languages_subversion_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(fps_den__gt=0), name="languages_subversion_fps"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subtitle_file.name} v{self.number}"

    @property
    def fps(self) -> Fraction:
        """The exact frame rate."""
        return Fraction(self.fps_num, self.fps_den)

    @property
    def violation_total(self) -> int:
        """Events in violation, summed over rules."""
        return sum(self.qc_counts.values())


class WorkItem(PublicIdModel):
    """One piece of language work: a kind of task for a language, assigned, due, with a status."""

    production = models.ForeignKey(
        PRODUCTION, on_delete=models.CASCADE, related_name="language_work"
    )
    language = models.CharField(max_length=35, validators=[validate_language])
    kind = models.CharField(max_length=16, choices=WorkKind.choices)
    status = models.CharField(max_length=12, choices=WorkStatus.choices, default=WorkStatus.OPEN)
    cut_version = models.ForeignKey(
        "post.CutVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="language_work",
    )
    assignee = models.ForeignKey(
        Linguist, null=True, blank=True, on_delete=models.SET_NULL, related_name="work"
    )
    due_date = models.DateField(null=True, blank=True)
    subtitle_file = models.ForeignKey(
        SubtitleFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="work"
    )
    notes = models.TextField(blank=True)

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "due_date", "language", "kind"]
        indexes = [models.Index(fields=["production", "status"], name="languages_work_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class GlossaryEntry(BidiRefusingModel, TimeStampedModel):
    """A term of a production and its agreed rendering in one language; variants break it."""

    bidi_names = ("term", "rendering")

    production = models.ForeignKey(PRODUCTION, on_delete=models.CASCADE, related_name="glossary")
    language = models.CharField(max_length=35, validators=[validate_language])
    term = models.CharField(max_length=200)
    rendering = models.CharField(max_length=200)
    variants = models.JSONField(
        default=list, blank=True, help_text="Renderings that are wrong here."
    )
    category = models.CharField(
        max_length=12, choices=GlossaryCategory.choices, default=GlossaryCategory.TERM
    )
    source = models.CharField(
        max_length=8, choices=GlossarySource.choices, default=GlossarySource.MANUAL
    )

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "language", "category", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "language", "term"], name="languages_glossary_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.rendering}"

    def clean(self):
        if not isinstance(self.variants, list) or any(
            not isinstance(v, str) for v in self.variants
        ):
            raise ValidationError({"variants": "Give a list of texts."})


class VoiceRole(TimeStampedModel):
    """Voice casting: who voices a character in a dubbed language, under which contract."""

    production = models.ForeignKey(PRODUCTION, on_delete=models.CASCADE, related_name="voice_roles")
    language = models.CharField(max_length=35, validators=[validate_language])
    character = models.CharField(max_length=120)
    performer = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(
        "contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    engagement = models.ForeignKey(
        "productions.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The performer's engagement on the crew list: booked with the sessions.",
    )

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "language", "character"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "language", "character"], name="languages_voice_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} ({self.language})"


class RecordingSession(PublicIdModel):
    """A dubbing recording session: a voice role in a post room for a time span, held by a post
    booking (post's rules decide clashes, hours and the performer's availability)."""

    production = models.ForeignKey(
        PRODUCTION, on_delete=models.CASCADE, related_name="recording_sessions"
    )
    voice_role = models.ForeignKey(VoiceRole, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    studio = models.CharField(max_length=200, blank=True, help_text="The room, as shown.")
    room = models.ForeignKey(
        "post.Room", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    booking = models.OneToOneField(
        "post.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recording_session",
        help_text="The post booking that holds the room; none once cancelled.",
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.BOOKED
    )

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="languages_session_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voice_role} {self.starts_at:%Y-%m-%d %H:%M}"


class CutImpact(TimeStampedModel):
    """The subtitle events of a version that a newer cut version changed (cut awareness)."""

    subtitle_version = models.ForeignKey(
        SubtitleVersion, on_delete=models.CASCADE, related_name="impacts"
    )
    cut_version = models.ForeignKey("post.CutVersion", on_delete=models.CASCADE, related_name="+")
    events = models.JSONField(default=list, help_text="Numbers (from 1) of the events to review.")
    ranges = models.JSONField(default=list, help_text="Changed ranges of the old cut, in frames.")
    reopened = models.PositiveIntegerField(default=0, help_text="Work items reopened.")

    objects = CutImpactQuerySet.as_manager()

    class Meta:
        ordering = ["subtitle_version", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subtitle_version", "cut_version"], name="languages_impact_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subtitle_version} against {self.cut_version}"


class InterpreterBooking(PublicIdModel):
    """An interpreter from the roster booked for a shoot day or an ADR session."""

    production = models.ForeignKey(
        PRODUCTION, on_delete=models.CASCADE, related_name="interpreter_bookings"
    )
    linguist = models.ForeignKey(Linguist, on_delete=models.PROTECT, related_name="bookings")
    purpose = models.CharField(max_length=10, choices=InterpretingPurpose.choices)
    date = models.DateField()
    languages = models.CharField(max_length=80, help_text="Between which languages, e.g. en ↔ ko.")
    notes = models.TextField(blank=True)

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["linguist", "date"], name="languages_interpreter_one_booking_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.linguist} {self.date:%Y-%m-%d} ({self.get_purpose_display()})"


class DubbingLine(BidiRefusingModel, PublicIdModel):
    """One line of a language's dubbing script: who says it in which scene, the original and the
    adapted text, and optionally where it sits (timecodes as HH:MM:SS:FF or HH:MM:SS.mmm)."""

    bidi_names = ("character", "scene")

    production = models.ForeignKey(
        PRODUCTION, on_delete=models.CASCADE, related_name="dubbing_lines"
    )
    language = models.CharField(max_length=35, validators=[validate_language])
    number = models.PositiveIntegerField(help_text="Order in the script, from 1.")
    scene = models.CharField(max_length=20, blank=True)
    character = models.CharField(max_length=120)
    original = models.TextField()
    adapted = models.TextField(blank=True)
    tc_in = models.CharField("Timecode in", max_length=16, blank=True)
    tc_out = models.CharField("Timecode out", max_length=16, blank=True)

    objects = ProductionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "language", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "language", "number"], name="languages_dubline_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} #{self.number} {self.character}"
