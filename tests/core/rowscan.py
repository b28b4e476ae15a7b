"""A static scan of `app/` for database rows read by position (used by test_rows_by_name).

A name holds a row when it is assigned from `.fetchone()`, is the target of a loop (or comprehension)
over `.execute(...)`, `.fetchall()` or a name holding such rows, is indexed out of a list of rows
(`rows[0]`), or is a parameter of a function that some call site hands a row (`Unit.from_row(r)`,
`map(Unit.from_row, cursor)`); a function that returns rows passes them on to its callers. Reading
such a row by position is reported: an integer or slice subscript (`row[3]`, `row[:7]`), unpacking it
into names (`a, b = row`, `for a, b in conn.execute(...)`), spreading it into a call (`cls(*row)`),
turning it into a plain sequence (`list(row)`) and pairing rows into a dict (`dict(cursor)`).
One read stays allowed: `row[0]` of a query whose SQL is a literal (or a module constant) selecting
exactly one column (`SELECT count(*) ...`, `SELECT id FROM ...`, a single-value PRAGMA), because a
scalar is not a record and no added column can shift it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROW, ROWS, SQL = "row", "rows", "sql"  # a row; rows (a cursor, a list); the text of a query
# PRAGMAs that answer with a single column.
_LOOKS_LIKE_SQL = re.compile(r"(?i)^\s*(SELECT|WITH|PRAGMA|INSERT|UPDATE|DELETE)\b")
SCALAR_PRAGMAS = {
    "user_version",
    "journal_mode",
    "synchronous",
    "secure_delete",
    "temp_store",
    "foreign_keys",
    "cache_size",
    "page_size",
    "page_count",
    "freelist_count",
    "integrity_check",
    "quick_check",
    "cipher_integrity_check",
    "cipher_version",
    "cipher_provider",
    "cipher_hmac_algorithm",
    "cipher_kdf_algorithm",
    "cipher_page_size",
    "cipher_memory_security",
    "schema_version",
    "application_id",
    "auto_vacuum",
    "wal_checkpoint",
}


@dataclass(frozen=True)
class Kind:
    what: str  # ROW, ROWS or SQL
    columns: int | None = None  # how many columns the query selects, when its SQL is known

    def merge(self, other: Kind | None) -> Kind:
        """What a parameter holds when two call sites hand it different things."""
        if other is None or other == self:
            return self
        if other.what != self.what:
            return Kind(ROW if ROW in (self.what, other.what) else ROWS)
        return Kind(self.what)


@dataclass
class Finding:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def _split_top(text: str) -> list[str]:
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _top_level(text: str) -> str:
    """The text with everything inside parentheses and quotes blanked out (same length)."""
    out, depth, quote = [], 0, ""
    for ch in text:
        if quote:
            out.append(" ")
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
            out.append(" ")
        elif ch == "(":
            depth += 1
            out.append(" ")
        elif ch == ")":
            depth -= 1
            out.append(" ")
        else:
            out.append(ch if depth == 0 else " ")
    return "".join(out)


def sql_columns(sql: str) -> int | None:
    """How many columns a statement answers with, when that can be read off its text."""
    text = " ".join(sql.split())
    pragma = re.match(r"(?i)\s*PRAGMA\s+(?:\w+\.)?(\w+)", text)
    if pragma:
        return 1 if pragma.group(1).lower() in SCALAR_PRAGMAS else None
    top = _top_level(text)
    returning = re.search(r"(?i)\bRETURNING\b", top)
    if returning:
        return len(_split_top(text[returning.end() :]))
    select = re.search(r"(?i)\bSELECT\b", top)
    if not select:
        return None
    rest = text[select.end() :]
    end = re.search(r"(?i)\b(FROM|WHERE|GROUP|ORDER|LIMIT|UNION)\b", _top_level(rest))
    columns = rest[: end.start()] if end else rest
    if "__fmt__" in columns:
        return None
    return len(_split_top(columns))


class _Index:
    """Every function in app/ by name, with what call sites hand it and what it returns."""

    def __init__(self, trees: dict[str, ast.Module]) -> None:
        self.defs: dict[str, list[tuple[ast.FunctionDef, bool]]] = {}
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    for item in node.body:
                        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            static = any(
                                isinstance(d, ast.Name) and d.id == "staticmethod"
                                for d in item.decorator_list
                            )
                            self.defs.setdefault(item.name, []).append((item, not static))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not any(
                    node is d for ds in self.defs.values() for d, _ in ds
                ):
                    self.defs.setdefault(node.name, []).append((node, False))
        self.params: dict[int, dict[str, Kind]] = {}  # id(FunctionDef) -> parameter -> kind
        self.returns: dict[str, Kind] = {}  # function name -> kind of what it returns

    def mark_call(self, name: str, args: list[Kind | None], keywords: dict[str, Kind]) -> bool:
        changed = False
        for fn, method in self.defs.get(name, []):
            params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
            if method and params:
                params = params[1:]
            known = self.params.setdefault(id(fn), {})
            pairs = list(zip(params, args, strict=False)) + [
                (k, v) for k, v in keywords.items() if k in params
            ]
            for param, kind in pairs:
                if kind is None:
                    continue
                merged = kind.merge(known.get(param))
                if known.get(param) != merged:
                    known[param] = merged
                    changed = True
        return changed


class _Scope(ast.NodeVisitor):
    """Walks one function (or a module's top level) in order, tracking which names hold rows."""

    def __init__(self, index: _Index, constants: dict[str, str], path: str, initial: dict[str, Kind]) -> None:
        self.index = index
        self.constants = constants
        self.path = path
        self.names: dict[str, Kind] = dict(initial)
        self.findings: list[Finding] = []
        self.changed = False
        self.returned: Kind | None = None

    # --- what an expression holds ---------------------------------------------------------------
    def sql_text(self, node: ast.AST | None) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id]
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value if isinstance(v, ast.Constant) else " __fmt__ " for v in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.sql_text(node.left), self.sql_text(node.right)
            if left is not None or right is not None:
                return (left or " __fmt__ ") + (right or " __fmt__ ")
        return None

    def query(self, node: ast.AST) -> Kind | None:
        """The SQL kind of an argument: a literal query, or a parameter some call site gave one."""
        text = self.sql_text(node)
        if text is not None:
            return Kind(SQL, sql_columns(text)) if _LOOKS_LIKE_SQL.search(text) else None
        held = self.kind(node)
        return held if held is not None and held.what == SQL else None

    def kind(self, node: ast.AST | None) -> Kind | None:
        if node is None:
            return None
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.NamedExpr):
            return self.kind(node.value)
        if isinstance(node, ast.Await):
            return self.kind(node.value)
        if isinstance(node, ast.IfExp):
            return self.kind(node.body) or self.kind(node.orelse)
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                found = self.kind(value)
                if found:
                    return found
            return None
        if isinstance(node, ast.Subscript):
            base = self.kind(node.value)
            if base and base.what == ROWS:
                if isinstance(node.slice, ast.Slice):
                    return base
                return Kind(ROW, base.columns)
            return None
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                if func.attr == "fetchone":
                    base = self.kind(func.value)
                    return Kind(ROW, base.columns if base else None)
                if func.attr in ("fetchall", "fetchmany"):
                    base = self.kind(func.value)
                    return Kind(ROWS, base.columns if base else None)
                if func.attr == "execute" and node.args:
                    query = self.query(node.args[0])
                    return Kind(ROWS, query.columns if query else None)
                return self.index.returns.get(func.attr)
            if isinstance(func, ast.Name):
                if func.id in ("list", "sorted", "tuple", "reversed", "iter") and node.args:
                    base = self.kind(node.args[0])
                    return base if base and base.what == ROWS else None
                if func.id == "next" and node.args:
                    base = self.kind(node.args[0])
                    return Kind(ROW, base.columns) if base and base.what == ROWS else None
                return self.index.returns.get(func.id)
        return None

    # --- binding names ----------------------------------------------------------------------------
    def bind(self, target: ast.AST, kind: Kind | None, where: ast.AST) -> None:
        if isinstance(target, ast.Name):
            if kind is None:
                self.names.pop(target.id, None)
            else:
                self.names[target.id] = kind
        elif isinstance(target, (ast.Tuple, ast.List)):
            if kind is not None and kind.what == ROW and not self.scalar_ok(kind, len(target.elts)):
                self.report(where, "a row unpacked by position into names")
            inner = kind if kind is not None and kind.what == ROWS else None
            for element in target.elts:
                self.bind(element.value if isinstance(element, ast.Starred) else element, None, where)
                if inner is not None:
                    self.bind(element, Kind(ROW, inner.columns), where)

    def bind_loop(self, target: ast.AST, source: ast.AST, where: ast.AST) -> None:
        kind = self.kind(source)
        if kind is not None and kind.what == ROWS:
            self.bind(target, Kind(ROW, kind.columns), where)
        else:
            self.bind(target, None, where)

    @staticmethod
    def scalar_ok(kind: Kind, width: int) -> bool:
        return width == 1 and kind.columns == 1

    def report(self, node: ast.AST, text: str) -> None:
        self.findings.append(Finding(self.path, getattr(node, "lineno", 0), text))

    # --- statements -----------------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self.kind(node.value)
        for target in node.targets:
            if isinstance(target, (ast.Tuple, ast.List)) and isinstance(node.value, (ast.Tuple, ast.List)):
                for t, v in zip(target.elts, node.value.elts, strict=False):
                    self.bind(t, self.kind(v), node)
            else:
                self.bind(target, kind, node)
            if not isinstance(target, (ast.Name, ast.Tuple, ast.List)):
                self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
            self.bind(node.target, self.kind(node.value), node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind(node.target, self.kind(node.value), node)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.bind_loop(node.target, node.iter, node)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def _comprehension(self, node, parts: list[ast.AST]) -> None:
        saved = dict(self.names)
        for generator in node.generators:
            self.visit(generator.iter)
            self.bind_loop(generator.target, generator.iter, node)
            for condition in generator.ifs:
                self.visit(condition)
        for part in parts:
            self.visit(part)
        self.names = saved

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_ListComp
    visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self.visit(node.value)
            self.returned = self.returned or self.kind(node.value)

    def visit_FunctionDef(self, node) -> None:
        pass  # analysed as a scope of its own

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    # --- reads ----------------------------------------------------------------------------------
    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.generic_visit(node)
        kind = self.kind(node.value)
        if kind is None or kind.what != ROW:
            return
        index = node.slice
        if isinstance(index, ast.UnaryOp) and isinstance(index.operand, ast.Constant):
            index = index.operand
        if (
            isinstance(index, ast.Constant)
            and isinstance(index.value, int)
            and not isinstance(index.value, bool)
        ):
            if index.value == 0 and kind.columns == 1:
                return
            self.report(node, f"row read by position: {ast.unparse(node)}")
        elif isinstance(index, ast.Slice):
            self.report(node, f"row sliced by position: {ast.unparse(node)}")

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                kind = self.kind(arg.value)
                if kind is not None and kind.what == ROW:
                    self.report(node, f"row spread into a call by position: {ast.unparse(node)[:80]}")
        func = node.func
        name = (
            func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        )
        if isinstance(func, ast.Name) and node.args and not isinstance(node.args[0], ast.Starred):
            held = self.kind(node.args[0])
            if func.id == "dict" and held is not None and held.what == ROWS:
                self.report(node, f"rows paired into a dict by position: {ast.unparse(node)[:80]}")
            if func.id in ("list", "tuple") and held is not None and held.what == ROW:
                self.report(node, f"row turned into a sequence: {ast.unparse(node)[:80]}")
        if name == "map" and len(node.args) == 2:
            source = self.kind(node.args[1])
            target = node.args[0]
            target_name = (
                target.attr
                if isinstance(target, ast.Attribute)
                else target.id
                if isinstance(target, ast.Name)
                else None
            )
            if source is not None and source.what == ROWS and target_name:
                self.changed |= self.index.mark_call(target_name, [Kind(ROW, source.columns)], {})
            return
        if name is None:
            return
        args = [None if isinstance(a, ast.Starred) else self.kind(a) or self.query(a) for a in node.args]
        keywords = {
            k.arg: kind
            for k in node.keywords
            if k.arg and (kind := self.kind(k.value) or self.query(k.value))
        }
        if any(args) or keywords:
            self.changed |= self.index.mark_call(name, args, keywords)


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """The module's top-level string constants (f-strings with their holes marked), by name."""
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            text = value.value
        elif isinstance(value, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else " __fmt__ " for v in value.values)
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                out[target.id] = text
    return out


def scan(root: Path) -> list[Finding]:
    """Every positional read of a row in the modules under `root` (a package directory)."""
    trees = {}
    base = root.parent
    for path in sorted(root.rglob("*.py")):
        trees[path.relative_to(base).as_posix()] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    index = _Index(trees)
    scopes: list[tuple[str, ast.AST, dict[str, str]]] = []
    for path, tree in trees.items():
        constants = _module_constants(tree)
        scopes.append((path, tree, constants))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                scopes.append((path, node, constants))

    def run_once() -> tuple[bool, list[Finding]]:
        changed, findings = False, []
        for path, node, constants in scopes:
            scope = _Scope(index, constants, path, index.params.get(id(node), {}))
            body = (
                node.body
                if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef))
                else [node.body]
            )
            for statement in body:
                scope.visit(statement)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and scope.returned is not None:
                if index.returns.get(node.name) != scope.returned:
                    index.returns[node.name] = scope.returned
                    changed = True
            changed |= scope.changed
            findings.extend(scope.findings)
        return changed, findings

    for _ in range(20):  # call sites and returns settle in a few rounds
        changed, findings = run_once()
        if not changed:
            break
    unique = {(f.path, f.line, f.text): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.path, f.line))
