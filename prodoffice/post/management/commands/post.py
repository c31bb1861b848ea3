"""`prodoffice post VERB`: rooms, bookings, pipeline tasks and deliveries from the command line.

rooms       --production CODE                       the rooms it may book (bookable only)
bookings    --production CODE [--room ID]           upcoming bookings (or all with --all)
book        --production CODE --room ID --start ISO --end ISO --level L [--task ID]
            [--engagement UUID ...] [--title TEXT]  a booking; a clash exits 1 naming it
level       --production CODE BOOKING LEVEL         pencil | preliminary | confirmed
cancel      --production CODE BOOKING               release a booking
tasks       --production CODE                       the pipeline with slips and dependencies
task-add    --production CODE --kind K --name N --start D --end D [--department ...]
task-edit   --production CODE TASK [--name ...] [--start D] [--end D] ...   dates slip dependants
task-delete --production CODE TASK
depend      --production CODE TASK --on TASK        TASK waits for the other (cycles refused)
undepend    --production CODE TASK --on TASK
deliveries  --production CODE [--territory T]       the schedules, what is late or missing
deliverable-status --production CODE ITEM STATUS    move an item along its table
cues | shots --production CODE                      ADR cues / VFX shots with conform flags
cue-status | shot-status --production CODE ITEM STATUS   open | in_progress | done | omitted
cue-edit    --production CODE ITEM [--cue ID] [--character C] [--line L] [--engagement UUID]
            [--version ID] [--in F] [--out F] [--notes N]   record frames [in, out)
shot-edit   --production CODE ITEM [--shot ID] [--vendor V] [--description D] [--version ID]
            [--in F] [--out F] [--notes N]
cue-delete | shot-delete --production CODE ITEM
room-link   --production CODE --room ID [--base-url URL]   a new secret calendar link (shown
            once; the previous one stops answering)
room-unlink --production CODE --room ID              revoke the room's calendar link

Every verb takes --json. The CLI acts as the system, through the same services as web and API.
Exit codes: 0 done, 1 refused (with the reason: a clash names the booking), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime
import os

from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.post.choices import BookingLevel, CueStatus, DeliverableStatus, TaskKind
from prodoffice.post.models import AdrCue, Booking, CutVersion, PostTask, Room, VfxShot
from prodoffice.post.selectors import outstanding_by_territory
from prodoffice.post.services import cues, delivery, facilities, pipeline
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.productions.models import Engagement

VERBS = (
    "rooms",
    "bookings",
    "book",
    "level",
    "cancel",
    "tasks",
    "task-add",
    "task-edit",
    "task-delete",
    "depend",
    "undepend",
    "deliveries",
    "deliverable-status",
    "cues",
    "shots",
    "cue-status",
    "shot-status",
    "cue-edit",
    "shot-edit",
    "cue-delete",
    "shot-delete",
    "room-link",
    "room-unlink",
)
ITEM_MODELS = {"cue": AdrCue, "shot": VfxShot}


def item_row(item) -> dict:
    row = {
        "id": item.pk,
        "cut_version": item.cut_version_id,
        "record_in": item.record_in,
        "record_out": item.record_out,
        "status": item.status,
        "needs_conform": item.needs_conform,
        "notes": item.notes,
    }
    if isinstance(item, AdrCue):
        engagement = item.engagement.public_id if item.engagement_id else None
        row.update(cue=item.cue, character=item.character, line=item.line,
                   engagement=str(engagement) if engagement else None)  # fmt: skip
    else:
        row.update(shot=item.shot, vendor=item.vendor, description=item.description)
    return row


def _moment(name: str, value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{name}: “{value}” is not an ISO 8601 date and time.",
                           returncode=USAGE) from exc  # fmt: skip
    if moment.tzinfo is None:
        raise CommandError(f"{name}: give the UTC offset (2027-03-08T09:00+00:00).",
                           returncode=USAGE)  # fmt: skip
    return moment


def _date(name: str, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{name}: “{value}” is not a date (YYYY-MM-DD).",
                           returncode=USAGE) from exc  # fmt: skip


def booking_row(b: Booking) -> dict:
    return {
        "id": b.pk,
        "room": b.room_id,
        "room_name": b.room.name,
        "start": b.start.isoformat(),
        "end": b.end.isoformat(),
        "level": b.level,
        "task": b.task_id,
        "engagements": [str(e.public_id) for e in b.engagements.all()],
        "title": b.title,
    }


def task_row(t: PostTask) -> dict:
    return {
        "id": t.pk,
        "kind": t.kind,
        "name": t.name,
        "department": t.department,
        "assignee": str(t.assignee.public_id) if t.assignee_id else None,
        "start_date": t.start_date.isoformat(),
        "end_date": t.end_date.isoformat(),
        "planned_end": t.planned_end.isoformat(),
        "slip_days": t.slip_days,
        "status": t.status,
        "max_nc": t.max_nc,
        "depends_on": sorted(d.pk for d in t.depends_on.all()),
        "needs_conform": t.needs_conform,
    }


class Command(CliCommand):
    """Rooms, bookings, the pipeline and deliveries."""

    help = (
        "Post: rooms|bookings|book|level|cancel|tasks|task-add|task-edit|task-delete|depend|"
        "undepend|deliveries|deliverable-status|cues|shots|cue-status|shot-status|cue-edit|"
        "shot-edit|cue-delete|shot-delete|room-link|room-unlink --production CODE [...] [--json]. "
        "Exit codes: "
        "0 done, 1 refused (a booking clash names the booking), 2 bad arguments."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True, metavar="|".join(VERBS))
        parsers = {verb: sub.add_parser(verb) for verb in VERBS}
        for p in parsers.values():
            p.add_argument("--production", required=True, metavar="CODE")
            p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        parsers["bookings"].add_argument("--room", type=int, metavar="ID")
        parsers["bookings"].add_argument("--all", action="store_true", help="Past ones too.")
        book = parsers["book"]
        book.add_argument("--room", type=int, required=True, metavar="ID")
        book.add_argument("--start", required=True, metavar="ISO")
        book.add_argument("--end", required=True, metavar="ISO")
        book.add_argument("--level", required=True, choices=BookingLevel.values)
        book.add_argument("--task", type=int, metavar="ID")
        book.add_argument("--engagement", action="append", default=[], metavar="UUID")
        book.add_argument("--title", default="")
        parsers["level"].add_argument("booking", type=int)
        parsers["level"].add_argument("level", choices=BookingLevel.values)
        parsers["cancel"].add_argument("booking", type=int)
        for verb in ("task-add", "task-edit"):
            p = parsers[verb]
            if verb == "task-edit":
                p.add_argument("task", type=int)
            p.add_argument("--kind", choices=TaskKind.values, required=verb == "task-add")
            p.add_argument("--name", required=verb == "task-add")
            p.add_argument("--start", required=verb == "task-add", metavar="YYYY-MM-DD")
            p.add_argument("--end", required=verb == "task-add", metavar="YYYY-MM-DD")
            p.add_argument("--department")
            p.add_argument("--assignee", metavar="UUID", help="An engagement's public id.")
            p.add_argument("--max-nc", type=int, metavar="NC")
            p.add_argument("--notes")
        parsers["task-delete"].add_argument("task", type=int)
        for verb in ("depend", "undepend"):
            parsers[verb].add_argument("task", type=int)
            parsers[verb].add_argument("--on", type=int, required=True, metavar="TASK")
        parsers["deliveries"].add_argument("--territory")
        parsers["deliverable-status"].add_argument("item", type=int)
        parsers["deliverable-status"].add_argument("status", choices=DeliverableStatus.values)
        for kind in ITEM_MODELS:
            parsers[f"{kind}-status"].add_argument("item", type=int)
            parsers[f"{kind}-status"].add_argument("status", choices=CueStatus.values)
            parsers[f"{kind}-delete"].add_argument("item", type=int)
            edit = parsers[f"{kind}-edit"]
            edit.add_argument("item", type=int)
            edit.add_argument(f"--{kind}", metavar="ID", help=f"The {kind} id.")
            edit.add_argument("--version", type=int, metavar="ID", help="A cut version's id.")
            edit.add_argument("--in", type=int, dest="record_in", metavar="FRAME")
            edit.add_argument("--out", type=int, dest="record_out", metavar="FRAME")
            edit.add_argument("--notes")
        parsers["cue-edit"].add_argument("--character")
        parsers["cue-edit"].add_argument("--line")
        parsers["cue-edit"].add_argument("--engagement", metavar="UUID")
        parsers["shot-edit"].add_argument("--vendor")
        parsers["shot-edit"].add_argument("--description")
        for verb in ("room-link", "room-unlink"):
            parsers[verb].add_argument("--room", type=int, required=True, metavar="ID")
        parsers["room-link"].add_argument(
            "--base-url",
            metavar="URL",
            default=os.environ.get("PRODOFFICE_BASE_URL", "http://localhost:8000"),
            help="The site's address (default: $PRODOFFICE_BASE_URL or http://localhost:8000).",
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        verb = options["verb"].replace("-", "_")
        getattr(self, f"_{verb}")(production, options)

    # --- output ---

    def _out(self, options, data, lines) -> None:
        if options.get("json"):
            self.emit_json(data)
            return
        for line in lines:
            self.stdout.write(line)

    # --- rooms and bookings ---

    def _rooms(self, production, options):
        rooms = Room.objects.in_production(production).bookable().select_related("facility")
        rows = [
            {
                "id": r.pk,
                "name": r.name,
                "kind": r.kind,
                "nc_rating": r.nc_rating,
                "facility": r.facility.name,
                "opens_at": r.opens_at.strftime("%H:%M"),
                "closes_at": r.closes_at.strftime("%H:%M"),
            }
            for r in rooms.order_by("name")
        ]
        lines = [f"{r['id']:>5} {r['name']:<24} {r['kind']:<16} NC {r['nc_rating']}" for r in rows]
        self._out(options, rows, lines)

    def _room(self, production, pk) -> Room:
        room = Room.objects.in_production(production).filter(pk=pk).first()
        if room is None:
            raise CommandError(f"--room: no room {pk} in {production.code}.", returncode=USAGE)
        return room

    def _booking(self, production, pk) -> Booking:
        booking = Booking.objects.filter(production=production, pk=pk).first()
        if booking is None:
            raise CommandError(f"No booking #{pk} in {production.code}.", returncode=USAGE)
        return booking

    def _bookings(self, production, options):
        bookings = Booking.objects.filter(production=production)
        if not options["all"]:
            bookings = bookings.filter(end__gte=timezone.now())
        if options["room"]:
            bookings = bookings.filter(room=self._room(production, options["room"]))
        bookings = bookings.select_related("room").prefetch_related("engagements")
        rows = [booking_row(b) for b in bookings.order_by("start", "pk")]
        lines = [f"#{r['id']:<5} {r['room_name']:<20} {r['start']} – {r['end']} {r['level']}"
                 for r in rows]  # fmt: skip
        self._out(options, rows, lines)

    def _book(self, production, options):
        task = None
        if options["task"]:
            task = self._task(production, options["task"])
        engagements = []
        for public_id in options["engagement"]:
            engagement = None
            if _is_uuid(public_id):
                engagement = Engagement.objects.filter(production=production, public_id=public_id)
                engagement = engagement.first()
            if engagement is None:
                raise CommandError(f"--engagement: no engagement {public_id} in {production.code}.",
                                   returncode=USAGE)  # fmt: skip
            engagements.append(engagement)
        booking = facilities.booking_create(
            actor=None,
            production=production,
            room=self._room(production, options["room"]),
            start=_moment("--start", options["start"]),
            end=_moment("--end", options["end"]),
            level=options["level"],
            task=task,
            engagements=engagements,
            title=options["title"],
        )
        booking = Booking.objects.select_related("room").get(pk=booking.pk)
        self._out(options, booking_row(booking), [f"Booked: {booking}."])

    def _level(self, production, options):
        booking = facilities.booking_set_level(
            actor=None, booking=self._booking(production, options["booking"]),
            level=options["level"],
        )  # fmt: skip
        booking = Booking.objects.select_related("room").get(pk=booking.pk)
        self._out(options, booking_row(booking), [f"Booking #{booking.pk} is now {booking.level}."])

    def _cancel(self, production, options):
        booking = self._booking(production, options["booking"])
        pk = booking.pk
        facilities.booking_cancel(actor=None, booking=booking)
        self._out(options, {"cancelled": pk}, [f"Booking #{pk} cancelled."])

    # --- tasks ---

    def _task(self, production, pk) -> PostTask:
        task = PostTask.objects.filter(production=production, pk=pk).first()
        if task is None:
            raise CommandError(f"No post task {pk} in {production.code}.", returncode=USAGE)
        return task

    def _tasks(self, production, options):
        tasks = PostTask.objects.filter(production=production).select_related("assignee")
        rows = [task_row(t) for t in tasks.prefetch_related("depends_on")]
        lines = [
            f"{r['id']:>5} {r['name']:<32} {r['start_date']} – {r['end_date']} {r['status']}"
            + (f" slipped {r['slip_days']} d" if r["slip_days"] > 0 else "")
            + (f" after {r['depends_on']}" if r["depends_on"] else "")
            for r in rows
        ]
        self._out(options, rows, lines)

    def _task_values(self, production, options) -> dict:
        values = {
            "kind": options["kind"],
            "name": options["name"],
            "department": options["department"],
            "max_nc": options["max_nc"],
            "notes": options["notes"],
            "start_date": _date("--start", options["start"]),
            "end_date": _date("--end", options["end"]),
        }
        values = {k: v for k, v in values.items() if v is not None}
        if options["assignee"] is not None:
            raw = options["assignee"]
            found = Engagement.objects.filter(production=production, public_id=raw).first() \
                if _is_uuid(raw) else None  # fmt: skip
            if found is None:
                raise CommandError(f"--assignee: no engagement {raw} in {production.code}.",
                                   returncode=USAGE)  # fmt: skip
            values["assignee"] = found
        return values

    def _report_task(self, options, task, verb):
        moved = getattr(task, "slipped", {})
        task = PostTask.objects.prefetch_related("depends_on").get(pk=task.pk)
        row = task_row(task)
        row["slipped"] = {str(k): v for k, v in moved.items()}
        lines = [f"{task} {verb}."] + [f"  task {k} slipped {v} d" for k, v in moved.items()]
        self._out(options, row, lines)

    def _task_add(self, production, options):
        task = pipeline.task_create(
            actor=None, production=production, **self._task_values(production, options)
        )
        self._report_task(options, task, "added")

    def _task_edit(self, production, options):
        task = pipeline.task_update(
            actor=None,
            task=self._task(production, options["task"]),
            **self._task_values(production, options),
        )
        self._report_task(options, task, "saved")

    def _task_delete(self, production, options):
        task = self._task(production, options["task"])
        pk = task.pk
        pipeline.task_delete(actor=None, task=task)
        self._out(options, {"deleted": pk}, [f"Post task {pk} deleted."])

    def _depend(self, production, options):
        task = pipeline.task_add_dependency(
            actor=None,
            task=self._task(production, options["task"]),
            depends_on=self._task(production, options["on"]),
        )
        self._report_task(options, task, "now waits")

    def _undepend(self, production, options):
        task = pipeline.task_remove_dependency(
            actor=None,
            task=self._task(production, options["task"]),
            depends_on=self._task(production, options["on"]),
        )
        self._report_task(options, task, "no longer waits")

    # --- deliveries ---

    def _deliveries(self, production, options):
        rows = []
        for t in outstanding_by_territory(None, production):
            schedule = t["schedule"]
            if options["territory"] and schedule.territory.lower() != options["territory"].lower():
                continue
            late = {d.pk for d in t["late"]}
            rows.append(
                {
                    "territory": schedule.territory,
                    "distributor": schedule.distributor,
                    "due": schedule.due.isoformat(),
                    "late": len(t["late"]),
                    "missing": len(t["missing"]),
                    "items": [
                        {
                            "id": d.pk,
                            "kind": d.kind,
                            "language": d.language,
                            "due_date": d.due_date.isoformat(),
                            "status": d.status,
                            "late": d.pk in late,
                            "task": d.task_id,
                            "file_name": d.file_name,
                            "sha256": d.sha256,
                        }
                        for d in t["items"]
                    ],
                }
            )
        lines = [f"{r['territory']} {r['distributor']} due {r['due']}: {r['late']} late, "
                 f"{r['missing']} missing" for r in rows]  # fmt: skip
        self._out(options, rows, lines)

    def _deliverable_status(self, production, options):
        from prodoffice.post.models import Deliverable

        item = Deliverable.objects.filter(schedule__production=production, pk=options["item"])
        item = item.first()
        if item is None:
            raise CommandError(f"No deliverable {options['item']} in {production.code}.",
                               returncode=USAGE)  # fmt: skip
        item = delivery.deliverable_set_status(actor=None, deliverable=item,
                                               status=options["status"])  # fmt: skip
        data = {"id": item.pk, "kind": item.kind, "language": item.language,
                "status": item.status}  # fmt: skip
        self._out(options, data, [f"{item} is now {item.status}."])

    # --- ADR cues and VFX shots ---

    def _item(self, production, kind, pk):
        item = ITEM_MODELS[kind].objects.filter(production=production, pk=pk).first()
        if item is None:
            raise CommandError(f"No {kind} {pk} in {production.code}.", returncode=USAGE)
        return item

    def _list_items(self, production, kind, options):
        items = ITEM_MODELS[kind].objects.filter(production=production).order_by("record_in", "pk")
        rows = [item_row(i) for i in items.select_related("engagement")]
        lines = [f"{r['id']:>5} {r[kind]:<10} {r['record_in']}–{r['record_out']} {r['status']}"
                 f"{' CONFORM' if r['needs_conform'] else ''}" for r in rows]  # fmt: skip
        self._out(options, rows, lines)

    def _cues(self, production, options):
        self._list_items(production, "cue", options)

    def _shots(self, production, options):
        self._list_items(production, "shot", options)

    def _item_status(self, production, kind, options):
        item = self._item(production, kind, options["item"])
        item = cues.item_set_status(actor=None, item=item, status=options["status"])
        self._out(options, item_row(item), [f"{item} is now {item.status}."])

    def _cue_status(self, production, options):
        self._item_status(production, "cue", options)

    def _shot_status(self, production, options):
        self._item_status(production, "shot", options)

    def _item_edit(self, production, kind, options):
        item = self._item(production, kind, options["item"])
        extra = ("character", "line") if kind == "cue" else ("vendor", "description")
        names = (kind, "record_in", "record_out", "notes", *extra)
        values = {n: options[n] for n in names if options.get(n) is not None}
        if options.get("version") is not None:
            version = CutVersion.objects.filter(cut__production=production, pk=options["version"])
            values["cut_version"] = version.first()
            if values["cut_version"] is None:
                raise CommandError(f"--version: no cut version {options['version']} in "
                                   f"{production.code}.", returncode=USAGE)  # fmt: skip
        if kind == "cue" and options.get("engagement") is not None:
            raw = options["engagement"]
            engagement = None
            if _is_uuid(raw):
                engagement = Engagement.objects.filter(production=production, public_id=raw).first()
            if engagement is None:
                raise CommandError(f"--engagement: no engagement {raw} in {production.code}.",
                                   returncode=USAGE)  # fmt: skip
            values["engagement"] = engagement
        if not values:
            raise CommandError("Nothing to change: give at least one option.", returncode=USAGE)
        item = cues.item_update(actor=None, item=item, **values)
        self._out(options, item_row(item), [f"{item} saved."])

    def _cue_edit(self, production, options):
        self._item_edit(production, "cue", options)

    def _shot_edit(self, production, options):
        self._item_edit(production, "shot", options)

    def _item_delete(self, production, kind, options):
        item = self._item(production, kind, options["item"])
        label, pk = str(item), item.pk
        cues.item_delete(actor=None, item=item)
        self._out(options, {"deleted": pk}, [f"{label} deleted."])

    def _cue_delete(self, production, options):
        self._item_delete(production, "cue", options)

    def _shot_delete(self, production, options):
        self._item_delete(production, "shot", options)

    # --- the room's secret calendar link ---

    def _room_link(self, production, options):
        room = self._room(production, options["room"])
        _feed, secret = facilities.room_feed_rotate(actor=None, room=room)
        url = options["base_url"].rstrip("/") + reverse("web:post_room_feed", args=[secret])
        self._out(options, {"room": room.pk, "url": url}, [url])

    def _room_unlink(self, production, options):
        room = self._room(production, options["room"])
        facilities.room_feed_revoke(actor=None, room=room)
        self._out(options, {"room": room.pk, "revoked": True},
                  [f"The calendar link of {room.name} no longer answers."])  # fmt: skip


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
