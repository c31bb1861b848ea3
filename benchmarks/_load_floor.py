"""The load benchmark's floor: a bare Django view reading the crew list page's rows.

The same 50 engagements the crew list's first page shows (same production, same order, with
person and position), read by one query and written out as a minimal HTML table: no templates,
forms, filters, permissions or pagination. Benchmark-only (mounted by `bench_urls`).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.html import escape

from prodoffice.productions.models import Engagement

PAGE_ROWS = 50


def rows_floor(request, code: str) -> HttpResponse:
    """The first page of a production's crew list, read and printed with nothing else."""
    rows = (
        Engagement.objects.filter(production__code=code)
        .select_related("person", "position__department")
        .order_by("position__department__order", "position__order", "person__last_name", "id")[
            :PAGE_ROWS
        ]
    )
    cells = "".join(
        f"<tr><td>{escape(e.person)}</td><td>{escape(e.position.title)}</td>"
        f"<td>{escape(e.position.department.name)}</td><td>{e.status}</td>"
        f"<td>{e.start_date}</td><td>{e.end_date}</td><td>{escape(e.notes)}</td></tr>"
        for e in rows
    )
    return HttpResponse(f"<!doctype html><title>floor</title><table>{cells}</table>")
