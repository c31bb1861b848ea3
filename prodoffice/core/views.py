"""View helpers every app's pages share: service errors on forms, HTMX answers, paging, history.

They know no domain model, so any app's views may use them (domain apps never import `web`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect

from prodoffice.audit.models import AuditEvent

PAGE_SIZE = 50


def done(request, url: str) -> HttpResponse:
    """A successful POST: a redirect, or HX-Location for an HTMX request."""
    if getattr(request, "htmx", False):
        return HttpResponse(status=204, headers={"HX-Location": url})
    return redirect(url)


def apply_errors(form, exc: ValidationError) -> None:
    """Service errors onto the form: field-keyed where the form has the field, else at the top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None
        for message in errors:
            form.add_error(target, message if target else f"{field.replace('_', ' ')}: {message}")


def run_service(form, call) -> object | None:
    """Call a service; its ValidationError becomes form errors and the result None."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def flash_form_errors(request, form) -> None:
    """A form posted from a button (no form to re-render): its errors as one error message."""
    if form.errors:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


def paginate(request, queryset, size: int = PAGE_SIZE):
    """One page of a list (bad page numbers land on the nearest page)."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def form_status(request, form, invalid: int = 200) -> int:
    """422 for an HTMX form that did not validate (htmx is told to swap it anyway); `invalid`
    for a plain POST that did not (400 on upload pages, like /verify/)."""
    if not form.errors:
        return 200
    return 422 if getattr(request, "htmx", False) else invalid


def object_history(user, obj, limit: int = 100):
    """The History tab of an object page: the audit events of that object the user may read."""
    return AuditEvent.objects.for_user(user).for_object(obj).select_related("actor")[:limit]
