"""Scripts and their scenes, breakdown categories and elements, and the links between them.

Every draft keeps its own scenes: a revision import creates the new draft's scenes, each linked
to the scene it replaces (`previous`), and carries the breakdown forward, so older drafts stay
readable as they were.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.scheduling.choices import (
    REVISION_COLOUR_CHOICES,
    CategoryKind,
    DayNight,
    ElementEventKind,
    IntExt,
    RunStatus,
    SceneStatus,
    SourceFormat,
)
from prodoffice.scheduling.engine import categories
from prodoffice.scheduling.engine import dood as dood_engine
from prodoffice.scheduling.engine.board_ids import board_id_sort_text
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.engine.revisions import number_key
from prodoffice.scheduling.querysets import (
    BoardQuerySet,
    CategoryQuerySet,
    ElementQuerySet,
    FeedTokenQuerySet,
    OptimizationRunQuerySet,
    SceneLinkQuerySet,
    SceneQuerySet,
    ScriptQuerySet,
    StripQuerySet,
)

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #e53935.", code="invalid_colour"
)


def scene_sort_key(number: str) -> str:
    """A string that sorts scene numbers as the trade does: A1 < 1 < 1A < 1AA < 1B < A2 < 2."""
    base, suffix, flag, prefix = number_key(number)
    if base == float("inf"):
        return f"999999 {number.upper()}"[:40]
    return f"{base:06d} {suffix:<12}{flag}{prefix}"[:40]


class Script(BidiRefusingModel, PublicIdModel):
    """One imported draft of a production's script; one draft per production is current."""

    bidi_names = ("title",)
    bidi_identifiers = ("source_filename",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="scripts"
    )
    title = models.CharField(max_length=200, blank=True)
    revision_colour = models.CharField(max_length=24, choices=REVISION_COLOUR_CHOICES)
    revision_date = models.DateField(default=timezone.localdate)
    source_filename = models.CharField(max_length=255)
    source_format = models.CharField(max_length=10, choices=SourceFormat.choices)
    sha256 = models.CharField("SHA-256", max_length=64)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_current = models.BooleanField(default=True)

    objects = ScriptQuerySet.as_manager()

    class Meta:
        ordering = ["production", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["production"],
                condition=Q(is_current=True),
                name="scheduling_script_one_current_per_production",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.source_filename} ({self.revision_colour})"


