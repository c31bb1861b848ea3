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
}

#: Single files allowed one import beyond their app's row, each with the reason.
EXCEPTIONS: dict[str, set[str]] = {}


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
