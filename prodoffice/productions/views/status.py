"""The status buttons of the production pages: the phase, an engagement's, a meeting's status."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages

from prodoffice.core.views import flash_form_errors, run_service
from prodoffice.productions.forms import StatusForm


def status_post(request, change: Callable[[str], object], success: Callable[[str], str]) -> None:
    """Read the posted status, call the service with it; flash its success or the errors."""
    form = StatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        if run_service(form, lambda: change(status)):
            messages.success(request, success(status))
    flash_form_errors(request, form)
