"""The floor: the crew list template rendered from rows prebuilt in memory, without the database.

The real crew view runs once per process (per user and query string) with template rendering
intercepted, so the floor gets exactly the template and context shape the page uses. Every lazy
value in that context (querysets, pages, filter forms, the shell's production switcher) is
evaluated then, before any timing. Afterwards the floor renders the same template with that
context while a database guard refuses any query: the floor is the cost of templating alone.
"""

from __future__ import annotations

from importlib import import_module
from unittest import mock

from django import forms
from django.conf import settings
from django.core.paginator import Page
from django.db import connection
from django.db.models import QuerySet
from django.shortcuts import render
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import render_to_string
from django_filters import FilterSet

from prodoffice.accounts import permissions as perms

#: The pages measured, by the name used in the floor's URL.
VIEWS = {
    "crew": "prodoffice.productions.views.crew.crew_list",
    "print": "prodoffice.productions.views.crew.crew_print",
}

_prebuilt: dict[tuple, tuple[str, dict, dict]] = {}


class FloorTouchedDatabase(RuntimeError):
    """The floor must not query: a lazy value escaped the prebuild."""


def _refuse(execute, sql, params, many, context):
    raise FloorTouchedDatabase(sql)


def no_database():
    """A guard that turns any query into an error."""
    return connection.execute_wrapper(_refuse)


def floor_view(request, view: str, code: str):
    """Benchmark-only: render a page's template from its prebuilt context, no queries."""
    template_name, context = prebuilt(request, view, code)
    request.production = context["current_production"]
    with no_database():
        return render(request, template_name, context)


def render_only(request, view: str, code: str) -> str:
    """The floor without the request cycle: the template render alone."""
    template_name, context = prebuilt(request, view, code)
    with no_database():
        return render_to_string(template_name, context, request=request)


def prebuilt(request, view: str, code: str) -> tuple[str, dict]:
    """The template and fully evaluated context of a page for this user and query."""
    key = (view, code, request.user.pk, request.GET.urlencode())
    if key not in _prebuilt:
        template_name, context = capture(request, view, code)
        _prebuilt[key] = (template_name, evaluate(context), perms.memberships(request.user))
    template_name, context, memberships = _prebuilt[key]
    prime_memberships(request.user, memberships)
    return template_name, context


def prime_memberships(user, memberships: dict) -> None:
    """The permission functions cache a user's memberships on the user object; a new request has
    a new user object, so the floor hands it the memberships read at prebuild time."""
    setattr(user, perms._CACHE_ATTR, memberships)


def capture(request, view: str, code: str) -> tuple[str, dict]:
    """Run the real view once and record what it hands to its template."""
    seen: list[tuple[str, dict]] = []

    def record(template, context=None, request=None):
        seen.append((template.origin.template_name, dict(context or {})))
        return ""

    module, name = VIEWS[view].rsplit(".", 1)
    with mock.patch.object(DjangoTemplate, "render", record):
        response = getattr(import_module(module), name)(request, code)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    if not seen:
        raise RuntimeError(f"{VIEWS[view]} rendered no template")
    template_name, context = seen[0]
    return template_name, {**_shell_context(request), **context}


def _shell_context(request) -> dict:
    """The project's own context processors (the production switcher), evaluated once."""
    out: dict = {}
    for path in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]:
        if path.startswith("prodoffice."):
            module, name = path.rsplit(".", 1)
            out.update(getattr(import_module(module), name)(request))
    return out


def evaluate(value):
    """Force every lazy value (querysets, pages, filters, model choice fields) into memory."""
    if isinstance(value, dict):
        return {k: evaluate(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(evaluate(v) for v in value)
    if isinstance(value, QuerySet):
        value._fetch_all()  # a queryset with its result cache answers len/count/exists too
    elif isinstance(value, Page):
        _evaluate_page(value)
    elif isinstance(value, FilterSet):
        evaluate(value.qs)
        _freeze_choices(value.form)
    elif isinstance(value, forms.BaseForm):
        _freeze_choices(value)
    return value


def _evaluate_page(page: Page) -> None:
    """A page's rows and its paginator's counts."""
    if isinstance(page.object_list, QuerySet):
        page.object_list._fetch_all()
    page.paginator.count  # noqa: B018  (cached_property: computed now, not during timing)
    page.paginator.num_pages  # noqa: B018


def _freeze_choices(form: forms.BaseForm) -> None:
    """Model choice fields query at every render: give each an evaluated queryset instead."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            qs = field.queryset.all()
            qs._fetch_all()
            # ModelChoiceIterator calls .iterator() (a fresh query) unless the queryset has
            # prefetch lookups; marking the prefetch as done makes it iterate the cache.
            qs._prefetch_related_lookups, qs._prefetch_done = ("floor",), True
            field._queryset = qs
            field.widget.choices = field.choices
    form._bound_fields_cache.clear()


API_VIEWSET = "prodoffice.productions.api.views.EngagementViewSet"

_api_prebuilt: dict[tuple, tuple[list, object, dict]] = {}


def api_floor_view(request, *args, **kwargs):
    """Benchmark-only: the engagement list API serializing prebuilt rows, no queries."""
    if "view" not in _api_floor:
        _api_floor["view"] = _api_floor_viewset().as_view({"get": "list"})
    return _api_floor["view"](request, *args, **kwargs)


_api_floor: dict = {}


def _api_floor_viewset():
    """A subclass of the real viewset whose list serializes the rows it read the first time."""
    module, name = API_VIEWSET.rsplit(".", 1)
    base = getattr(import_module(module), name)

    class FloorViewSet(base):
        def list(self, request, *args, **kwargs):
            rows, page = self._prebuilt(request)
            self.paginator.page, self.paginator.request = page, request
            with no_database():
                data = self.output_serializer_class(
                    rows, many=True, context=self.get_serializer_context()
                ).data
            return self.get_paginated_response(data)

        def _prebuilt(self, request):
            """The real list's rows (filtered, ordered, paginated, prepared), once per query."""
            key = (request.user.pk, request.GET.urlencode())
            if key not in _api_prebuilt:
                rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
                rows = self.prepare_rows(rows)
                _api_prebuilt[key] = (rows, self.paginator.page, perms.memberships(request.user))
            rows, page, memberships = _api_prebuilt[key]
            prime_memberships(request.user, memberships)
            return rows, page

    return FloorViewSet
