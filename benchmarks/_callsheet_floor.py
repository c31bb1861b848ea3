"""The call sheet page's floor view: the published sheet's snapshot, one query, rendered by the
sheet's own body template.

Served through the same middleware as the page (session, authentication, security headers) under
the same prefix, like the stripboard's floor: no production lookup, no permission check, no
version list, no rules, no app shell (navigation, production switcher, messages). What the real
page costs beyond this is its own work.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string

from prodoffice.callsheets.models import CallSheet


def callsheet_floor(request, code: str, public_id):
    """Benchmark-only: one query for the snapshot, the body template, nothing else."""
    sheet = CallSheet.objects.only("snapshot", "date").get(public_id=public_id)
    html = render_to_string("callsheets/_sheet_body.html", {"d": sheet.snapshot, "day": sheet.date})
    return HttpResponse(html)
