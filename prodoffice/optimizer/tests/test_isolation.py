"""The optimizer package stands alone: no Django, nothing else of the project."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_optimizer_imports_neither_django_nor_other_project_packages():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert not name.startswith("django"), f"{path.name} imports {name}"
                if name.startswith("prodoffice"):
                    assert name.startswith("prodoffice.optimizer"), f"{path.name} imports {name}"
