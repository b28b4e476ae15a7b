"""The shape of app/ that a reader and a freezer can follow (issue 14).

The import graph is read from the source with `ast` (every `import` and `from … import`, inside
functions too), not by importing anything, so what it sees is what PyInstaller's analysis sees:

- every module under app/ is reachable by plain static imports from app/__main__.py;
- no import cycle among app/ modules (strongly connected components of that graph);
- no module over 600 lines (the numbered migrations aside);
- no run-time discovery (pkgutil, importlib.import_module, __import__) in app/;
- app/core imports no Qt;
- every forms/*.ui is indented XML, one element a line, the way Qt Designer saves it.

`from a.b import c` counts as an import of the module a.b.c when there is one, else of a.b; the
package __init__ modules that Python runs on the way are not counted as edges (an __init__ that
imports its own submodules would otherwise "cycle" with each of them).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
FORMS = ROOT / "forms"
MAX_LINES = 600
MIGRATIONS = "app.core.store.migrations.m"
QT = re.compile(r"^(PySide6|PyQt\d|shiboken6|qtpy)(\.|$)")
DISCOVERY = re.compile(r"\b(pkgutil|import_module|__import__)\b")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def app_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(APP.rglob("*.py"))}


def imported_names(path: Path) -> list[str]:
    """Every module name an import statement in `path` names (absolute or relative), anywhere in it."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    return names_in(path.read_text("utf-8"), package)


def names_in(source: str, package: str) -> list[str]:
    modules = app_modules()
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                names.append(sub if sub in modules else module)
    return names


@cache
def import_graph() -> dict[str, set[str]]:
    """app module -> the app modules it imports (a name's nearest enclosing app module)."""
    modules = app_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported.startswith("app") and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively; returns the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def reachable_from(start: str) -> set[str]:
    """The modules an import of `start` loads: what it imports, on and on, and the packages that
    hold each of them (importing a.b.c runs a/__init__ and a/b/__init__ first)."""
    graph = import_graph()
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += graph[name]
        parent = name.rpartition(".")[0]
        if parent in graph:
            todo.append(parent)
    return seen


def test_the_graph_sees_the_modules_and_their_imports():
    """Not vacuous: the walk finds the packages, relative and in-function imports, and a real edge."""
    graph = import_graph()
    assert len(graph) > 150
    assert "app.core.store.connection" in graph["app.core.workstation"]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_module_is_reachable_by_static_imports_from_main():
    unreachable = sorted(set(import_graph()) - reachable_from("app.__main__"))
    assert unreachable == [], "modules no static import from app/__main__.py reaches: " + ", ".join(
        unreachable
    )


