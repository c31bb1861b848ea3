"""The breakdown desk: breakdown sheet per scene (page and PDF), suggestions, the cast review,
the elements list and the categories of a production.

Read by the production-wide roles (the scheduling querysets); changed by the office through the
scheduling services. Crew and cast get 404 on scenes and elements (nothing of theirs is here).
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.core.views import done, paginate, run_service
from prodoffice.productions.models import Engagement
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.breakdown_sheets import scene_sheet_pdf, script_sheets_pdf
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.filters import ElementPageFilter
from prodoffice.scheduling.forms import (
    CategoryForm,
    ElementCreateForm,
    ElementEditForm,
    ElementEventForm,
)
from prodoffice.scheduling.models import BreakdownCategory, Element, Scene, Script
from prodoffice.scheduling.permissions import can_manage_breakdown
from prodoffice.scheduling.selectors.breakdown import (
    cast_review,
    element_categories,
    scene_sheet,
    scene_suggestions,
)
from prodoffice.scheduling.services import breakdown as services


def _require_reader(request, production) -> None:
    """The breakdown is read by the office, department heads and executives."""
    user = request.user
    if not (user.is_superuser or perms.sees_whole_production(user, production.pk)):
        raise PermissionDenied("The breakdown is read by the office, heads and executives.")


def _require_editor(request, production) -> None:
    if not can_manage_breakdown(request.user, production):
        raise PermissionDenied("Only the production office changes the breakdown.")


def _scene(request, production, public_id, action: str = "view") -> Scene:
    qs = Scene.objects.for_user(request.user, action).in_production(production)
    return get_object_or_404(qs.select_related("script__production"), public_id=public_id)


def _element(request, production, public_id, action: str = "view") -> Element:
    """An element of this production the user may read (or change); a malformed id is 404."""
    qs = Element.objects.for_user(request.user, action).in_production(production)
    try:
        return get_object_or_404(qs.select_related("category", "production"), public_id=public_id)
    except ValidationError as exc:
        raise Http404("No such element.") from exc


def _scene_url(production, scene) -> str:
    return reverse("web:scene", args=[production.code, scene.public_id])


def _neighbours(scene: Scene) -> tuple[Scene | None, Scene | None]:
    """The scenes before and after this one in its draft."""
    scenes = Scene.objects.filter(script=scene.script)
    before = scenes.filter(sort_key__lt=scene.sort_key).order_by("-sort_key").first()
    after = scenes.filter(sort_key__gt=scene.sort_key).order_by("sort_key").first()
    return before, after


def _scene_context(request, production, scene, create_form=None) -> dict:
    cats = list(element_categories(production))
    groups = scene_sheet(scene, cats)
    linked = {e.pk for g in groups for e in g.elements}
    can_edit = can_manage_breakdown(request.user, production) and scene.script.is_current
    by_ucid = {c.ucid: c for c in cats}
    context = {
        "nav_active": "script",
        "scene": scene,
        "groups": groups,
        "speakers": {sp.element_id for sp in scene.speaking.all()},
        "can_edit": can_edit,
        "is_current": scene.script.is_current,
    }
    context["previous"], context["next"] = _neighbours(scene)
    if can_edit and not scene.omitted:
        available = (
            Element.objects.filter(production=production, category__in=cats)
            .exclude(pk__in=linked)
            .select_related("category")
            .order_by("category__ucid", "name")
        )
        context |= {
            "available": _grouped(available),
            "create_form": create_form
            or ElementCreateForm(categories=element_categories(production), prefix="new"),
            "suggestions": [(s, by_ucid[s.ucid]) for s in scene_suggestions(scene)],
        }
    return context


def _grouped(elements) -> list[tuple[BreakdownCategory, list[Element]]]:
    """Elements as (category, elements) for an <optgroup> per category."""
    out: list[tuple[BreakdownCategory, list[Element]]] = []
    for element in elements:
        if not out or out[-1][0].pk != element.category_id:
            out.append((element.category, []))
        out[-1][1].append(element)
    return out


@production_view
def scene_detail(request, production, public_id):
    """The breakdown sheet of one scene: its facts, text, elements by category, suggestions."""
    _require_reader(request, production)
    scene = _scene(request, production, public_id)
    return render(
        request, "scheduling/breakdown/scene.html", _scene_context(request, production, scene)
    )


@require_POST
@production_view
def scene_element_add(request, production, public_id):
    """Add an existing element to the scene, or create one and add it (office)."""
    _require_editor(request, production)
    scene = _scene(request, production, public_id, "change")
    if request.POST.get("element"):
        element = _element(request, production, request.POST["element"], "change")
        _call(
            request,
            lambda: services.scene_element_add(actor=request.user, scene=scene, element=element),
        )
        return done(request, _scene_url(production, scene))
    form = ElementCreateForm(request.POST, categories=element_categories(production), prefix="new")
    if form.is_valid():
        data = form.cleaned_data
        link = run_service(
            form,
            lambda: _create_and_add(
                request.user, production, scene, data["name"], data["category"]
            ),
        )
        if link is not None:
            messages.success(request, f"{link.element.name} added to scene {scene.number}.")
            return done(request, _scene_url(production, scene))
    context = _scene_context(request, production, scene, create_form=form)
    return render(
        request, "scheduling/breakdown/scene.html", context, status=422 if request.htmx else 200
    )


def _create_and_add(actor, production, scene, name, category):
    """A new element straight into the scene: the element of that name when it exists."""
    existing = Element.objects.filter(category=category, name__iexact=" ".join(name.split()))
    element = existing.first() or services.element_create(
        actor=actor, production=production, category=category, name=name
    )
    return services.scene_element_add(actor=actor, scene=scene, element=element)


def _call(request, call, success: str = "") -> object | None:
    """Run a service; its refusal becomes an error message (the page is reloaded after)."""
    try:
        result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    if success:
        messages.success(request, success)
    return result or True


@require_POST
@production_view
def scene_element_remove(request, production, public_id, element_id):
    """Take an element out of the scene's breakdown (office)."""
    _require_editor(request, production)
    scene = _scene(request, production, public_id, "change")
    element = _element(request, production, element_id, "change")
    _call(
        request,
        lambda: services.scene_element_remove(actor=request.user, scene=scene, element=element),
        f"{element.name} removed from scene {scene.number}.",
    )
    return done(request, _scene_url(production, scene))


