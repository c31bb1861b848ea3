"""Error pages that never show a stack trace or internal detail."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def permission_denied(request, exception=None):
    """403 inside the app shell."""
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    """404 inside the app shell (missing and not-yours look the same)."""
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """500 without a request context: nothing here may touch the database."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
