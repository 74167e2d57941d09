"""The data flows one way, and the imports say so: a module imports only from its own stage or an
earlier one, and no import cycle exists, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "plugins" / "frivilligkatalogen"
STAGES = ["base", "load", "model", "catalog", "views", "build", "registers", "forms", "service", "adapters"]
"""The stages in the order the data flows (ARCHITECTURE.md)."""


def module_name(path: Path) -> str:
    parts = ["frivilligkatalogen", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module of the package this file imports, wherever the import stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("frivilligkatalogen"):
            assert node.level == 0, f"{path}: relative import"
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (PACKAGE / Path(*candidate.split(".")[1:])).with_suffix(".py").exists() else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.add(f"<relative import in {path.name}>")
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("frivilligkatalogen"))
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in PACKAGE.rglob("*.py")}


def stage(module: str) -> int:
    parts = module.split(".")
    assert len(parts) >= 2 and parts[1] in STAGES, f"{module} is in no stage"
    return STAGES.index(parts[1])


def test_every_module_lies_in_a_stage_folder():
    loose = [module for module in graph() if module != "frivilligkatalogen" and module.split(".")[1] not in STAGES]
    assert loose == []


def test_no_module_imports_from_a_later_stage():
    against = [
        f"{module} (stage {STAGES[stage(module)]}) imports {target} (stage {STAGES[stage(target)]})"
        for module, targets in graph().items() if module != "frivilligkatalogen"
        for target in targets if target.startswith("frivilligkatalogen.") and stage(target) > stage(module)
    ]
    assert against == []


def test_there_is_no_import_cycle():
    edges = graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if target not in edges:
                continue
            if state.get(target) == 1:
                cycles.append(" → ".join(trail[trail.index(target):] + [target]) if target in trail else f"{module} → {target}")
            elif target not in state:
                visit(target, trail + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []
