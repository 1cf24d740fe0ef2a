"""Data flows one way: a lower module never imports a higher one, not even inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "evalkit"

# Each layer may import only what sits below it (and itself). The command line is the top; the
# pipeline drives the readers, checks and reporters; readers, checks and reporters sit side by side
# and share only the lower modules. One exception: a reporter may read the check registry's
# metadata (titles, categories, default severities; SARIF lists them as rules), never run checks.
ALLOWED = {"report": ("evalkit.checks.base",)}
HIGHER = {
    "formats": ("evalkit.cli", "evalkit.pipeline", "evalkit.report", "evalkit.checks", "evalkit.gate"),
    "checks": ("evalkit.cli", "evalkit.pipeline", "evalkit.report", "evalkit.formats", "evalkit.gate"),
    "report": ("evalkit.cli", "evalkit.pipeline", "evalkit.checks", "evalkit.formats"),
    "lang": ("evalkit.cli", "evalkit.pipeline", "evalkit.report", "evalkit.checks", "evalkit.formats"),
    "lexicons": ("evalkit.cli", "evalkit.pipeline", "evalkit.report", "evalkit.checks", "evalkit.formats"),
    "engines": ("evalkit.cli", "evalkit.pipeline", "evalkit.report", "evalkit.checks", "evalkit.formats"),
    # suppressing known findings sits between the checks and the reporters (SARIF reads its fingerprints)
    "baseline.py": ("evalkit.cli", "evalkit.pipeline", "evalkit.report"),
}


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n == "evalkit" or n.startswith("evalkit.")}


def modules(layer: str) -> list[Path]:
    """The modules of a package, or the one module a ``.py`` name names."""
    return [PACKAGE / layer] if layer.endswith(".py") else sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(HIGHER))
def test_a_layer_imports_nothing_above_it(layer):
    assert modules(layer), f"no modules in evalkit/{layer}"
    bad = {
        str(p.relative_to(PACKAGE)): sorted(n for n in imports(p)
                                            if n.startswith(HIGHER[layer]) and n not in ALLOWED.get(layer, ()))
        for p in modules(layer)
    }
    assert {k: v for k, v in bad.items() if v} == {}


def test_only_the_entry_points_import_the_command_line():
    users = [str(p.relative_to(PACKAGE)) for p in sorted(PACKAGE.rglob("*.py"))
             if any(n == "evalkit.cli" or n.startswith("evalkit.cli.") for n in imports(p))]
    assert users == ["__main__.py"]


def test_the_import_scanner_sees_imports_inside_functions(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from evalkit.report.locate import LineIndex\n    import evalkit.cli\n")
    assert imports(src) == {"evalkit.report.locate", "evalkit.cli"}
