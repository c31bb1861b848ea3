"""Script import: the first draft and each revision, all or nothing, with a dry run.

Every function takes `actor` (a User, or None for the CLI and the system), checks the permission
function, writes in one transaction and records its audit event in the same transaction.
"""

from __future__ import annotations

import datetime
import hashlib
import zoneinfo
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.core.text import bidi_problem, neutralise, refuse_bidi_under
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Engagement, Production
from prodoffice.scheduling import engine
from prodoffice.scheduling.choices import REVISION_COLOURS, SceneStatus
from prodoffice.scheduling.engine import categories, revisions
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    Script,
    SpeakingCharacter,
    SuggestionDismissal,
    scene_sort_key,
)
from prodoffice.scheduling.permissions import can_import_script
from prodoffice.scheduling.selectors.script import script_current
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.breakdown import categories_seed

#: A feature script is well under a megabyte; anything far bigger is not a script.
MAX_SCRIPT_BYTES = 10 * 1024 * 1024
_GONE = (EngagementStatus.RELEASED,)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    production: str
    filename: str
    title: str
    revision_colour: str
    scenes: int
    pages_eighths: int
    speaking_characters: list[str]
    added: list[str] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    cast_matched: list[str] = field(default_factory=list)
    cast_to_review: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    is_revision: bool = False
    new_script: bool = False
    dry_run: bool = False
    script_id: str | None = None

    def as_dict(self) -> dict:
        """Plain data for JSON output."""
        return asdict(self)


