"""The package's tiers import only the tiers above them, and no module imports itself in a loop.

From the top: the model and its column vocabulary; the pure rules; the learner's folder; the
tracker; tables in and out; the analysis; the reports; and the faces (widgets, the command, the
app and the hub). Every import counts, those inside functions included.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbook"
TIERS = [
    {"model", "canonical"},
    {"rules"},
    {"home"},
    {"tracker"},
    {"tables"},
    {"analysis"},
    {"reports"},
    {"widgets", "cli", "app", "hub"},
]
TIER = {name: depth for depth, names in enumerate(TIERS) for name in names}
PURE = TIER["rules"]  # the model and the rules import no data, plotting or widget library
FORBIDDEN_IN_PURE = {"pandas", "matplotlib", "ipywidgets", "sqlite3", "numpy", "scipy"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(PACKAGE.rglob("*.py"))
NAMES = {module_name(path) for path in MODULES}


def tier_of(module: str) -> int | None:
    """The tier of a `workbook...` module, or None for the package's top level."""
    parts = module.split(".")
    return TIER.get(parts[1]) if len(parts) > 1 else None


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at its top or inside a function, relative imports resolved."""
    own = module_name(path).split(".")
    package = own if path.name == "__init__.py" else own[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from workbook.home import room` imports the module workbook.home.room, not (for
            # this check) the package around it, which Python loads first for any submodule
            modules = {f"{module}.{alias.name}" for alias in node.names} & NAMES
            names |= modules or {module}
    return names


def graph(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each module's imports of the package's own modules."""
    return {
        name: {target for target in targets if target in modules}
        for name, targets in modules.items()
    }


def cycle_in(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `edges` as the modules along it, or None when there is none."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done

    def visit(name: str, path: list[str]) -> Iterator[list[str]]:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                yield [*path[path.index(target) :], target] if target in path else [name, target]
            elif target not in state:
                yield from visit(target, [*path, target])
        state[name] = 2

    for start in sorted(edges):
        if start not in state:
            for found in visit(start, [start]):
                return found
    return None


IMPORTS = graph({module_name(path): imports_of(path) & NAMES for path in MODULES})


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_each_module_imports_only_the_tiers_above_it(path: Path) -> None:
    """No module reaches down into a tier below its own."""
    own = tier_of(module_name(path))
    for name in imports_of(path):
        if name.startswith("workbook.") and name in NAMES | {"workbook"}:
            target = tier_of(name)
            assert target is not None, f"{module_name(path)} imports the top level {name}"
            ceiling = PURE if own is None else own  # the top level re-exports model and rules
            assert target <= ceiling, f"{module_name(path)} imports {name}, a lower tier"


def test_no_module_imports_itself_in_a_loop() -> None:
    """The package has no import cycle, counting imports inside functions."""
    assert cycle_in(IMPORTS) is None, " -> ".join(cycle_in(IMPORTS) or [])


def test_the_cycle_check_finds_a_loop_back_up_the_tiers() -> None:
    """Were `roots` to import `folders` (as `paths` once imported `room` inside a function), the
    check would name the loop."""
    edges = dict(IMPORTS)
    edges["workbook.home.roots"] = {*IMPORTS["workbook.home.roots"], "workbook.home.folders"}
    found = cycle_in(edges)
    assert found is not None and found[0] == found[-1]
    assert {"workbook.home.roots", "workbook.home.folders"} <= set(found)


def test_imports_inside_functions_are_counted() -> None:
    """An import inside a function body counts like one at the top of the module."""
    source = PACKAGE / "home" / "roots.py"
    assert "platformdirs" in imports_of(source)  # imported inside data_root()


@pytest.mark.parametrize(
    "path", [p for p in MODULES if (tier_of(module_name(p)) or 0) <= PURE], ids=module_name
)
def test_model_and_rules_stay_pure(path: Path) -> None:
    """The model, its vocabulary and the rules import no data, plotting or widget library."""
    roots = {name.split(".")[0] for name in imports_of(path)}
    assert not roots & FORBIDDEN_IN_PURE


@pytest.mark.parametrize("tier", sorted(TIER), ids=str)
def test_every_tier_exists(tier: str) -> None:
    """Each tier the test names is a module or package of the workbook, so none is checked by
    mistake against nothing."""
    assert (PACKAGE / tier).is_dir() or (PACKAGE / f"{tier}.py").is_file()