@require_POST
@production_view
def scene_suggestion(request, production, public_id):
    """Accept (create or link the element) or dismiss a suggestion for this scene (office)."""
    _require_editor(request, production)
    scene = _scene(request, production, public_id, "change")
    name, ucid = request.POST.get("name", ""), request.POST.get("ucid", "")
    if request.POST.get("decision") == "dismiss":
        service, verb = services.suggestion_dismiss, "dismissed"
    else:
        service, verb = services.suggestion_accept, "added"
    _call(
        request,
        lambda: service(actor=request.user, scene=scene, name=name, ucid=ucid),
        f"{name.strip()} {verb}.",
    )
    return done(request, _scene_url(production, scene))


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@production_view
def scene_pdf(request, production, public_id):
    """The scene's breakdown sheet as a PDF."""
    _require_reader(request, production)
    scene = _scene(request, production, public_id)
    return _pdf(scene_sheet_pdf(scene), f"{production.code}-breakdown-{scene.number}.pdf")


@production_view
def script_pdf(request, production):
    """Every scene's breakdown sheet of the current draft, one per page."""
    _require_reader(request, production)
    script = Script.objects.for_user(request.user).in_production(production).current().first()
    if script is None:
        raise Http404("No script yet.")
    return _pdf(script_sheets_pdf(script), f"{production.code}-breakdown.pdf")


# --- The cast review --------------------------------------------------------------------------


def _cast_engagements(request, production):
    return (
        Engagement.objects.for_user(request.user)
        .filter(production=production, position__department__is_cast=True)
        .select_related("person", "position")
        .order_by("cast_number", "person__last_name")
    )


@production_view
def cast_review_view(request, production):
    """Characters from the script and the actors playing them: map, confirm, merge (office)."""
    _require_editor(request, production)
    rows = list(cast_review(production))
    context = {
        "nav_active": "cast_review",
        "rows": rows,
        "to_review": sum(1 for r in rows if r.needs_review),
        "engagements": _cast_engagements(request, production),
    }
    return render(request, "scheduling/breakdown/cast_review.html", context)


@require_POST
@production_view
def cast_review_update(request, production, public_id):
    """One decision of the review: map to an engagement, mark reviewed, or merge (office)."""
    _require_editor(request, production)
    element = _element(request, production, public_id, "change")
    decision = request.POST.get("decision")
    if decision == "map":
        _map(request, production, element)
    elif decision == "reviewed":
        _call(
            request,
            lambda: services.element_mark_reviewed(actor=request.user, element=element),
            f"{element.name} reviewed.",
        )
    elif decision == "merge":
        keep = _element(request, production, request.POST.get("into", ""), "change")
        _call(
            request,
            lambda: services.element_merge(actor=request.user, keep=keep, merge=element),
            f"{element.name} merged into {keep.name}.",
        )
    else:
        messages.error(request, "Choose map, reviewed or merge.")
    return done(request, reverse("web:cast_review", args=[production.code]))


def _map(request, production, element) -> None:
    raw = request.POST.get("engagement", "")
    engagement = None
    if raw:
        try:
            engagement = _cast_engagements(request, production).filter(public_id=raw).first()
        except ValidationError:
            engagement = None
        if engagement is None:
            messages.error(request, "engagement: choose a cast member of this production.")
            return
    label = f"{element.name} mapped to {engagement.person}." if engagement else "Mapping removed."
    _call(
        request,
        lambda: services.element_cast_set(
            actor=request.user, element=element, engagement=engagement
        ),
        label,
    )