class Scene(PublicIdModel):
    """A scene of one draft, with its locked number and its length in eighths of a page."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="scenes")
    number = models.CharField(max_length=12)
    sort_key = models.CharField(max_length=40, editable=False, db_index=True)
    position = models.PositiveIntegerField(help_text="Order in the draft.")
    heading = models.CharField(max_length=300, blank=True)
    int_ext = models.CharField(max_length=8, choices=IntExt.choices, blank=True)
    set_name = models.CharField("Set", max_length=200, blank=True)
    time_of_day = models.CharField(max_length=40, blank=True)
    day_night = models.CharField(max_length=1, choices=DayNight.choices, default=DayNight.DAY)
    eighths = models.PositiveIntegerField(help_text="Page count in eighths (0 when omitted).")
    script_page = models.PositiveIntegerField(default=1)
    synopsis = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True, help_text="The writer's own synopsis, if any.")
    text = models.TextField(blank=True, help_text="The scene's text, to match later drafts.")
    screen_seconds = models.PositiveIntegerField(default=0)
    omitted = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=SceneStatus.choices, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SceneQuerySet.as_manager()

    class Meta:
        ordering = ["script", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["script", "number"], name="scheduling_scene_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(omitted=False, eighths__gte=1) | Q(omitted=True, eighths=0),
                name="scheduling_scene_eighths_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        if self.omitted:
            return f"{self.number} OMITTED"
        return f"{self.number} {self.heading}"

    @property
    def pages(self) -> str:
        """The page count as the trade writes it (`1 4/8`)."""
        return format_eighths(self.eighths)


class BreakdownCategory(BidiRefusingModel, TimeStampedModel):
    """A breakdown category of a production: renamable, recoloured, never repurposed (UCID)."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="breakdown_categories"
    )
    ucid = models.PositiveSmallIntegerField("UCID")
    name = models.CharField(max_length=60)
    colour = models.CharField(max_length=7, validators=[colour_validator])
    kind = models.CharField(
        max_length=8, choices=CategoryKind.choices, default=CategoryKind.ELEMENT
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["production", "ucid"]
        verbose_name_plural = "breakdown categories"
        constraints = [
            models.UniqueConstraint(
                fields=["production", "ucid"], name="scheduling_category_unique_ucid"
            ),
            models.UniqueConstraint(
                Lower("name"), "production", name="scheduling_category_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cast(self) -> bool:
        """The Cast Members category, whose elements are the cast engagements."""
        return self.ucid == categories.CAST


class Element(BidiRefusingModel, PublicIdModel):
    """A breakdown element (a character, a prop, a vehicle ...) with its DOOD rules."""

    bidi_names = ("name",)
    bidi_identifiers = ("board_id",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="breakdown_elements"
    )
    category = models.ForeignKey(
        BreakdownCategory, on_delete=models.PROTECT, related_name="elements"
    )
    name = models.CharField(max_length=120)
    board_id = models.CharField("Board ID", max_length=12, blank=True)
    #: The board ID as text that sorts as numbers ("2" before "10"), kept by `save`.
    board_sort = models.CharField(max_length=160, blank=True, editable=False, db_index=True)
    engagement = models.ForeignKey(
        "productions.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="breakdown_elements",
    )
    needs_review = models.BooleanField(
        default=False, help_text="Made from a character name; no cast engagement matched it."
    )
    hold_allowed = models.BooleanField(default=True)
    drop_allowed = models.BooleanField(default=False)
    drop_min_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1)],
        help_text="Calendar days between release and pick-up for a drop (SAG-AFTRA: 10 or 14).",
    )
    notes = models.TextField(blank=True)

    objects = ElementQuerySet.as_manager()

    class Meta:
        ordering = ["production", "category__ucid", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "category", name="scheduling_element_unique_name"
            ),
            models.UniqueConstraint(
                fields=["category", "board_id"],
                condition=~Q(board_id=""),
                name="scheduling_element_unique_board_id",
            ),
            models.UniqueConstraint(
                fields=["production", "engagement"],
                condition=Q(engagement__isnull=False),
                name="scheduling_element_one_per_engagement",
            ),
            models.CheckConstraint(
                condition=Q(drop_min_days__gte=1), name="scheduling_element_drop_min_days"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board_id}. {self.name}" if self.board_id else self.name

    def save(self, *args, **kwargs):
        self.board_sort = board_id_sort_text(self.board_id)
        fields = kwargs.get("update_fields")
        if fields is not None and "board_id" in fields:
            kwargs["update_fields"] = {*fields, "board_sort"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.category_id and self.category.production_id != self.production_id:
            raise ValidationError({"category": "This category belongs to another production."})
        if self.engagement_id and self.engagement.production_id != self.production_id:
            raise ValidationError({"engagement": "This engagement is in another production."})
        if self.engagement_id and self.category_id and not self.category.is_cast:
            raise ValidationError({"engagement": "Only cast elements stand for an engagement."})


class ElementEvent(models.Model):
    """A travel, fitting or rehearsal day of one element: TR, FT or R on its DOOD row."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="events")
    date = models.DateField()
    kind = models.CharField(max_length=2, choices=ElementEventKind.choices)

    class Meta:
        ordering = ["element", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "date"], name="scheduling_element_event_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element.name}: {self.get_kind_display()} on {self.date.isoformat()}"


class SpeakingCharacter(models.Model):
    """A character with dialogue in a scene, as the script names them, and its cast element."""

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="speaking")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="speaking_in")

    objects = SceneLinkQuerySet.as_manager()

    class Meta:
        ordering = ["scene", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "name"], name="scheduling_speaking_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} in {self.scene.number}"


class SceneElement(models.Model):
    """An element of the breakdown of one scene."""

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="breakdown")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="scenes")
    from_script = models.BooleanField(
        default=False, help_text="Added by the import (a speaking character), not by hand."
    )

    objects = SceneLinkQuerySet.as_manager()

    class Meta:
        ordering = ["scene", "element"]
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "element"], name="scheduling_scene_element_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element} in {self.scene.number}"


class SuggestionDismissal(models.Model):
    """A breakdown suggestion the office turned down for a scene (not shown there again)."""

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="dismissals")
    key = models.CharField(max_length=140, help_text="Category UCID and normalised name.")
    name = models.CharField(max_length=120)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(default=timezone.now)

    objects = SceneLinkQuerySet.as_manager()

    class Meta:
        ordering = ["scene", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "key"], name="scheduling_dismissal_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} dismissed in {self.scene.number}"


# --- Production calendar, stripboards and strips ---------------------------------------------


class DayType(models.TextChoices):
    """Day types of the production calendar (DOMAIN.md section 4)."""

    SHOOT = dood_engine.SHOOT, "Shoot"
    PREP = dood_engine.PREP, "Prep"
    TRAVEL = dood_engine.TRAVEL, "Travel"
    HIATUS = dood_engine.HIATUS, "Hiatus"
    WEEKEND = dood_engine.WEEKEND, "Weekend"
    HOLIDAY = dood_engine.HOLIDAY, "Holiday"
    WEATHER = dood_engine.WEATHER, "Weather"
    WRAP = dood_engine.WRAP, "Wrap"


#: Monday to Friday: bit n is ISO weekday n + 1 (bit 0 Monday ... bit 6 Sunday), as date.weekday().
MONDAY_TO_FRIDAY = 0b0011111


class ProductionCalendar(TimeStampedModel):
    """A production's working week and first day; exceptions are CalendarDay rows."""

    production = models.OneToOneField(
        "productions.Production", on_delete=models.CASCADE, related_name="calendar"
    )
    start_date = models.DateField(
        help_text="The first shoot day is the first working day from here."
    )
    working_weekdays = models.PositiveSmallIntegerField(
        default=MONDAY_TO_FRIDAY,
        help_text="Working weekdays as bits: bit 0 Monday ... bit 6 Sunday.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(working_weekdays__gte=0, working_weekdays__lte=127),
                name="scheduling_calendar_weekday_mask",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar of {self.production} from {self.start_date.isoformat()}"

    def works_on(self, day) -> bool:
        """True when the working week includes this date's weekday."""
        return bool(self.working_weekdays >> day.weekday() & 1)


class CalendarDay(models.Model):
    """An exception to the working week: a holiday, a travel day, a Saturday shoot ..."""

    calendar = models.ForeignKey(
        ProductionCalendar, on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField()
    type = models.CharField(max_length=8, choices=DayType.choices)
    name = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"], name="scheduling_calendar_day_unique_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.type} {self.name}".strip()


def default_palette() -> dict[str, str]:
    """The conventional strip colours (INT day white, EXT day yellow, INT night blue ...)."""
    return dict(categories.STRIP_PALETTE)


class Board(BidiRefusingModel, PublicIdModel):
    """A stripboard of a production; one is the working board, the others are what-ifs."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="boards"
    )
    name = models.CharField(max_length=120)
    is_working = models.BooleanField(default=False)
    palette = models.JSONField(default=default_palette)
    created_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["production", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "name"], name="scheduling_board_unique_name"
            ),
            models.UniqueConstraint(
                fields=["production"],
                condition=Q(is_working=True),
                name="scheduling_board_one_working_per_production",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StripKind(models.TextChoices):
    SCENE = "scene", "Scene"
    DAY_BREAK = "day_break", "Day break"
    BANNER = "banner", "Banner"


class BannerKind(models.TextChoices):
    NONE = "", "—"
    COMPANY_MOVE = "company_move", "Company move"
    MEAL = "meal", "Meal"
    NOTE = "note", "Note"


class Strip(models.Model):
    """One strip of a board: a scene, a day break or a banner, at a position on the board."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="strips")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=StripKind.choices)
    scene = models.ForeignKey(
        Scene, on_delete=models.CASCADE, null=True, blank=True, related_name="strips"
    )
    banner_kind = models.CharField(max_length=12, choices=BannerKind.choices, blank=True)
    text = models.CharField(max_length=200, blank=True)
    in_boneyard = models.BooleanField(default=False)

    objects = StripQuerySet.as_manager()

    class Meta:
        ordering = ["board", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "position"], name="scheduling_strip_unique_position"
            ),
            models.UniqueConstraint(
                fields=["board", "scene"],
                condition=Q(scene__isnull=False),
                name="scheduling_strip_scene_once_per_board",
            ),
            models.CheckConstraint(
                condition=Q(kind=StripKind.SCENE, scene__isnull=False)
                | (~Q(kind=StripKind.SCENE) & Q(scene__isnull=True)),
                name="scheduling_strip_scene_iff_scene_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind=StripKind.BANNER) | Q(banner_kind=""),
                name="scheduling_strip_banner_kind_only_on_banners",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == StripKind.SCENE:
            return f"Strip {self.position}: scene {self.scene_id}"
        return f"Strip {self.position}: {self.get_kind_display()} {self.text}".strip()


# --- Calendar feeds ------------------------------------------------------------------------------


class FeedKind(models.TextChoices):
    PRODUCTION = "production", "Production shoot days"
    PERSON = "person", "A person's work days"


class FeedToken(PublicIdModel):
    """A secret iCalendar feed URL; only the SHA-256 of its secret is stored (shown once)."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="feed_tokens"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=FeedKind.choices)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        ordering = ["production", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="production", person__isnull=True)
                | Q(kind="person", person__isnull=False),
                name="scheduling_feed_person_iff_person_kind",
            ),
        ]

    def __str__(self) -> str:
        whose = f" of {self.person}" if self.person_id else ""
        return f"{self.get_kind_display()} feed{whose}"

    @property
    def is_active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


# --- Optimizer runs ----------------------------------------------------------------------------


class OptimizationRun(PublicIdModel):
    """One run of the shooting-order optimizer on a board; its proposal is a new what-if board."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="optimization_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.FloatField(default=0.0, help_text="From 0 to 1.")
    message = models.CharField(max_length=300, blank=True)
    stop_requested = models.BooleanField(default=False)
    time_limit = models.PositiveIntegerField(help_text="Seconds the solver may use.")
    settings = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_board = models.ForeignKey(
        Board, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OptimizationRunQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=1),
                name="scheduling_run_progress_range",
            ),
            models.CheckConstraint(
                condition=Q(time_limit__gte=1), name="scheduling_run_time_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Optimization of {self.board} ({self.status})"

    @property
    def is_active(self) -> bool:
        """Queued or running: the page keeps polling."""
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
