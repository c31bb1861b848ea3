"""The engine stays pure: no Django, no other prodoffice app (it runs and benchmarks alone)."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "engine"


def imported_modules(path: Path) -> set[str]:
    """Absolute module names imported by a source file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_engine_imports_neither_django_nor_other_apps():
    modules = sorted(ENGINE.glob("*.py"))
    assert len(modules) >= 10
    for path in modules:
        for name in imported_modules(path):
            assert not name.startswith(("django", "rest_framework", "prodoffice")), (path, name)
