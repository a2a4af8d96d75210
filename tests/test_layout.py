"""The package's folders show its flow: imports point down the stages, never up, and form no cycle."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coopanalysis.base.paths import code_root

PACKAGE = code_root() / "src" / "coopanalysis"
#: The stages, from the bottom up: a module may import from its own stage or a lower one.
STAGES = [
    "base",
    "vocab",
    "quantity",
    "articles",
    "extract",
    "figures",
    "across",
    "indicators",
    "reports",
    "review",
    "analysis",
    "run",
    "cli",
]
#: Imports inside a function, each for a reason other than a cycle (they point down like the rest).
LAZY = {
    "coopanalysis": (
        "the public names load when first used: the command starts, and answers Ctrl-C, before pandas loads"
    ),
    "coopanalysis.cli.main": "each command loads only what it runs: `check` never imports matplotlib or papermill",
    "coopanalysis.reports": "matplotlib and seaborn load only when a chart is asked for",
    "coopanalysis.run.runner": "the static pages (charts: matplotlib, seaborn) load only when they are made again",
    "coopanalysis.run.workers": "papermill and nbconvert load in the workers that execute notebooks, not in the run",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, bool]]:
    """The package modules ``name`` imports, each with whether the import is inside a function."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        if module.split(".")[0] != "coopanalysis":
            continue
        for alias in node.names:  # "from . import charts" imports a module
            target = f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module
            found.append((target, id(node) not in top))
    return found


def graph() -> dict[str, set[str]]:
    return {name: {target for target, _ in imports(name) if target != name} for name in MODULES}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path that returns to its start, or [] (depth-first, iterative)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for root in sorted(edges):
        if state.get(root):
            continue
        path, stack = [root], [iter(sorted(edges.get(root, ())))]
        state[root] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append(iter(sorted(edges.get(child, ()))))
    return []


def stage(name: str) -> int:
    """The stage of a module; the package's own ``__init__`` and ``__main__`` sit above every stage."""
    parts = name.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return len(STAGES)
    return STAGES.index(parts[1])


def test_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_every_module_belongs_to_a_stage():
    loose = [name for name in MODULES if name.count(".") == 1 and name.split(".")[1] not in [*STAGES, "__main__"]]
    assert loose == [], "top-level modules belong in a stage subpackage"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()) == sorted(STAGES)


def test_no_import_cycle_in_the_package():
    assert find_cycle(graph()) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down_the_flow(name):
    upward = [target for target, _ in imports(name) if stage(target) > stage(name)]
    assert upward == [], (
        f"{name} (stage {STAGES[stage(name)] if stage(name) < len(STAGES) else 'top'}) imports a later stage"
    )


def test_imports_inside_functions_are_only_the_documented_lazy_ones():
    hidden = sorted(
        {(name, target) for name in MODULES for target, inner in imports(name) if inner and name not in LAZY}
    )
    assert hidden == []


def test_the_architecture_page_lists_every_stage_and_its_modules():
    page = (code_root() / "docs" / "architecture.md").read_text(encoding="utf-8")
    layout = page[page.index("## Stages") :]
    layout = layout[: layout.index("\n## ", 1)]
    listed = {
        m.group(1): set(re.findall(r"`(\w+)`", m.group(2)))
        for m in re.finditer(r"^\| `(\w+)/` \|.*\| ((?:`\w+`(?:, )?)+) \|$", layout, re.MULTILINE)
    }
    on_disk = {name: {p.stem for p in (PACKAGE / name).glob("*.py") if not p.stem.startswith("__")} for name in STAGES}
    assert listed == on_disk


def _constants(path: Path) -> list[ast.Constant]:
    """The literal values of a module outside its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and id(node) not in docstrings]


def test_the_command_returns_named_exit_codes_never_numbers():
    """Each exit code is named once, in base/problems (an error's ``exit_code``, or SUCCESS, INTERRUPTED, BUG)."""
    literal = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = (
                node.value
                if isinstance(node, ast.Return)
                else node.args[0]
                if isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "exit"
                and node.args
                else None
            )
            if isinstance(value, ast.IfExp):
                value = [value.body, value.orelse]
            literal.extend(
                f"{path.name}:{one.lineno}: {one.value}"
                for one in (value if isinstance(value, list) else [value])
                if isinstance(one, ast.Constant) and isinstance(one.value, int) and not isinstance(one.value, bool)
            )
    assert literal == []


def test_every_error_exit_code_is_explained():
    from coopanalysis.base import problems

    errors = {cls for cls in vars(problems).values() if isinstance(cls, type) and hasattr(cls, "exit_code")}
    assert errors >= {problems.SeedError, problems.WorkerLost, problems.Terminated}
    assert {cls.exit_code for cls in errors} <= set(problems.EXIT_CODES)


_NAMES = {"shared"}  # a function's name (a shared lock), not a folder


def test_the_shipped_package_reads_nothing_of_the_checkout_s_tests_or_shared_data():
    """The evaluation harness that reads tests/fixtures and ../shared lives in evaluation/, beside the package."""
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in _constants(path)
        if isinstance(node.value, str)
        and " " not in node.value
        and re.search(r"(^|/)(tests|fixtures|shared|devset[\w-]*)(/|$)", node.value)
        and node.value not in _NAMES
    ]
    assert found == []