def script_import(
    *,
    actor,
    production: Production,
    filename: str,
    data: bytes,
    revision_colour: str | None = None,
    new_script: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import a Fountain or Final Draft draft, all or nothing; a dry run reports and saves none.

    A draft is a revision of the current script, unless `new_script` starts a new script (the
    current one then stops being current and nothing is matched or carried over from it).
    """
    require(can_import_script(actor, production), "Only the production office imports scripts.")
    parsed = _parse(data, filename)
    with transaction.atomic():
        # One import at a time per production: two drafts must not both become current.
        Production.objects.select_for_update().filter(pk=production.pk).first()
        previous = script_current(production)
        if previous is not None and previous.sha256 == _sha256(data):
            message = "This draft is already the current script."
            raise ValidationError({"file": ValidationError(message, code="duplicate")})
        revised = None if new_script else previous
        colour = _colour(revision_colour, revised)
        report = _Import(actor, production, parsed, previous, new_script=new_script).run(
            filename, data, colour
        )
        report.dry_run = dry_run
        if dry_run:
            report.script_id = None
            transaction.set_rollback(True)
    return report


def _production_today(production: Production) -> datetime.date:
    """Today where the production is: a revision is dated as the office dates it."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(production.time_zone)).date()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _parse(data: bytes, filename: str) -> engine.Script:
    """The engine's reading of the file; any problem but a warning refuses the whole file."""
    if len(data) > MAX_SCRIPT_BYTES:
        raise ValidationError({"file": "The file is too big to be a script (10 MB at most)."})
    try:
        parsed = engine.import_script(data, filename)
        parsed.raise_for_problems()
    except engine.ScriptError as exc:
        raise ValidationError({"file": ValidationError(str(exc), code="invalid_script")}) from exc
    refuse_bidi_under("file", filename, identifier=True, what="The file name")
    refuse_bidi_under("file", parsed.title, what="The title page's title")
    problems = [
        ValidationError(f"{neutralise(where)}: {problem}", code="bidi_control")
        for where, value, identifier in _names_and_identifiers(parsed)
        if (problem := bidi_problem(value, identifier=identifier))
    ]
    if problems:
        raise ValidationError({"file": problems})
    return parsed


def _names_and_identifiers(parsed: engine.Script):
    """(where, value, is an identifier) of the names a script gives its scenes and cast: scene
    numbers, headings and sets at the heading's line, character names at their first cue."""
    named: set[str] = set()
    for scene in parsed.scenes:
        at = f"line {scene.line}, " if scene.line is not None else ""
        yield f"{at}scene {scene.number}: the scene number", scene.number, True
        yield f"{at}scene {scene.number}: the scene heading", scene.heading, False
        yield f"{at}scene {scene.number}: the set name", scene.set, False
        for name in (n for n in scene.characters if n.upper() not in named):
            named.add(name.upper())
            line = scene.cue_lines.get(name.upper(), scene.line)
            cue = f"line {line}, " if line is not None else ""
            yield f"{cue}scene {scene.number}: the character name", name, False


def _colour(requested: str | None, previous: Script | None) -> str:
    """The requested colour by its name in any case, else the one after the current draft's."""
    if not requested:
        return revisions.next_revision_colour(previous.revision_colour if previous else None)
    for colour in REVISION_COLOURS:
        if colour.lower() == requested.strip().lower():
            return colour
    raise ValidationError(
        {"revision_colour": f"Unknown revision colour “{requested}” (White, Blue, Pink ...)."}
    )


def _as_engine_scene(scene: Scene) -> engine.Scene:
    """A stored scene as the engine's revision matcher reads it (omitted ones match nothing)."""
    return engine.Scene(
        number=scene.number,
        heading="OMITTED" if scene.omitted else scene.heading,
        int_ext=scene.int_ext,
        set=scene.set_name,
        time=scene.time_of_day,
        eighths=scene.eighths,
        page=scene.script_page,
        synopsis=scene.synopsis,
        characters=[],
        own_number=True,
        text="" if scene.omitted else scene.text,
    )


class _Import:
    """One import inside the service's transaction: script, scenes, cast, breakdown, audit."""

    def __init__(
        self, actor, production: Production, parsed: engine.Script, previous, new_script=False
    ):
        self.actor, self.production = actor, production
        # A new script replaces the current one without revising it: nothing is matched.
        self.replaced = previous
        self.parsed, self.previous = parsed, None if new_script else previous
        self.report = ImportReport(
            production=production.code,
            filename="",
            title=parsed.title,
            revision_colour="",
            scenes=len(parsed.scenes),
            pages_eighths=parsed.eighths,
            speaking_characters=parsed.speaking_characters,
            warnings=[str(problem) for problem in parsed.warnings],
            is_revision=self.previous is not None,
            new_script=new_script and previous is not None,
        )

    def run(self, filename: str, data: bytes, colour: str) -> ImportReport:
        """Write everything; the report says what was written."""
        self.report.filename, self.report.revision_colour = filename, colour
        categories_seed(actor=self.actor, production=self.production)
        entries = self._entries()
        script = self._script(filename, data, colour)
        rows = self._scenes(script, entries)
        self._speakers(rows, entries)
        self._carry_breakdown(rows, entries)
        if self.previous is not None:
            # Boards keep their order: each strip follows its scene into the new draft.
            boards.strips_follow_draft(actor=self.actor, production=self.production, scenes=rows)
        self._carry_dismissals(rows, entries)
        self._audit(script)
        self.report.script_id = str(script.public_id)
        return self.report

    def _entries(self) -> list[tuple[str, str, engine.Scene | None, Scene | None]]:
        """(number, status, new scene, previous stored scene) in the new draft's order."""
        if self.previous is None:
            return [(s.number, SceneStatus.NEW, s, None) for s in self.parsed.scenes]
        stored = list(Scene.objects.filter(script=self.previous).order_by("sort_key"))
        old = [_as_engine_scene(scene) for scene in stored]
        by_id = {id(scene): row for scene, row in zip(old, stored, strict=True)}
        try:
            revision = revisions.match_revision(old, self.parsed.scenes, locked=True)
        except ValueError as exc:  # the engine finds no number when no scene matched at all
            raise _unrelated() from exc
        entries = [
            (e.number, e.status, e.scene, by_id[id(e.previous)] if e.previous else None)
            for e in revision.scenes
        ]
        if not any(
            scene and previous and not previous.omitted for _, _, scene, previous in entries
        ):
            raise _unrelated()
        self._report_changes(entries)
        return entries

    def _report_changes(self, entries) -> None:
        for number, status, _, previous in entries:
            if status == SceneStatus.ADDED:
                self.report.added.append(number)
            elif status == SceneStatus.CHANGED:
                self.report.changed.append(number)
            elif status == SceneStatus.OMITTED and not previous.omitted:
                self.report.omitted.append(number)

    def _script(self, filename: str, data: bytes, colour: str) -> Script:
        if self.replaced is not None:
            Script.objects.filter(pk=self.replaced.pk).update(is_current=False)
        return Script.objects.create(
            production=self.production,
            title=self.parsed.title[:200],
            revision_colour=colour,
            source_filename=filename[:255],
            source_format=self.parsed.source_format,
            sha256=_sha256(data),
            revision_date=_production_today(self.production),
            imported_by=self.actor if getattr(self.actor, "is_authenticated", False) else None,
            is_current=True,
        )

    def _scenes(self, script: Script, entries) -> list[Scene]:
        rows = [
            _scene_row(script, position, number, status, scene, previous)
            for position, (number, status, scene, previous) in enumerate(entries)
        ]
        return Scene.objects.bulk_create(rows)

    def _speakers(self, rows: list[Scene], entries) -> None:
        """Link each scene's speaking characters to cast elements, made when missing."""
        elements = _CastMatcher(self.production, self.report).elements(
            self.parsed.speaking_characters
        )
        speaking, links = [], []
        for row, (_, _, scene, _) in zip(rows, entries, strict=True):
            for order, name in enumerate(scene.characters if scene else []):
                element = elements[name.upper()]
                speaking.append(
                    SpeakingCharacter(scene=row, name=name, order=order, element=element)
                )
                links.append(SceneElement(scene=row, element=element, from_script=True))
        SpeakingCharacter.objects.bulk_create(speaking)
        SceneElement.objects.bulk_create(links)

    def _carry_breakdown(self, rows: list[Scene], entries) -> None:
        """Hand-made breakdown follows its scene into the new draft (all of it for cut scenes)."""
        if self.previous is None:
            return
        old = SceneElement.objects.filter(scene__script=self.previous)
        by_scene: dict[int, list[tuple[int, bool]]] = {}
        for scene_id, element_id, from_script in old.values_list(
            "scene_id", "element_id", "from_script"
        ):
            by_scene.setdefault(scene_id, []).append((element_id, from_script))
        have = set(
            SceneElement.objects.filter(scene__in=rows).values_list("scene_id", "element_id")
        )
        carried = []
        for row, (_, _, scene, previous) in zip(rows, entries, strict=True):
            for element_id, from_script in by_scene.get(previous.pk if previous else None, []):
                keep = scene is None or not from_script
                if keep and (row.pk, element_id) not in have:
                    carried.append(
                        SceneElement(scene=row, element_id=element_id, from_script=from_script)
                    )
        SceneElement.objects.bulk_create(carried)

    def _carry_dismissals(self, rows: list[Scene], entries) -> None:
        """Suggestions turned down in a scene stay turned down in its next version."""
        if self.previous is None:
            return
        new_for_old = {
            previous.pk: row
            for row, (_, _, _, previous) in zip(rows, entries, strict=True)
            if previous is not None
        }
        SuggestionDismissal.objects.bulk_create(
            SuggestionDismissal(
                scene=new_for_old[d.scene_id],
                key=d.key,
                name=d.name,
                dismissed_by_id=d.dismissed_by_id,
                dismissed_at=d.dismissed_at,
            )
            for d in SuggestionDismissal.objects.filter(scene_id__in=new_for_old)
        )

    def _audit(self, script: Script) -> None:
        report, previous = self.report, self.previous
        pages = format_eighths(report.pages_eighths)
        record(
            actor=self.actor,
            action="script.import",
            target=script,
            production=self.production,
            changes={
                "revision_colour": [
                    previous.revision_colour if previous else None,
                    script.revision_colour,
                ],
                "added": report.added,
                "omitted": report.omitted,
                "changed": report.changed,
                "cast_to_review": report.cast_to_review,
                "new_script": report.new_script,
            },
            message=f"{report.scenes} scenes, {pages} pages: {script.source_filename}",
        )


def _unrelated() -> ValidationError:
    """A draft that shares no scene with the current one is most likely another script."""
    message = (
        "This draft shares no scene with the current script: another production's? "
        "To start a new script instead of a revision, import it as a new script."
    )
    return ValidationError({"file": ValidationError(message, code="unrelated_draft")})


def _scene_row(script, position, number, status, scene, previous) -> Scene:
    """The stored scene of one entry; a cut scene keeps its old heading, with no pages."""
    common = dict(
        script=script, number=number, sort_key=scene_sort_key(number), position=position,
        status=status, previous=previous,
    )  # fmt: skip
    if scene is None:
        return Scene(
            **common, heading=previous.heading, int_ext=previous.int_ext,
            set_name=previous.set_name, time_of_day=previous.time_of_day,
            day_night=previous.day_night, eighths=0, script_page=previous.script_page,
            synopsis=previous.synopsis, omitted=True,
        )  # fmt: skip
    return Scene(
        **common, heading=scene.heading[:300], int_ext=scene.int_ext, set_name=scene.set[:200],
        time_of_day=scene.time[:40], day_night=scene.day_night, eighths=max(1, scene.eighths),
        script_page=max(1, scene.page), synopsis=scene.synopsis[:300], summary=scene.summary,
        text=scene.text, screen_seconds=scene.screen_time_ms // 1000,
    )  # fmt: skip


class _CastMatcher:
    """Speaking characters to cast elements: by element name, then by engagement character."""

    def __init__(self, production: Production, report: ImportReport):
        self.production, self.report = production, report
        self.cast = BreakdownCategory.objects.get(production=production, ucid=categories.CAST)
        existing = list(Element.objects.filter(category=self.cast))
        self.by_name = {e.name.upper(): e for e in existing}
        self.by_engagement = {e.engagement_id: e for e in existing if e.engagement_id}
        self.board_ids = {e.board_id for e in existing if e.board_id}
        engagements = Engagement.objects.filter(production=production).exclude(character="")
        self.engagements = {
            e.character.strip().upper(): e for e in engagements.exclude(status__in=_GONE)
        }

    def elements(self, names: list[str]) -> dict[str, Element]:
        """Upper-cased name -> element, noting in the report which are cast and which to review."""
        out, new = {}, []
        for name in names:
            element = self._element(name, new)
            out[name.upper()] = element
            bucket = (
                self.report.cast_matched if element.engagement_id else self.report.cast_to_review
            )
            bucket.append(name)
        Element.objects.bulk_create(new)  # one insert, however many characters are new
        return out

    def _element(self, name: str, new: list[Element]) -> Element:
        """The character's element: known by name or engagement, else a new one (in `new`)."""
        key = name.upper()
        engagement = self.engagements.get(key)
        element = self.by_name.get(key)
        if element is None and engagement is not None:
            element = self.by_engagement.get(engagement.pk)
        if element is None:
            element = self._new(name[:120], engagement)
            new.append(element)
        elif element.engagement_id is None and engagement is not None:
            self._link(element, engagement)
        return element

    def _link(self, element: Element, engagement: Engagement) -> None:
        """A character imported before its actor was engaged now finds the engagement."""
        if engagement.pk in self.by_engagement:
            return
        element.engagement, element.needs_review = engagement, False
        if not element.board_id:
            element.board_id = self._free_board_id(engagement)
        element.save(update_fields=["engagement", "needs_review", "board_id", "updated_at"])
        self.by_engagement[engagement.pk] = element

    def _free_board_id(self, engagement: Engagement | None) -> str:
        """The cast number as board ID, unless an element already carries it."""
        board_id = str(engagement.cast_number) if engagement and engagement.cast_number else ""
        if board_id in self.board_ids:
            return ""  # taken by hand already: the office numbers it on review
        self.board_ids.add(board_id)
        return board_id

    def _new(self, name: str, engagement: Engagement | None) -> Element:
        """An unsaved cast element; without an engagement the office reviews it."""
        element = Element(
            production=self.production, category=self.cast, name=name,
            board_id=self._free_board_id(engagement), engagement=engagement,
            needs_review=engagement is None,
        )  # fmt: skip
        self.by_name[name.upper()] = element
        if engagement is not None:
            self.by_engagement[engagement.pk] = element
        return element


# --- Breakdown desk: elements in scenes, suggestions, the cast review --------------------------
