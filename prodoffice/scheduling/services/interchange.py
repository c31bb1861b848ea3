"""USS import (a checked document into a production, all or nothing) and the audited export."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require
from prodoffice.core.text import bidi_problem, refuse_bidi_under
from prodoffice.productions.models import Production
from prodoffice.scheduling.choices import REVISION_COLOURS, DayNight, IntExt
from prodoffice.scheduling.engine import categories as cats
from prodoffice.scheduling.engine import uss
from prodoffice.scheduling.engine.board_ids import board_id_sort_text
from prodoffice.scheduling.engine.eighths import pages_to_eighths
from prodoffice.scheduling.models import (
    BannerKind,
    Board,
    BreakdownCategory,
    CalendarDay,
    DayType,
    Element,
    ProductionCalendar,
    Scene,
    SceneElement,
    Script,
    Strip,
    StripKind,
    scene_sort_key,
)
from prodoffice.scheduling.permissions import can_import_script, can_read_schedule
from prodoffice.scheduling.selectors.interchange import uss_export
from prodoffice.scheduling.selectors.script import script_current
from prodoffice.scheduling.uss_fields import MAX_USS_BYTES, SCENE_FIELDS, USS_VERSION

# --- import --------------------------------------------------------------------------------------


@dataclass
class UssImportReport:
    """What an import did (or, in a dry run, would do)."""

    production: str
    filename: str
    title: str
    scenes: int
    pages_eighths: int
    categories: int
    elements_created: int
    elements_reused: int
    boards: list[str]
    strips: int
    calendar: bool
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    script_id: str | None = None

    def as_dict(self) -> dict:
        """Plain data for JSON output."""
        return asdict(self)


def _refuse(errors: list[str]) -> ValidationError:
    """Every problem of a file, each naming its path, under the `file` field."""
    return ValidationError({"file": [ValidationError(e, code="invalid_uss") for e in errors]})


def parse_uss(data) -> uss.UssDocument:
    """A validated document from bytes, text or parsed JSON; refused with the field paths."""
    if isinstance(data, bytes | str) and len(data) > MAX_USS_BYTES:
        raise _refuse(["(file): too big for a schedule (20 MB at most)"])
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _refuse(["(file): not UTF-8 text; a .uss file is JSON"]) from None
    try:
        document = uss.from_uss(data)
    except uss.UssError as exc:
        raise _refuse(exc.errors) from exc
    version = document.header.get("version")
    if version is not None and str(version).split(".")[0] != USS_VERSION.split(".")[0]:
        raise _refuse([f"version: unsupported version {version!r} (this reads {USS_VERSION})"])
    return document


class _Plan:
    """The checked reading of a document: every problem found before anything is written."""

    def __init__(self, document: uss.UssDocument):
        self.doc = document
        self.errors: list[str] = []
        self.warnings = list(document.warnings)
        self.ucid_of: dict[str, int] = {}  # element id -> UCID of its category
        self._categories()
        self._scenes()
        self._stripboards()
        self._bidi()

    def _bidi(self) -> None:
        """Names and identifiers refuse bidi controls (`core.text`), each by its path in the file;
        descriptions, comments and banner text are free text, shown with visible markers."""
        for path, value, identifier in _names_and_identifiers(self.doc):
            problem = bidi_problem(str(value), identifier=identifier)
            if problem:
                self.errors.append(f"{path}: {problem}")

    def _categories(self) -> None:
        seen: dict[int, int] = {}
        for index, category in enumerate(self.doc.categories):
            path = f"categories[{index}]"
            ucid = category.ucid
            if ucid is None or ucid not in cats._BY_UCID:
                label = "no number" if ucid is None else f"number {ucid}"
                self.errors.append(
                    f"{path}.ucid: unknown category {category.name!r} ({label}); "
                    "use a Universal Category number (Cast Members 100, Props 104 ...)"
                )
                continue
            if ucid in seen:
                self.errors.append(f"{path}.ucid: category {ucid} is also categories[{seen[ucid]}]")
            seen[ucid] = index
            if len(category.name) > 60:
                self.errors.append(f"{path}.name: 60 characters at most")
            for element_id in category.elements:
                if element_id in self.ucid_of:
                    self.errors.append(f"{path}.elements: {element_id!r} is in two categories")
                self.ucid_of[element_id] = ucid
        for index, element in enumerate(self.doc.elements):
            path = f"elements[{index}]"
            if element.id not in self.ucid_of:
                self.errors.append(f"{path}: element {element.id!r} is in no category")
            if not element.name.strip() or len(element.name) > 120:
                self.errors.append(f"{path}.name: a name of 1 to 120 characters is required")
            if len(element.element_id) > 12:
                self.errors.append(f"{path}.elementId: 12 characters at most")

    def _scenes(self) -> None:
        numbers: dict[str, int] = {}
        for index, breakdown in enumerate(self.doc.breakdowns):
            if breakdown.type != "scene":
                continue
            path = f"breakdowns[{index}].scene"
            number = breakdown.scene.strip().upper()
            if not number or len(number) > 12:
                self.errors.append(f"{path}: a scene number of 1 to 12 characters is required")
            elif number in numbers:
                self.errors.append(f"{path}: scene {number} is also breakdowns[{numbers[number]}]")
            numbers[number] = index

    def _stripboards(self) -> None:
        names: set[str] = set()
        for index, stripboard in enumerate(self.doc.stripboards):
            name = (stripboard.name.strip() or f"Board {index + 1}")[:120]
            if name.lower() in names:
                self.errors.append(f"stripboards[{index}].name: two stripboards named {name!r}")
            names.add(name.lower())
            seen: set[str] = set()
            for b, board in enumerate(stripboard.boards):
                for k, breakdown_id in enumerate(board.breakdown_ids):
                    if breakdown_id in seen:
                        self.errors.append(
                            f"stripboards[{index}].boards[{b}].breakdownIds[{k}]: "
                            f"{breakdown_id!r} is already on this stripboard"
                        )
                    seen.add(breakdown_id)

    def check(self) -> None:
        if self.errors:
            raise _refuse(self.errors)


def _names_and_identifiers(doc: uss.UssDocument):
    """(path, value, is an identifier) of every name and identifier a document carries."""
    yield "header.name", doc.header.get("name") or "", False
    for i, category in enumerate(doc.categories):
        yield f"categories[{i}].id", category.id, True
        yield f"categories[{i}].name", category.name, False
    for i, element in enumerate(doc.elements):
        yield f"elements[{i}].id", element.id, True
        yield f"elements[{i}].name", element.name, False
        yield f"elements[{i}].elementId", element.element_id, True
    for i, item in enumerate(doc.breakdowns):
        yield f"breakdowns[{i}].id", item.id, True
        yield f"breakdowns[{i}].scene", item.scene, True
        for key in ("_heading", "_timeOfDay"):
            if key in item.extensions:
                yield f"breakdowns[{i}].{key}", item.extensions[key], False
    for i, stripboard in enumerate(doc.stripboards):
        yield f"stripboards[{i}].id", stripboard.id, True
        yield f"stripboards[{i}].name", stripboard.name, False
        for b, board in enumerate(stripboard.boards):
            yield f"stripboards[{i}].boards[{b}].id", board.id, True
            yield f"stripboards[{i}].boards[{b}].name", board.name, False
    for i, calendar in enumerate(doc.calendars):
        yield f"calendars[{i}].id", calendar.id, True
        yield f"calendars[{i}].name", calendar.name, False
        for e, event in enumerate(calendar.events):
            yield f"calendars[{i}].events[{e}].name", event.name, False


class _Import:
    """One import inside the service's transaction."""

    def __init__(self, actor, production: Production, plan: _Plan):
        self.actor, self.production, self.plan, self.doc = actor, production, plan, plan.doc
        self.elements: dict[str, Element] = {}
        self.attributes: dict[str, tuple[int, str]] = {}  # scene-field element id -> (ucid, name)
        self.scenes: dict[str, Scene] = {}
        self.created = self.reused = 0

    def run(self, filename: str, data_hash: str) -> UssImportReport:
        self._categories()
        self._elements()
        script = self._script(filename, data_hash)
        self._scenes(script)
        boards, strips = self._stripboards()
        has_calendar = self._calendar()
        in_play = [s for s in self.scenes.values() if not s.omitted]
        report = UssImportReport(
            production=self.production.code, filename=filename, title=script.title,
            scenes=len(in_play), pages_eighths=sum(s.eighths for s in in_play),
            categories=len(self.doc.categories), elements_created=self.created,
            elements_reused=self.reused, boards=boards, strips=strips, calendar=has_calendar,
            warnings=self.plan.warnings, script_id=str(script.public_id),
        )  # fmt: skip
        record(
            actor=self.actor, action="uss.import", target=script, production=self.production,
            changes={"scenes": report.scenes, "elements_created": self.created,
                     "boards": boards, "strips": strips, "calendar": has_calendar},
            message=f"USS import: {filename}",
        )  # fmt: skip
        return report

    def _categories(self) -> None:
        """The file's categories, made when missing, with the file's names (UCIDs keep meaning)."""
        have = {c.ucid: c for c in self.production.breakdown_categories.all()}
        for index, item in enumerate(self.doc.categories):
            standard = cats.category(item.ucid)
            category = have.get(item.ucid) or BreakdownCategory(
                production=self.production, ucid=item.ucid, colour=standard.colour,
                kind=standard.kind,
            )  # fmt: skip
            name = item.name.strip() or standard.name
            if category.pk and category.name == name:
                continue
            category.name = name
            if BreakdownCategory.objects.filter(production=self.production, name__iexact=name
                                                ).exclude(pk=category.pk).exists():  # fmt: skip
                raise _refuse([f"categories[{index}].name: another category is named {name!r}"])
            category.save()
            have[item.ucid] = category
        self.category_by_ucid = have

    def _elements(self) -> None:
        existing = {
            (e.category_id, e.name.lower()): e
            for e in Element.objects.filter(production=self.production)
        }
        new = []
        for index, item in enumerate(self.doc.elements):
            ucid = self.plan.ucid_of[item.id]
            if ucid in SCENE_FIELDS:
                self.attributes[item.id] = (ucid, item.name.strip())
                continue
            category = self.category_by_ucid[ucid]
            found = existing.get((category.pk, item.name.strip().lower()))
            if found is not None:
                self.elements[item.id] = found
                self.reused += 1
                continue
            element = Element(
                production=self.production, category=category, name=item.name.strip(),
                board_id=item.element_id.strip(), hold_allowed=item.dood_hold_allow,
                drop_allowed=item.dood_drop_allow, drop_min_days=max(1, item.dood_drop_days or 10),
                notes=str(item.extensions.get("_notes", "")),
                needs_review=bool(item.extensions.get("_needsReview", False)),
            )  # fmt: skip
            existing[(category.pk, element.name.lower())] = element
            self.elements[item.id] = element
            new.append((index, element))
        self._check_board_ids(new)
        for _, element in new:  # bulk_create skips Element.save, which keeps the sort text
            element.board_sort = board_id_sort_text(element.board_id)
        Element.objects.bulk_create([element for _, element in new])
        self.created = len(new)

    def _check_board_ids(self, new) -> None:
        taken = {
            (category_id, board_id): "an existing element"
            for category_id, board_id in Element.objects.filter(production=self.production)
            .exclude(board_id="")
            .values_list("category_id", "board_id")
        }
        errors = []
        for index, element in new:
            if not element.board_id:
                continue
            key = (element.category.pk, element.board_id)
            if key in taken:
                errors.append(
                    f"elements[{index}].elementId: {element.board_id!r} is taken by {taken[key]}"
                )
            taken[key] = f"elements[{index}]"
        if errors:
            raise _refuse(errors)

    def _script(self, filename: str, data_hash: str) -> Script:
        header = self.doc.header
        colour = str(header.get("scriptColor") or "")
        colour = next((c for c in REVISION_COLOURS if c.lower() == colour.lower()), "White")
        try:
            revised = datetime.date.fromisoformat(str(header.get("scriptDate")))
        except ValueError:
            revised = timezone.localdate()
        return Script.objects.create(
            production=self.production, title=str(header.get("name") or "")[:200],
            revision_colour=colour, revision_date=revised, source_filename=filename[:255],
            source_format="uss", sha256=data_hash,
            imported_by=self.actor if getattr(self.actor, "is_authenticated", False) else None,
        )  # fmt: skip

    def _scenes(self, script: Script) -> None:
        links = []
        for position, item in enumerate(b for b in self.doc.breakdowns if b.type == "scene"):
            scene = self._scene(script, position, item)
            self.scenes[item.id] = scene
            links.append((scene, [self.elements[e] for e in item.elements if e in self.elements]))
        Scene.objects.bulk_create(self.scenes.values())
        SceneElement.objects.bulk_create(
            SceneElement(scene=scene, element=element)
            for scene, elements in links
            for element in dict.fromkeys(elements)
        )

    def _scene(self, script: Script, position: int, item: uss.UssBreakdown) -> Scene:
        fields = {ucid: "" for ucid in SCENE_FIELDS}
        for element_id in item.elements:
            ucid, name = self.attributes.get(element_id, (None, ""))
            if ucid is not None and not fields[ucid]:
                fields[ucid] = name
        int_ext = _int_ext(fields[cats.INT_EXT])
        night = fields[cats.DAY_NIGHT].upper() in ("N", "NIGHT")
        time_of_day = str(item.extensions.get("_timeOfDay", "NIGHT" if night else "DAY"))
        omitted = bool(item.extensions.get("_omitted", False))
        eighths = 0 if omitted else max(1, pages_to_eighths(item.pages))
        parts = (f"{int_ext}." if int_ext else "", fields[cats.SET])
        built = " ".join(part for part in parts if part)
        built = f"{built} - {time_of_day}" if built and time_of_day else built
        heading = item.extensions.get("_heading", built)
        number = item.scene.strip().upper()
        return Scene(
            script=script, number=number, sort_key=scene_sort_key(number), position=position,
            heading=str(heading)[:300], int_ext=int_ext, set_name=fields[cats.SET][:200],
            time_of_day=time_of_day[:40], day_night=DayNight.NIGHT if night else DayNight.DAY,
            eighths=eighths, script_page=_page(item.script_page), synopsis=item.description[:300],
            screen_seconds=item.time // 1000, omitted=omitted,
        )  # fmt: skip

    def _stripboards(self) -> tuple[list[str], int]:
        working_taken = Board.objects.filter(production=self.production, is_working=True).exists()
        breakdowns = {b.id: b for b in self.doc.breakdowns}
        names, count = [], 0
        for index, item in enumerate(self.doc.stripboards):
            name = (item.name.strip() or f"Board {index + 1}")[:120]
            if Board.objects.filter(production=self.production, name__iexact=name).exists():
                raise _refuse([f"stripboards[{index}].name: a board named {name!r} exists"])
            wants_working = bool(item.extensions.get("_working", index == 0))
            board = Board.objects.create(
                production=self.production, name=name,
                is_working=wants_working and not working_taken,
                palette=_palette(item.extensions.get("_palette")),
            )  # fmt: skip
            working_taken = working_taken or board.is_working
            strips = self._strips(board, item, breakdowns)
            Strip.objects.bulk_create(strips)
            names.append(name)
            count += len(strips)
        return names, count

    def _strips(self, board: Board, item: uss.UssStripboard, breakdowns) -> list[Strip]:
        boneyard = [b for b in item.boards if b.name.strip().lower() == "boneyard"]
        on_board = [b for b in item.boards if b not in boneyard]
        strips = []
        for part, in_boneyard in [(b, False) for b in on_board] + [(b, True) for b in boneyard]:
            for breakdown_id in part.breakdown_ids:
                strip = self._strip(board, breakdowns[breakdown_id], in_boneyard)
                strip.position = len(strips)
                strips.append(strip)
        return strips

    def _strip(self, board: Board, item: uss.UssBreakdown, in_boneyard: bool) -> Strip:
        if item.type == "scene":
            scene = self.scenes[item.id]
            return Strip(board=board, kind=StripKind.SCENE, scene=scene, in_boneyard=in_boneyard)
        if item.type == "day":
            return Strip(board=board, kind=StripKind.DAY_BREAK)
        kind = item.extensions.get("_bannerKind", BannerKind.NOTE)
        kind = kind if kind in BannerKind.values and kind else BannerKind.NOTE
        return Strip(board=board, kind=StripKind.BANNER, banner_kind=kind,
                     text=item.description[:200])  # fmt: skip

    def _calendar(self) -> bool:
        calendar = self._chosen_calendar()
        if calendar is None:
            return False
        start = next((e.date for e in calendar.events if e.type == "start"), None)
        if start is None:
            self.plan.warnings.append(f"calendars: {calendar.id!r} has no start event; not set")
            return False
        working = sum(1 << d for d in range(7) if (d + 1) % 7 not in calendar.days_off)
        production_calendar, _ = ProductionCalendar.objects.update_or_create(
            production=self.production,
            defaults={"start_date": start, "working_weekdays": working},
        )
        production_calendar.exceptions.all().delete()
        days = {}
        for event in calendar.events:
            day_type = event.extensions.get("_dayType")
            if event.type == "dayOff":
                day_type = day_type if day_type in DayType.values else DayType.HOLIDAY
            if event.type == "start" or day_type not in DayType.values:
                continue
            days[event.date] = CalendarDay(calendar=production_calendar, date=event.date,
                                           type=day_type, name=event.name[:120])  # fmt: skip
        CalendarDay.objects.bulk_create(days.values())
        return True

    def _chosen_calendar(self) -> uss.UssCalendar | None:
        """The calendar of the first stripboard that names one, else the only one."""
        by_id = {c.id: c for c in self.doc.calendars}
        for stripboard in self.doc.stripboards:
            if stripboard.calendar in by_id:
                return by_id[stripboard.calendar]
        if len(self.doc.calendars) > 1:
            self.plan.warnings.append("calendars: several and none used by a stripboard; skipped")
            return None
        return self.doc.calendars[0] if self.doc.calendars else None