# --- Elements and categories ------------------------------------------------------------------


@production_view
def elements_list(request, production):
    """Every element of the breakdown, filtered by category and searched by name or board ID."""
    _require_reader(request, production)
    cats = list(element_categories(production))
    rows = (
        Element.objects.for_user(request.user)
        .in_production(production)
        .filter(category__kind="element")
        .select_related("category", "engagement__person")
        .annotate(scene_count=Count("scenes", filter=Q(scenes__scene__script__is_current=True)))
        .order_by("category__ucid", "name")
    )
    category = request.GET.get("category", "")
    query = request.GET.get("q", "").strip()
    rows = ElementPageFilter(request.GET, queryset=rows, request=request).qs
    context = {
        "nav_active": "elements",
        # Board IDs as numbers (2 before 10): sorted here, the database compares them as text.
        "page": paginate(request, sorted(rows, key=_element_order)),
        "categories": cats,
        "category": category,
        "q": query,
        "can_edit": can_manage_breakdown(request.user, production),
    }
    return render(request, "scheduling/breakdown/elements.html", context)


def _element_order(element: Element) -> tuple:
    return (element.category.ucid, board_id_key(element.board_id, element.name))


def _element_initial(element: Element) -> dict:
    fields = ("name", "board_id", "category", "notes", "hold_allowed", "drop_allowed")
    return {f: getattr(element, f) for f in fields} | {"drop_min_days": element.drop_min_days}


@production_view
def element_edit(request, production, public_id):
    """Edit an element: name, board ID, category, notes, day-out-of-days rules (office)."""
    _require_editor(request, production)
    element = _element(request, production, public_id, "change")
    if request.method == "POST" and request.POST.get("event"):
        return _element_event(request, production, element)
    cats = element_categories(production)
    form = ElementEditForm(request.POST or None, initial=_element_initial(element), categories=cats)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if run_service(
            form,
            lambda: services.element_update(actor=request.user, element=element, values=values),
        ):
            messages.success(request, f"{element.name} saved.")
            return done(request, reverse("web:elements", args=[production.code]))
    return _element_page(request, element, form, ElementEventForm(prefix="event"))


def _element_page(request, element, form, event_form):
    """The element's form and its event days (travel, fitting, rehearsal)."""
    context = {
        "nav_active": "elements", "element": element, "form": form, "event_form": event_form,
        "events": element.events.order_by("date"),
    }  # fmt: skip
    errors = form.errors or event_form.errors
    status = 422 if errors and request.htmx else 200
    return render(request, "scheduling/breakdown/element_form.html", context, status=status)


def _element_event(request, production, element):
    """Add (event=add) or remove (event=remove) one event day through the events service."""
    event_form = ElementEventForm(request.POST, prefix="event")
    if request.POST["event"] == "remove":
        event_form.fields["kind"].required = False
    if event_form.is_valid():
        day, kind = event_form.cleaned_data["date"], event_form.cleaned_data["kind"]
        if request.POST["event"] == "remove":
            change = partial(services.element_event_remove, date=day)
        else:
            change = partial(services.element_event_add, date=day, kind=kind)
        saved = run_service(event_form, lambda: change(actor=request.user, element=element))
        if saved is not None:  # the list of remaining days, empty after the last removal
            messages.success(request, f"{element.name}: events saved.")
            return done(request, reverse("web:element_edit", args=[production.code,
                                                                   element.public_id]))  # fmt: skip
    cats = element_categories(production)
    form = ElementEditForm(initial=_element_initial(element), categories=cats)
    return _element_page(request, element, form, event_form)


@production_view
def categories_view(request, production):
    """The production's categories: rename and recolour (office); UCIDs never change."""
    _require_reader(request, production)
    cats = list(BreakdownCategory.objects.for_user(request.user).in_production(production))
    errors: dict[int, CategoryForm] = {}
    if request.method == "POST":
        _require_editor(request, production)
        category = next((c for c in cats if str(c.ucid) == request.POST.get("ucid")), None)
        if category is None:
            raise Http404("No such category.")
        form = CategoryForm(request.POST, prefix=f"c{category.ucid}")
        values = form.cleaned_data if form.is_valid() else None
        if values and run_service(
            form,
            lambda: services.category_update(actor=request.user, category=category, values=values),
        ):
            messages.success(request, f"{category.name} saved.")
            return done(request, reverse("web:categories", args=[production.code]))
        errors[category.ucid] = form
    rows = [
        (
            c,
            errors.get(c.ucid)
            or CategoryForm(initial={"name": c.name, "colour": c.colour}, prefix=f"c{c.ucid}"),
        )
        for c in cats
    ]
    context = {
        "nav_active": "categories",
        "rows": rows,
        "can_edit": can_manage_breakdown(request.user, production),
    }
    status = 422 if errors and request.htmx else 200
    return render(request, "scheduling/breakdown/categories.html", context, status=status)
