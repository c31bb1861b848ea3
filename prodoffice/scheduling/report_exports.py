"""Board reports as CSV, XLSX and PDF: the shooting schedule, the one-liner, the elements, the DOOD.

Each report becomes one `Sheet` (a header row, rows with a style, optional cell colours); the
three writers draw any sheet, so a report reads the same in every format. PDFs are drawn by
`core.pdf.render_pdf` from `scheduling/pdf/report.html`, in DejaVu Sans, fetching nothing; wide
reports are landscape. The shooting schedule's PDF has the trade's own layout instead
(`scheduling/pdf/shooting_schedule.html`): a block per scene and a banner closing each day.
CSV and XLSX go through `core.tabular`, whose one guard defuses text a spreadsheet would run as
a formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from prodoffice.core.pdf import render_pdf
from prodoffice.core.tabular import append_row, csv_bytes, new_sheet, workbook_bytes
from prodoffice.scheduling.models import Board, DayType
from prodoffice.scheduling.selectors import reports
from prodoffice.scheduling.selectors.conflicts import dated_board_conflicts, group_by_scene
from prodoffice.scheduling.selectors.dood import BoardDood, day_out_of_days

KINDS = ("schedule", "one-liner", "elements", "dood")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
TITLES = {
    "schedule": "Shooting schedule",
    "one-liner": "One-liner",
    "elements": "Breakdown summary by element",
    "dood": "Day out of days",
}
#: Cell colours of the DOOD codes (start green, finish red, hold yellow, drop grey ...).
CODE_COLOURS = {
    "SW": "#c8e6c9",
    "W": "#e8f5e9",
    "WF": "#ffcdd2",
    "SWF": "#ffe0b2",
    "PW": "#bbdefb",
    "H": "#fff59d",
    "D": "#e0e0e0",
    "/": "#eeeeee",
    "M": "#d1c4e9",
    "TR": "#d1c4e9",
    "FT": "#f8bbd0",
    "R": "#f8bbd0",
}
DAY_OFF_COLOUR = "#f5f5f5"
#: Rows that flag a scheduling conflict under its scene (the board page's red flag).
CONFLICT_COLOUR = "#ffcdd2"
CONFLICT_PREFIX = "CONFLICT: "


@dataclass
class Sheet:
    """A report as a table: header, rows, a style per row ('', day, banner, total), colours."""

    title: str
    subtitle: str
    columns: list[str]
    widths: list[int]
    rows: list[list[Any]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    header_fills: dict[int, str] = field(default_factory=dict)
    frozen_columns: int = 0
    landscape: bool = True
    #: PDF of a wide grid: `pdf_lead` columns repeated on every block of `pdf_block` middle
    #: columns, `pdf_tail` columns on the last block; shorter headers for paper by index.
    pdf_lead: int = 0
    pdf_block: int = 0
    pdf_tail: int = 0
    pdf_headers: dict[int, str] = field(default_factory=dict)
    #: Header cells written upwards in XLSX (the DOOD's narrow day columns).
    upright_headers: set[int] = field(default_factory=set)

    def add(self, row: list[Any], style: str = "") -> None:
        self.rows.append(row)
        self.styles.append(style)

    def add_conflicts(self, conflicts, column: int) -> None:
        """One row per conflict of the scene just added, its message in `column`, in red."""
        for conflict in conflicts:
            row = [""] * len(self.columns)
            row[column] = f"{CONFLICT_PREFIX}{conflict.date:%a %d %b %Y}: {conflict.message}"
            self.add(row, "conflict")
            for c in range(len(self.columns)):
                self.fills[(len(self.rows) - 1, c)] = CONFLICT_COLOUR


def _subtitle(board: Board) -> str:
    production = board.production
    return f"{production.code} – {production.title} · board {board.name}"


def _date(day) -> str:
    return day.date.isoformat() if day.date else ""


def _day_label(day) -> str:
    return f"Day {day.number} of {day.of}"


# --- the four reports as sheets -----------------------------------------------------------------

SCHEDULE_COLUMNS = ["Day", "Date", "Scene", "I/E", "Set", "D/N", "Pages", "Synopsis",
                    "Script page", "Cast", "Elements"]  # fmt: skip
ELEMENT_COLUMNS = ["Category", "ID", "Element", "Scenes", "Pages", "Scene numbers",
                   "Shoot days", "Days"]  # fmt: skip


def schedule_sheet(schedule: reports.BoardSchedule, conflicts=None) -> Sheet:
    """Per shoot day its scenes with cast and elements, its banners and its page total; each
    scheduling conflict on a row of its own under its scene."""
    conflicts = conflicts or {}
    sheet = Sheet(
        TITLES["schedule"],
        _subtitle(schedule.board),
        SCHEDULE_COLUMNS,
        [12, 11, 7, 7, 24, 6, 7, 36, 7, 28, 40],
    )
    for day in schedule.days:
        label, date = _day_label(day), _date(day)
        for item in day.items:
            if item.kind == "banner":
                banner = [label, date, "", "", item.label, "", "", item.text, "", "", ""]
                sheet.add(banner, "banner")
                continue
            cast = ", ".join(ref.label for ref in item.cast)
            elements = "; ".join(f"{cat}: {', '.join(names)}" for cat, names in item.by_category)
            sheet.add([label, date, item.number, item.int_ext, item.set_name, item.day_night,
                       item.pages, item.synopsis, item.script_page, cast, elements])  # fmt: skip
            sheet.add_conflicts(
                conflicts.get(item.scene_id, ()), SCHEDULE_COLUMNS.index("Synopsis")
            )
        sheet.add([label, date, "", "", f"End of day {day.number}", "", day.pages, "", "", "", ""],
                  "day")  # fmt: skip
    sheet.add(["Total", "", str(schedule.scene_count), "", f"{len(schedule.days)} shoot days", "",
               schedule.pages, "", "", "", ""], "total")  # fmt: skip
    return sheet


def one_liner_sheet(schedule: reports.BoardSchedule, conflicts=None) -> Sheet:
    """One line per scene; a day-break line with the date and page total ends each day;
    conflicts under their scene."""
    conflicts = conflicts or {}
    sheet = Sheet(
        TITLES["one-liner"],
        _subtitle(schedule.board),
        ["Scene", "I/E", "Set", "D/N", "Pages", "Synopsis", "Cast"],
        [8, 7, 28, 5, 8, 50, 20],
        frozen_columns=0,
        landscape=False,
    )
    for line in reports.one_liner(schedule):
        if line.kind == "scene":
            s = line.scene
            sheet.add([s.number, s.int_ext, s.set_name, s.day_night, s.pages, s.short_synopsis,
                       s.cast_ids])  # fmt: skip
            sheet.add_conflicts(conflicts.get(s.scene_id, ()), 5)
        elif line.kind == "banner":
            sheet.add(["", "", line.banner.label, "", "", line.banner.text, ""], "banner")
        else:
            day = line.day
            when = f" – {day.date:%a %d %b %Y}" if day.date else ""
            sheet.add(["", "", f"End of day {day.number} of {day.of}{when}", "", day.pages, "",
                       ""], "day")  # fmt: skip
    sheet.add(["", "", f"Total: {schedule.scene_count} scenes, {len(schedule.days)} shoot days",
               "", schedule.pages, "", ""], "total")  # fmt: skip
    return sheet


def elements_sheet(schedule: reports.BoardSchedule) -> Sheet:
    """Each element: its scenes on the board, their pages and the shoot days it works."""
    sheet = Sheet(
        TITLES["elements"],
        _subtitle(schedule.board),
        ELEMENT_COLUMNS,
        [18, 6, 26, 7, 8, 40, 8, 30],
        landscape=False,
    )
    for row in reports.element_summary(schedule):
        ref = row.element
        sheet.add([ref.category, ref.board_id, ref.name, len(row.scenes), row.pages,
                   ", ".join(row.scenes), len(row.days),
                   ", ".join(str(d) for d in row.days)])  # fmt: skip
    return sheet


#: Calendar days per block of the DOOD's PDF (four weeks fit an A4 landscape page).
DOOD_PDF_DAYS = 28
DOOD_TOTALS = [
    "Work", "Hold", "Holiday", "Travel", "Fitting", "Rehearsal", "Idle", "Total", "Start", "Finish",
]  # fmt: skip


def dood_sheet(board: Board, dood: BoardDood) -> Sheet:
    """One row per element like `prodoffice dood --json`: a code per calendar day, then totals."""
    day_headers = [f"{column.date:%a %Y-%m-%d}" for column in dood.days]
    sheet = Sheet(
        TITLES["dood"],
        _subtitle(board),
        ["ID", "Element", "Category", *day_headers, *DOOD_TOTALS],
        [5, 22, 14, *[5] * len(day_headers), *[6] * 8, 11, 11],
        frozen_columns=2,
        pdf_lead=3,
        pdf_block=DOOD_PDF_DAYS,
        pdf_tail=len(DOOD_TOTALS),
    )
    offset = 3
    for i, column in enumerate(dood.days):
        sheet.pdf_headers[offset + i] = f"{column.date:%a}\n{column.date:%m-%d}"
        sheet.upright_headers.add(offset + i)
        if column.type != DayType.SHOOT:
            sheet.header_fills[offset + i] = DAY_OFF_COLOUR
    for r, line in enumerate(dood.lines):
        codes = [line.row.codes[column.date] for column in dood.days]
        t = line.row.totals
        dates = [t.start.isoformat() if t.start else "", t.finish.isoformat() if t.finish else ""]
        sheet.add([line.board_id, line.element, line.category, *codes, t.work, t.hold,
                   t.holiday, t.travel, t.fitting, t.rehearsal, t.idle, t.total,
                   *dates])  # fmt: skip
        for i, (code, column) in enumerate(zip(codes, dood.days, strict=True)):
            colour = CODE_COLOURS.get(code) or (
                DAY_OFF_COLOUR if column.type != DayType.SHOOT else None
            )
            if colour:
                sheet.fills[(r, offset + i)] = colour
    return sheet


def report_sheet(board: Board, kind: str) -> Sheet:
    """The sheet of one report kind (ValidationError for a DOOD without a calendar)."""
    if kind == "dood":
        return dood_sheet(board, day_out_of_days(board))
    if kind not in ("schedule", "one-liner", "elements"):
        raise ValueError(f"Unknown report {kind!r}: use {', '.join(KINDS)}.")
    schedule = reports.board_schedule(board)
    if kind == "elements":
        return elements_sheet(schedule)
    conflicts = group_by_scene(dated_board_conflicts(board))
    builder = schedule_sheet if kind == "schedule" else one_liner_sheet
    return builder(schedule, conflicts)


# --- writers ------------------------------------------------------------------------------------


def sheet_csv(sheet: Sheet) -> bytes:
    """A header row, then the rows (UTF-8 with a BOM so spreadsheets read accents)."""
    return csv_bytes(sheet.columns, sheet.rows)


def sheet_xlsx(sheet: Sheet) -> bytes:
    """A workbook with a bold frozen header, column widths, day and total rows in bold, colours."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb, ws = new_sheet(sheet.title, sheet.columns)
    for index, cell in enumerate(ws[1]):
        if index in sheet.header_fills:
            cell.fill = _fill(PatternFill, sheet.header_fills[index])
        if index in sheet.upright_headers:
            cell.alignment = Alignment(text_rotation=90, horizontal="center")
    if sheet.upright_headers:
        ws.row_dimensions[1].height = 90
    for r, (row, style) in enumerate(zip(sheet.rows, sheet.styles, strict=True)):
        append_row(ws, row)
        cells = ws[r + 2]
        if style:
            for cell in cells:
                cell.font = Font(
                    bold=style not in ("banner", "conflict"),
                    italic=style == "banner",
                    color="FFB71C1C" if style == "conflict" else None,
                )
        for c, cell in enumerate(cells):
            if (r, c) in sheet.fills:
                cell.fill = _fill(PatternFill, sheet.fills[(r, c)])
    for index, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}2"
    return workbook_bytes(wb)


