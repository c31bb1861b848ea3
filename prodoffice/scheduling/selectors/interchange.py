"""USS export: a production's schedule as a document (the format: `scheduling/uss_fields.py`)."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from prodoffice.productions.models import Production
from prodoffice.scheduling.engine import categories as cats
from prodoffice.scheduling.engine import uss
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.engine.eighths import eighths_to_pages
from prodoffice.scheduling.models import (
    Board,
    DayType,
    Element,
    ProductionCalendar,
    Scene,
    SceneElement,
    Script,
    Strip,
    StripKind,
)
from prodoffice.scheduling.selectors.script import script_current
from prodoffice.scheduling.uss_fields import DN_NAMES, IE_NAMES, SCENE_FIELDS, USS_VERSION

# --- export --------------------------------------------------------------------------------------


class _Exporter:
    """Builds the document of one production (every board, or one)."""

    def __init__(self, production: Production, board: Board | None):
        self.production, self.board = production, board
        self.doc = uss.UssDocument()
        self.categories: dict[int, uss.UssCategory] = {}
        self.attribute_ids: dict[tuple[int, str], str] = {}
        self.element_ids: dict[int, str] = {}
        self.scene_ids: dict[int, str] = {}

    def run(self) -> uss.UssDocument:
        script = script_current(self.production)
        self.doc.header = self._header(script)
        self._categories()
        self._elements()
        scenes = list(Scene.objects.filter(script=script).order_by("position")) if script else []
        self._scenes(scenes)
        calendar_id = self._calendar()
        boards = [self.board] if self.board else self._boards()
        for index, board in enumerate(boards, start=1):
            self._stripboard(index, board, calendar_id)
        self.doc.categories = list(self.categories.values())
        return self.doc

    def _header(self, script: Script | None) -> dict:
        header = {
            "id": str(self.production.public_id),
            "name": (script.title if script else "") or self.production.title,
            "project": self.production.code,
            "created": timezone.now().isoformat(timespec="seconds"),
            "source": "prodoffice",
            "version": USS_VERSION,
        }
        if script is not None:
            header["scriptColor"] = script.revision_colour
            header["scriptDate"] = script.revision_date.isoformat()
        return header

    def _categories(self) -> None:
        for category in self.production.breakdown_categories.order_by("ucid"):
            self.categories[category.ucid] = uss.UssCategory(
                f"cat-{category.ucid}", category.name, category.ucid
            )

    def _category(self, ucid: int) -> uss.UssCategory:
        """The category of this UCID (a standard one when the production lacks it)."""
        if ucid not in self.categories:
            name = cats.category(ucid).name
            self.categories[ucid] = uss.UssCategory(f"cat-{ucid}", name, ucid)
            self.categories = dict(sorted(self.categories.items()))
        return self.categories[ucid]

    def _elements(self) -> None:
        """The breakdown's elements (those of the scene-field categories are the scenes')."""
        rows = (
            Element.objects.filter(production=self.production)
            .exclude(category__ucid__in=SCENE_FIELDS)
            .select_related("category")
        )
        ordered = sorted(rows, key=lambda e: (e.category.ucid, board_id_key(e.board_id, e.name)))
        for element in ordered:
            category = self._category(element.category.ucid)
            uss_id = f"el-{element.category.ucid}-{len(category.elements) + 1}"
            extensions = {"_notes": element.notes} if element.notes else {}
            if element.needs_review:
                extensions["_needsReview"] = True
            self.doc.elements.append(
                uss.UssElement(
                    uss_id, element.name, element_id=element.board_id,
                    dood_drop_allow=element.drop_allowed, dood_drop_days=element.drop_min_days,
                    dood_hold_allow=element.hold_allowed, extensions=extensions,
                )
            )  # fmt: skip
            category.elements.append(uss_id)
            self.element_ids[element.pk] = uss_id

    def _attribute(self, ucid: int, name: str) -> list[str]:
        """The id of the scene-field element `name` (made on first use); [] for no name."""
        if not name:
            return []
        key = (ucid, name.upper())
        if key not in self.attribute_ids:
            category = self._category(ucid)
            prefix = {cats.SET: "set", cats.INT_EXT: "ie", cats.DAY_NIGHT: "dn"}[ucid]
            uss_id = f"{prefix}-{len(category.elements) + 1}"
            self.doc.elements.append(uss.UssElement(uss_id, name))
            category.elements.append(uss_id)
            self.attribute_ids[key] = uss_id
        return [self.attribute_ids[key]]

    def _scenes(self, scenes: list[Scene]) -> None:
        links = defaultdict(list)
        for scene_id, element_id in SceneElement.objects.filter(scene__in=scenes).values_list(
            "scene_id", "element_id"
        ):
            if element_id in self.element_ids:
                links[scene_id].append(self.element_ids[element_id])
        order = {uss_id: i for i, uss_id in enumerate(self.element_ids.values())}
        for scene in scenes:
            elements = (
                self._attribute(cats.SET, scene.set_name)
                + self._attribute(cats.INT_EXT, IE_NAMES.get(scene.int_ext, ""))
                + self._attribute(cats.DAY_NIGHT, DN_NAMES[scene.day_night])
                + sorted(links[scene.pk], key=order.__getitem__)
            )
            uss_id = f"scene-{scene.number}"
            self.scene_ids[scene.pk] = uss_id
            self.doc.breakdowns.append(
                uss.UssBreakdown(
                    uss_id, "scene", scene.number, str(scene.script_page),
                    eighths_to_pages(scene.eighths), scene.screen_seconds * 1000,
                    scene.synopsis, elements=elements,
                    extensions={"_heading": scene.heading, "_timeOfDay": scene.time_of_day,
                                "_omitted": scene.omitted},
                )
            )  # fmt: skip

    def _boards(self) -> list[Board]:
        """Every board, the working board first."""
        boards = Board.objects.filter(production=self.production)
        return list(boards.order_by("-is_working", "name"))

    def _stripboard(self, index: int, board: Board, calendar_id: str | None) -> None:
        on_board, boneyard, counters = [], [], {"day": 0, "banner": 0}
        for strip in Strip.objects.filter(board=board).order_by("position"):
            if strip.kind == StripKind.SCENE:
                if strip.scene_id not in self.scene_ids:
                    continue  # a scene of an older draft: not part of this document
                target = boneyard if strip.in_boneyard else on_board
                target.append(self.scene_ids[strip.scene_id])
                continue
            kind = "day" if strip.kind == StripKind.DAY_BREAK else "banner"
            counters[kind] += 1
            uss_id = f"sb{index}-{kind}-{counters[kind]}"
            extensions = {"_bannerKind": strip.banner_kind} if kind == "banner" else {}
            self.doc.breakdowns.append(
                uss.UssBreakdown(uss_id, kind, description=strip.text, extensions=extensions)
            )
            on_board.append(uss_id)
        self.doc.stripboards.append(
            uss.UssStripboard(
                f"stripboard-{index}",
                board.name,
                [
                    uss.UssBoard(f"sb{index}-board", "stripboard", on_board),
                    uss.UssBoard(f"sb{index}-boneyard", "boneyard", boneyard),
                ],
                calendar_id,
                extensions={"_working": board.is_working, "_palette": board.palette},
            )
        )

    def _calendar(self) -> str | None:
        calendar = ProductionCalendar.objects.filter(production=self.production).first()
        if calendar is None:
            return None
        mask = calendar.working_weekdays
        # Ours: 0 = Monday; USS: 0 = Sunday.
        days_off = sorted((day + 1) % 7 for day in range(7) if not mask >> day & 1)
        events = [uss.UssEvent("event-start", calendar.start_date, "start", "First shoot day")]
        for day in calendar.exceptions.order_by("date"):
            events.append(
                uss.UssEvent(
                    f"event-{day.date.isoformat()}",
                    day.date,
                    "event" if day.type == DayType.SHOOT else "dayOff",
                    day.name,
                    extensions={"_dayType": day.type},
                )
            )
        self.doc.calendars.append(
            uss.UssCalendar("calendar-1", "Production calendar", days_off, events)
        )
        return "calendar-1"


def uss_export(production: Production, board: Board | None = None) -> dict:
    """The production's schedule as a JSON-ready USS document (every board, or `board`)."""
    return uss.to_uss(_Exporter(production, board).run())
