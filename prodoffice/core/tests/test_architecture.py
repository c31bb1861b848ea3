"""The import direction of STYLE.md: domain apps never import web or api; optimizer is pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Each app may import only the apps listed (and itself). `core` is the shared kernel.
ALLOWED = {
    "core": {"audit"},  # core.services diffs fields with the audit helpers
    # accounts.services audits user writes like every service; audit.services never imports
    # accounts.services, so the two peers form no import cycle.
    "accounts": {"core", "audit"},
    "audit": {"core", "accounts"},
    "people": {"core", "accounts", "audit"},
    "productions": {"core", "accounts", "audit", "people"},
    "optimizer": set(),
    "contracts": {"core", "accounts", "audit", "people", "productions"},
    # Conflicts read location availability: scheduling builds on locations, never the reverse.
    "scheduling": {"core", "accounts", "audit", "people", "productions", "optimizer", "locations"},
    "locations": {"core", "accounts", "audit", "people", "productions"},
    # --- lang --- the language desk builds on the cut (post), the script (scheduling) and the
    # contract desk; callsheets sit above it.
    "languages": {
        "core",
        "accounts",
        "audit",
        "people",
        "productions",
        "contracts",
        "scheduling",
        "post",
    },
    # --- end lang ---
}

#: Single files allowed one import beyond their app's row, each with the reason.
EXCEPTIONS: dict[str, set[str]] = {
    # Readiness is the paperwork against the working board's dated shoot days: it reads them
    # through scheduling's selectors (scheduling's own modules import none of this file).
    "locations/readiness.py": {"scheduling"},
    # The demo maps the demo script's sets (scheduling's scenes) to the demo's locations.
    "locations/demo.py": {"scheduling"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "prodoffice" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_what_lies_below_it(app):
    app_dir = ROOT / app
    if not app_dir.exists():
        pytest.skip(f"{app} not built yet")
    bad = {}
    for path in app_dir.rglob("*.py"):
        if {"tests", "testing", "migrations"} & set(path.parts):
            continue
        # An app's api/ package is its REST layer and builds on the prodoffice.api plumbing.
        layer = {"api"} if path.relative_to(app_dir).parts[0] == "api" else set()
        allowed = EXCEPTIONS.get(str(path.relative_to(ROOT)), set())
        extra = _imports(path) - ALLOWED[app] - {app} - layer - allowed
        if extra:
            bad[str(path.relative_to(ROOT))] = sorted(extra)
    assert not bad, f"imports against the direction of STYLE.md: {bad}"


def test_optimizer_imports_no_django():
    for path in (ROOT / "optimizer").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import django" not in source and "from django" not in source, path


# --- where writes live ----------------------------------------------------------------------------

#: Calls that write rows whatever their arguments (managers, related managers, querysets).
ALWAYS_WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
#: Without positional arguments these are a model's or a queryset's save and delete (a file
#: storage, a workbook or a cache takes the name or the buffer as a positional argument).
BARE_WRITES = {"save", "delete"}


def _is_orm_write(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    if isinstance(receiver, ast.Call) and getattr(receiver.func, "id", "") == "super":
        return False  # a model's own save() or delete() override handing over to Django
    if func.attr in ALWAYS_WRITES:
        return True
    if func.attr in BARE_WRITES:
        return not call.args
    # A queryset update takes the new values as keywords, on a queryset or a related manager
    # (`X.objects.filter(...).update(a=1)`, `contract.parties.update(a=1)`); a plain variable's
    # `.update(...)` is taken for a dict's (`context.update(a=1)`), so keep querysets in chains.
    return (
        func.attr == "update"
        and not call.args
        and bool(call.keywords)
        and not isinstance(receiver, ast.Name)
    )


def _in_service_layer(path: Path) -> bool:
    rel = path.relative_to(ROOT).parts
    return "services" in rel or path.stem == "services"


def orm_writes_outside_services() -> dict[str, list[int]]:
    """Every ORM write in application code that sits outside a `services` module or package."""
    found: dict[str, list[int]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts) or _in_service_layer(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_orm_write(n)]
        if lines:
            found[str(path.relative_to(ROOT))] = sorted(lines)
    return found


def test_every_orm_write_lives_in_a_services_module():
    assert orm_writes_outside_services() == {}, (
        "ORM writes outside services modules (STYLE.md: one service function per state change)"
    )


def test_the_write_detector_sees_the_forms_writes_take():
    source = (
        "def f(m, qs, storage, wb, d):\n"
        "    m.save()\n    m.save(update_fields=['a'])\n    qs.filter(a=1).update(b=2)\n"
        "    M.objects.create(a=1)\n    m.items.get_or_create(a=1)\n    qs.delete()\n"
        "    storage.save('name', b'x')\n    wb.save(buf)\n    d.update(other)\n"
        "    storage.delete('name')\n    super().save(*args, **kwargs)\n"
        "    context.update(verdict=1)\n    m.parties.update(a=1)\n"
    )
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    writes = sorted(n.lineno for n in calls if _is_orm_write(n))
    assert writes == [2, 3, 4, 5, 6, 7, 14]


# --- each app owns its pages ----------------------------------------------------------------------

APPS_WITH_PAGES = (
    "accounts",
    "productions",
    "locations",
    "scheduling",
    "contracts",
    "web",
    "languages",
)


@pytest.mark.parametrize("app", APPS_WITH_PAGES)
def test_templates_and_static_files_sit_under_the_apps_own_name(app):
    """`<app>/templates/<app>/` and `<app>/static/<app>/`: a template name says whose it is."""
    owners = {"web": {"web", "errors"}}.get(app, {app})
    for kind in ("templates", "static"):
        base = ROOT / app / kind
        if base.exists():
            folders = {p.name for p in base.iterdir() if p.is_dir()}
            strays = {p.name for p in base.iterdir() if p.is_file()}
            assert folders <= owners and not strays, f"{app}/{kind}: {folders | strays}"


def test_web_holds_no_domain_pages():
    """web keeps the base layout, navigation, dashboard, error pages and the shared assets."""
    views = {p.stem for p in (ROOT / "web" / "views").glob("*.py")} - {"__init__"}
    assert views <= {"dashboard", "errors", "pages"}, views
    tags = {p.stem for p in (ROOT / "web" / "templatetags").glob("*.py")} - {"__init__"}
    assert tags <= {"web_tags"}, tags
