"""The package's layers: model, rules, data, faces, each importing only the layers above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbook"
LAYERS = {"model": 0, "rules": 1, "data": 2, "widgets": 3, "cli": 3, "app": 3, "hub": 3}
FORBIDDEN_BELOW_DATA = {"pandas", "matplotlib", "ipywidgets", "sqlite3", "numpy", "scipy"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer of a `workbook...` module, or None for the package's top level."""
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_each_module_imports_only_the_layers_above_it(path: Path) -> None:
    """No module reaches down into a layer below its own (model, rules, data, faces)."""
    own = layer_of(module_name(path))
    for name in imports_of(path):
        if name.startswith("workbook."):
            target = layer_of(name)
            assert target is not None, f"{module_name(path)} imports the top level {name}"
            ceiling = 1 if own is None else own  # the top level re-exports model and rules
            assert target <= ceiling, f"{module_name(path)} imports {name}, a lower layer"


@pytest.mark.parametrize(
    "path", [p for p in MODULES if (layer_of(module_name(p)) or 0) <= 1], ids=module_name
)
def test_model_and_rules_stay_pure(path: Path) -> None:
    """The model and the rules import no data, plotting or widget library."""
    roots = {name.split(".")[0] for name in imports_of(path)}
    assert not roots & FORBIDDEN_BELOW_DATA