def _fill(pattern_fill, colour: str):
    argb = "FF" + colour.lstrip("#").upper()
    return pattern_fill(fill_type="solid", start_color=argb, end_color=argb)


def _blocks(sheet: Sheet) -> list[dict]:
    """The sheet cut for paper: a grid's middle columns (the DOOD's days) in blocks of
    `pdf_block` columns, each block with the leading columns again, the trailing ones last."""
    width = len(sheet.columns)
    lead, tail, size = sheet.pdf_lead, sheet.pdf_tail, sheet.pdf_block
    middle = list(range(lead, width - tail))
    if size:  # blocks of even size: 85 days make 22 + 21 + 21 + 21, not 28 + 28 + 28 + 1
        size = -(-len(middle) // -(-len(middle) // size)) if middle else size
    groups = [middle[i : i + size] for i in range(0, len(middle), size)] if size else [middle]
    groups = groups or [[]]
    blocks = []
    for n, group in enumerate(groups):
        columns = [
            *range(lead),
            *group,
            *(range(width - tail, width) if n == len(groups) - 1 else ()),
        ]
        blocks.append(_block(sheet, columns, set(group) if size else set(), n, len(groups)))
    return blocks


def _block(sheet: Sheet, columns: list[int], grid: set[int], n: int, count: int) -> dict:
    """One table of the PDF: the given columns of every row."""
    header = [
        (sheet.pdf_headers.get(c, sheet.columns[c]), sheet.header_fills.get(c), c in grid)
        for c in columns
    ]
    body = [
        (style, [(row[c], sheet.fills.get((r, c)), c in grid) for c in columns])
        for r, (row, style) in enumerate(zip(sheet.rows, sheet.styles, strict=True))
    ]
    caption = ""
    if count > 1:
        first, last = sheet.columns[min(grid)], sheet.columns[max(grid)]
        caption = f"{first} to {last} ({n + 1} of {count})"
    return {"header": header, "body": body, "grid": bool(grid), "caption": caption}


def sheet_pdf(sheet: Sheet) -> bytes:
    """The sheet as a PDF, drawn from `scheduling/pdf/report.html`; wide grids cut in blocks."""
    context = {
        "s": sheet,
        "blocks": _blocks(sheet),
        "page": "A4 landscape" if sheet.landscape else "A4",
        "font": 5.5 if sheet.pdf_block else 8,
    }
    return render_pdf(
        template="scheduling/pdf/report.html",
        context=context,
        title=sheet.title,
        subject=sheet.subtitle,
    )


WRITERS = {"csv": sheet_csv, "xlsx": sheet_xlsx, "pdf": sheet_pdf}


def day_banner(day: reports.ShootDay) -> str:
    """`End of Day 3 -- Wed 7 Apr 2027 -- 2 3/8 pages` (no date without a calendar)."""
    parts = [f"End of Day {day.number}"]
    if day.date:
        parts.append(f"{day.date:%a} {day.date.day} {day.date:%b %Y}")
    parts.append(f"{day.pages} page{'' if day.eighths == 8 else 's'}")
    return " -- ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def schedule_pdf(schedule: reports.BoardSchedule, conflicts=None) -> bytes:
    """The shooting schedule as the trade prints it: one block per scene (number, INT/EXT, set,
    D/N, pages, synopsis, cast by board ID, the other elements under their categories), each
    day closed by its banner; no day column repeated on every row."""
    conflicts = conflicts or {}
    for day in schedule.days:
        day.banner = day_banner(day)
        for scene in day.scenes:
            scene.conflicts = [
                f"{CONFLICT_PREFIX}{c.date:%a %d %b %Y}: {c.message}"
                for c in conflicts.get(scene.scene_id, ())
            ]
    context = {
        "title": TITLES["schedule"],
        "subtitle": _subtitle(schedule.board),
        "days": schedule.days,
        "total": f"{_count(schedule.scene_count, 'scene')}, "
        f"{_count(len(schedule.days), 'shoot day')}, "
        f"{schedule.pages} page{'' if schedule.eighths == 8 else 's'}",
    }
    return render_pdf(
        template="scheduling/pdf/shooting_schedule.html",
        context=context,
        title=TITLES["schedule"],
        subject=context["subtitle"],
    )


def report_export(board: Board, kind: str, fmt: str) -> tuple[bytes, str, str]:
    """A report of the board as csv, xlsx or pdf: (bytes, content type, file name)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown report {kind!r}: use {', '.join(KINDS)}.")
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: use csv, xlsx or pdf.")
    if (kind, fmt) == ("schedule", "pdf"):
        conflicts = group_by_scene(dated_board_conflicts(board))
        data = schedule_pdf(reports.board_schedule(board), conflicts)
    else:
        data = WRITERS[fmt](report_sheet(board, kind))
    name = f"{board.production.code}-{slugify(board.name) or 'board'}-{kind}.{fmt}"
    return data, FORMATS[fmt], name
