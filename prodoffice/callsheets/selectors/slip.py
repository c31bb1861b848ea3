"""A person's own copy of a published call sheet: their call highlighted, the day's facts, and
nothing confidential (no rates, no one else's personal data or calls; phone numbers of the key
contacts only; cast by number when the production hides names)."""

from __future__ import annotations

import contextlib
import gc

from prodoffice.callsheets.diff import person_view
from prodoffice.core.pdf import render_pdf

SLIP_TEMPLATE = "callsheets/pdf/slip.html"


def _me(snapshot: dict, engagement: str) -> dict:
    """The person's own row: cast times, or crew call and position."""
    for row in snapshot.get("cast", []):
        if row.get("engagement") == engagement:
            return {
                "kind": "cast",
                "call": row["call"],
                "pickup": row["pickup"],
                "makeup": row["makeup"],
                "wardrobe": row["wardrobe"],
                "on_set": row["on_set"],
                "role": f"{row['board_id']}. {row['character']}",
                "note": row.get("note", ""),
            }
    for group in snapshot.get("crew", []):
        for person in group["people"]:
            if person["engagement"] == engagement:
                return {
                    "kind": "crew",
                    "call": person["call"],
                    "role": person["position"],
                    "department": group["department"],
                    "note": person.get("note", ""),
                }
    return {"kind": "", "call": "not called", "role": ""}


def _scenes(snapshot: dict, engagement: str) -> list[dict]:
    """The day's scenes without cast names: numbers only, the person's own scenes marked."""
    mine = set((person_view(snapshot, engagement) or {}).get("scenes", []))
    keys = ("number", "int_ext", "set", "day_night", "pages", "location")
    return [
        {**{k: s[k] for k in keys}, "cast": s["cast"], "mine": s["number"] in mine}
        for s in snapshot.get("scenes", [])
    ]


def slip_from_snapshot(snapshot: dict, engagement: str, *, name: str, changes) -> dict:
    """The template context of a slip (pure, for the page, the PDF and the benchmark)."""
    keep = (
        "production",
        "date",
        "time_zone",
        "shoot_day",
        "shoot_days",
        "version",
        "general_call",
        "shooting_call",
        "breakfast",
        "lunch",
        "estimated_wrap",
        "weather",
        "sunrise",
        "sunset",
        "sun_note",
        "hospital",
        "locations",
        "moves",
        "safety_notes",
    )
    return {
        "sheet": {k: snapshot.get(k) for k in keep},
        "contacts": snapshot.get("contacts", []),
        "me": _me(snapshot, engagement),
        "name": name,
        "scenes": _scenes(snapshot, engagement),
        "departments": [
            {"department": g["department"], "call": g["call"]} for g in snapshot.get("crew", [])
        ],
        "changes": list(changes or []),
    }


def slip_context(sheet, recipient) -> dict:
    """A recipient's slip of a published sheet."""
    return slip_from_snapshot(
        sheet.snapshot,
        str(recipient.engagement.public_id),
        name=str(recipient.engagement.person),
        changes=recipient.changes,
    )


def render_slip_pdf(context: dict) -> bytes:
    """The one-page personal slip as a PDF."""
    sheet = context["sheet"]
    title = f"{sheet['production']['title']} call sheet {sheet['date']} v{sheet['version']}"
    return render_pdf(
        template=SLIP_TEMPLATE,
        context={"slip": context, "sheet": sheet},
        title=title,
        author=sheet["production"]["title"],
    )


BATCH_TEMPLATE = "callsheets/pdf/slips.html"


# Below this many slips one process lays them out (forking costs more than it saves).
POOL_MIN_SLIPS = 24


def render_slip_pdfs(contexts: list[dict], *, workers: int | None = None) -> list[bytes]:
    """Every slip of a send, in order: laid out in a pool of forked processes, one chunk of
    recipients each, when there are enough of them and more than one CPU; in this process
    otherwise. Each process returns PDF bytes only; the caller writes storage and the database.

    `workers` defaults to settings.CALLSHEET_SLIP_WORKERS, else os.cpu_count(). Layout is pure
    CPU (WeasyPrint), so on N cores N chunks take about 1/N of the wall time
    (benchmarks/README.md)."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from django.conf import settings

    if workers is None:
        workers = getattr(settings, "CALLSHEET_SLIP_WORKERS", None) or os.cpu_count() or 1
    minimum = getattr(settings, "CALLSHEET_SLIP_POOL_MIN", POOL_MIN_SLIPS)
    workers = min(workers, len(contexts) // max(1, minimum // 2) or 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or len(contexts) < minimum or not forkable:
        return render_slip_chunk(contexts)
    size = -(-len(contexts) // workers)
    chunks = [contexts[i : i + size] for i in range(0, len(contexts), size)]
    # fork: the children inherit the loaded Django, templates and fonts; they touch no database
    # (the contexts are plain data) and leave by os._exit, so the parent's connections stay whole.
    with ProcessPoolExecutor(len(chunks), mp_context=multiprocessing.get_context("fork")) as pool:
        return [pdf for chunk in pool.map(render_slip_chunk, chunks) for pdf in chunk]


def render_slip_chunk(contexts: list[dict]) -> list[bytes]:
    """Many slips at once: one WeasyPrint layout of every slip (each starts a page, anchored),
    split into one PDF per person, each titled as their own slip; layout is the expensive part,
    done once instead of N times. (Writing one PDF and splitting it with pypdf instead measured
    slower: benchmarks/README.md.)

    Python's cyclic garbage collector is paused meanwhile: the layout allocates hundreds of
    thousands of boxes, which set off collections that walk every object of the process (Django,
    templates, fonts) again and again without finding much; they were about a fifth of a slip's
    CPU (benchmarks/README.md). The collector's state is restored afterwards, and what became
    garbage is collected then as usual."""
    from django.template.loader import render_to_string

    from prodoffice.core.pdf import layout

    if not contexts:
        return []
    with _collector_paused():
        document = layout(render_to_string(BATCH_TEMPLATE, {"slips": contexts}))
        pages: list[list] = [[] for _ in contexts]
        current = 0
        for page in document.pages:
            starts = [int(a.removeprefix("slip-")) for a in page.anchors if a.startswith("slip-")]
            current = starts[0] if starts else current
            pages[current].append(page)
        out = []
        for context, group in zip(contexts, pages, strict=True):
            copy = document.copy(group)
            sheet = context["sheet"]
            copy.metadata.title = (
                f"{sheet['production']['title']} call sheet {sheet['date']} v{sheet['version']}"
            )
            copy.metadata.authors = [sheet["production"]["title"]]
            out.append(copy.write_pdf())
    return out


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector off for a block (reference counting still frees memory),
    back to its previous state after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
