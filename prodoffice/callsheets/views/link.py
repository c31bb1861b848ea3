"""A recipient's personal link: their copy and the confirm button, without signing in.

The token is the credential (its SHA-256 is stored); an unknown token is a 404 to anyone, and a
page shows its recipient only their own call.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.selectors.sides import render_sides_pdf, sides_for
from prodoffice.callsheets.selectors.slip import render_slip_pdf, slip_context
from prodoffice.callsheets.services import distribution


def _recipient(token: str):
    recipient = distribution.recipient_by_token(token)
    if recipient is None:
        raise Http404("No such call sheet link.")
    return recipient


@never_cache
def callsheet_link(request, token: str):
    """The personal copy (GET records the first opening) and its confirmation (POST)."""
    recipient = _recipient(token)
    if request.method == "POST":
        try:
            distribution.recipient_confirm(recipient=recipient)
            messages.success(request, "Thank you: your call is confirmed.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(request.path)
    if recipient.opened_at is None:
        distribution.recipient_open(recipient=recipient)
    context = {
        "slip": slip_context(recipient.sheet, recipient),
        "recipient": recipient,
        "current": recipient.sheet.status == SheetStatus.PUBLISHED,
        "token": token,
        "sides": sides_for(recipient.sheet, str(recipient.engagement.public_id)),
    }
    return render(request, "callsheets/link.html", context)


@never_cache
def callsheet_link_pdf(request, token: str):
    """The personal slip as a PDF."""
    recipient = _recipient(token)
    pdf = render_slip_pdf(slip_context(recipient.sheet, recipient))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="call-{recipient.sheet.date}.pdf"'
    return response


def sides_response(sheet, engagement) -> HttpResponse:
    """A performer's sides as a PDF; 404 when there are none (not cast, or no script)."""
    sides = sides_for(sheet, str(engagement.public_id))
    if sides is None or not sides.available:
        raise Http404(sides.reason if sides else "No sides: you are not cast on this day.")
    pdf = render_sides_pdf(sheet, sides, str(engagement.person))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sides-{sheet.date}.pdf"'
    return response


@never_cache
def callsheet_link_sides(request, token: str):
    """The recipient's sides (their scenes' pages of the script) as a PDF."""
    recipient = _recipient(token)
    return sides_response(recipient.sheet, recipient.engagement)