def test_no_import_cycle_among_app_modules():
    cycles = strongly_connected(import_graph())
    assert cycles == [], "import cycles (imports inside functions count): " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_no_module_is_over_600_lines():
    long = sorted(
        f"{name} ({n} lines)"
        for name, path in app_modules().items()
        if not name.startswith(MIGRATIONS) and (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    )
    assert long == [], f"modules over {MAX_LINES} lines: " + ", ".join(long)


DISCOVERY_NAMES = {"import_module", "__import__", "iter_modules", "walk_packages", "find_spec"}


def discovery_lines(source: str) -> list[int]:
    """Lines that import pkgutil / import_module or name a discovery function (a call or a reference)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            spelled = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(DISCOVERY.search(s) for s in spelled):
                lines.append(node.lineno)
        elif isinstance(node, ast.Name) and node.id in DISCOVERY_NAMES:
            lines.append(node.lineno)
        elif isinstance(node, ast.Attribute) and node.attr in DISCOVERY_NAMES:
            lines.append(node.lineno)
    return lines


def test_no_discovery_at_run_time():
    """Wiring is written down: a list a reader (and PyInstaller) follows, never a package scan."""
    offenders = [
        f"{name}:{line}"
        for name, path in app_modules().items()
        for line in discovery_lines(path.read_text("utf-8"))
    ]
    assert offenders == [], "run-time discovery in app/: " + ", ".join(sorted(set(offenders)))


def test_the_discovery_check_would_catch_the_usual_spellings():
    source = (
        "import pkgutil\nimport importlib\nfrom importlib import import_module\n"
        "def f():\n    importlib.import_module('app.x')\n    __import__('app.y')\n"
        "    importlib.util.find_spec('app.z')\n"
    )
    assert discovery_lines(source) == [1, 3, 5, 6, 7]
    assert discovery_lines("from importlib import resources\nresources.files('app')\n") == []


def test_core_imports_no_qt():
    offenders = sorted(
        f"{name}: {imported}"
        for name, path in app_modules().items()
        if name.startswith("app.core")
        for imported in imported_names(path)
        if QT.match(imported)
    )
    assert offenders == [], "Qt imported in app/core: " + ", ".join(offenders)


def test_the_walk_sees_imports_inside_functions_relative_ones_and_type_checking_blocks():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from app.ui.main_window import MainWindow\n"
        "def f():\n    from PySide6.QtCore import QObject\n    from . import workspace\n"
        "    from ..core import workstation\n"
    )
    names = names_in(source, "app.ui")
    assert {"app.ui.main_window", "PySide6.QtCore", "app.ui.workspace", "app.core.workstation"} <= set(names)
    assert any(QT.match(n) for n in names)


# ---- forms ----
UI_LINE = re.compile(r"^( *)(<[^<>]*>([^<>]*</[^<>]+>)?|</[^<>]+>)$")


def ui_layout_problems(text: str) -> list[str]:
    """Designer's layout: the XML declaration, then one element a line, one space per depth."""
    lines = text.splitlines()
    problems = []
    if not lines or lines[0] != '<?xml version="1.0" encoding="UTF-8"?>':
        problems.append("line 1 is not the XML declaration")
    depth = 0
    for number, line in enumerate(lines[1:], start=2):
        match = UI_LINE.match(line)
        if match is None:
            # a text value that spans lines (a multi-line string) continues its element
            if "<" not in line:
                continue
            problems.append(f"line {number}: more than one element: {line[:80]!r}")
            continue
        indent, tag = len(match.group(1)), match.group(2)
        closing = tag.startswith("</")
        self_contained = tag.endswith("/>") or match.group(3) is not None
        if closing:
            depth -= 1
        if indent != depth:
            problems.append(f"line {number}: indented {indent}, expected {depth}")
        if not closing and not self_contained:
            depth += 1
    if len(text) > 2000 and len(lines) < 20:
        problems.append("a handful of long lines")
    return problems


def test_every_form_is_indented_xml_one_element_a_line():
    forms = sorted(FORMS.glob("*.ui"))
    assert len(forms) > 20
    problems = {f.name: p[:3] for f in forms if (p := ui_layout_problems(f.read_text("utf-8")))}
    assert problems == {}, problems


def test_the_form_check_would_catch_a_long_line():
    assert ui_layout_problems('<?xml version="1.0" encoding="UTF-8"?>\n<ui><widget/></ui>\n')
    good = '<?xml version="1.0" encoding="UTF-8"?>\n<ui version="4.0">\n <widget/>\n <x>1</x>\n</ui>\n'
    assert ui_layout_problems(good) == []


FIXED_WAIT = re.compile(r"\bqtbot\.wait\(|\bQTest\.qWait\(|\btime\.sleep\(|\bqWait\(")


def fixed_waits(source: str) -> list[int]:
    """Lines of a GUI test that wait for a fixed time instead of a condition (issue 16: the suite must
    not depend on timing or load; qtbot.waitUntil / waitSignal wait for what the test needs)."""
    return [n for n, line in enumerate(source.splitlines(), 1) if FIXED_WAIT.search(line.split("#")[0])]


def test_no_gui_test_waits_for_a_fixed_time():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "tests" / "ui").rglob("*.py"))
        for line in fixed_waits(path.read_text("utf-8"))
    ]
    assert found == []


def test_the_wait_check_would_catch_the_usual_spellings():
    assert fixed_waits("qtbot.wait(100)\nQTest.qWait(5)\ntime.sleep(0.1)\n") == [1, 2, 3]
    assert fixed_waits("qtbot.waitUntil(f)\nqtbot.waitSignal(s)\nqtbot.waitExposed(w)\n") == []