def _int_ext(name: str) -> str:
    value = name.strip().upper().rstrip(".")
    if value in ("INT", "EXT"):
        return value
    if value in ("INT/EXT", "INT-EXT", "I/E", "EXT/INT", "EXT-INT"):
        return IntExt.INT_EXT
    return ""


def _page(text: str) -> int:
    digits = "".join(ch for ch in text.split(".")[0] if ch.isdigit())
    return max(1, int(digits)) if digits else 1


def _palette(value) -> dict:
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    return dict(cats.STRIP_PALETTE)


def uss_import(
    *, actor, production: Production, data, filename: str, dry_run: bool = False
) -> UssImportReport:
    """Import a USS document into a production without a script: all of it or nothing."""
    require(can_import_script(actor, production), "Only the production office imports schedules.")
    raw = data if isinstance(data, bytes) else str(data).encode("utf-8")
    refuse_bidi_under("file", filename, identifier=True, what="The file name")
    plan = _Plan(parse_uss(data))
    plan.check()
    with transaction.atomic():
        # One import at a time per production: two scripts must not both become current.
        Production.objects.select_for_update().filter(pk=production.pk).first()
        if script_current(production) is not None:
            message = "This production already has a script; import USS into a new production."
            raise ValidationError({"production": message})
        # A clash the checks above missed (a race, a case they do not cover) refuses the file.
        with integrity_as_validation("The file clashes with this production's schedule."):
            digest = hashlib.sha256(raw).hexdigest()
            report = _Import(actor, production, plan).run(filename, digest)
        report.dry_run = dry_run
        if dry_run:
            report.script_id = None
            transaction.set_rollback(True)
    return report


def uss_export_file(*, actor, production: Production, board: Board | None = None) -> str:
    """The .uss text of `uss_export`, with the export recorded in the audit log (S-13)."""
    require(can_read_schedule(actor, production), "The schedule is read by production-wide roles.")
    text = uss.dumps(uss.from_uss(uss_export(production, board)))
    with transaction.atomic():
        record(
            actor=actor,
            action="uss.export",
            target=production,
            production=production,
            message=f"USS export{f' of board {board.name}' if board else ''}",
        )
    return text
