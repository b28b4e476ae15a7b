"""The Markdown subset the user manual is written in, parsed into blocks (no layout here).

Blocks: headings (`#`, `##`, `###`), paragraphs, bullet lists (`-` or `*`) and numbered lists
(`1.`), nested by indentation, pipe tables (a header row, a `|---|` row, then rows), images alone on
a line (`![说明](images/x.png)`), block quotes (`>`, shown as 注意 boxes) and fenced code (```).
Inline: `**bold**`, `` `code` `` and links `[text](target)` (only the text is kept: a printed page
has nowhere to go). Anything else is text as written. Lines of one paragraph are joined without a
space between Chinese characters and with one between Latin words, as Chinese typesetting wants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLAIN, BOLD, CODE = "plain", "bold", "code"


@dataclass(frozen=True)
class Run:
    text: str
    style: str = PLAIN


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class ListItem:
    runs: Runs
    children: tuple = ()  # nested blocks (lists, paragraphs)


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]


@dataclass(frozen=True)
class Image:
    alt: str
    path: str


@dataclass(frozen=True)
class Quote:
    blocks: tuple


@dataclass(frozen=True)
class Code:
    text: str


@dataclass
class Document:
    blocks: list = field(default_factory=list)

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Heading) and block.level == 1:
                return block.text
        return ""

    def images(self) -> list[Image]:
        return [b for b in walk(self.blocks) if isinstance(b, Image)]


_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([-*]|\d+[.)])\s+(.*)$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)\)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE = re.compile(r"\\([\\`*\[\]()!_#|>-])|\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\([^)]*\)")


def parse(text: str) -> Document:
    return Document(_blocks(text.replace("\r\n", "\n").replace("\t", "    ").split("\n")))


def walk(blocks) -> list:
    """Every block, nested ones too (quotes, list items' children), in reading order."""
    out: list = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Quote):
            out += walk(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out += walk(item.children)
    return out


def inline(text: str) -> Runs:
    """`**bold**`, `code`, [links](…) and backslash escapes into runs; neighbours of one style merge."""
    runs: list[Run] = []

    def add(piece: str, style: str) -> None:
        if not piece:
            return
        if runs and runs[-1].style == style:
            runs[-1] = Run(runs[-1].text + piece, style)
        else:
            runs.append(Run(piece, style))

    pos = 0
    for m in _INLINE.finditer(text):
        add(text[pos : m.start()], PLAIN)
        escaped, bold, code, link = m.groups()
        if escaped is not None:
            add(escaped, PLAIN)
        elif bold is not None:
            for run in inline(bold):
                add(run.text, CODE if run.style == CODE else BOLD)
        elif code is not None:
            add(code, CODE)
        else:
            for run in inline(link):
                add(run.text, run.style)
        pos = m.end()
    add(text[pos:], PLAIN)
    return tuple(runs)


def plain_text(runs: Runs) -> str:
    return "".join(r.text for r in runs)


def join_lines(lines: list[str]) -> str:
    """One paragraph's lines: no space between Chinese, one between Latin words."""
    out = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if (
            out
            and out[-1].isascii()
            and line[0].isascii()
            and out[-1] not in "(（"
            and line[0] not in ",.;:)"
        ):
            out += " "
        out += line
    return out


def _blocks(lines: list[str]) -> list:
    blocks: list = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if stripped.startswith("```"):
            j = i + 1
            while j < n and not lines[j].strip().startswith("```"):
                j += 1
            blocks.append(Code("\n".join(lines[i + 1 : j]).rstrip("\n")))
            i = j + 1
            continue
        heading = _HEADING.match(stripped)
        if heading and not line.startswith(" "):
            blocks.append(Heading(len(heading.group(1)), plain_text(inline(heading.group(2)))))
            i += 1
            continue
        if stripped.startswith(">"):
            j = i
            inner: list[str] = []
            while j < n and lines[j].strip().startswith(">"):
                inner.append(re.sub(r"^\s*>\s?", "", lines[j]))
                j += 1
            blocks.append(Quote(tuple(_blocks(inner))))
            i = j
            continue
        if stripped.startswith("|") and i + 1 < n and _TABLE_RULE.match(lines[i + 1]):
            j = i + 2
            while j < n and lines[j].strip().startswith("|"):
                j += 1
            blocks.append(_table(lines[i], lines[i + 2 : j]))
            i = j
            continue
        if _ITEM.match(line):
            j = i + 1
            while j < n and _continues(lines, j, line):
                j += 1
            blocks.append(_list(lines[i:j]))
            i = j
            continue
        image = _IMAGE.match(stripped)
        if image:
            blocks.append(Image(image.group(1), image.group(2)))
            i += 1
            continue
        j = i
        para: list[str] = []
        while j < n and lines[j].strip() and not _starts_block(lines, j):
            para.append(lines[j])
            j += 1
        if not para:  # a line that looks like a block start but is not one (a lone "|")
            para, j = [line], i + 1
        blocks.append(Paragraph(inline(join_lines(para))))
        i = j
    return blocks


def _same_list(item: str, first: str) -> bool:
    """`item` belongs to the list `first` starts: indented under it, or an item of the same kind."""
    a, b = _ITEM.match(item), _ITEM.match(first)
    assert a is not None and b is not None
    if len(a.group(1)) > len(b.group(1)):
        return True
    return a.group(2)[0].isdigit() == b.group(2)[0].isdigit()


def _continues(lines: list[str], j: int, first: str) -> bool:
    """Whether line `j` is still part of the list that `first` starts."""
    line = lines[j]
    if _ITEM.match(line):
        return _same_list(line, first)
    if line.strip():
        return line.startswith(" ")
    # A blank line: the list goes on when the next text is indented or another item of it.
    k = j
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k == len(lines):
        return False
    nxt = lines[k]
    return _same_list(nxt, first) if _ITEM.match(nxt) else nxt.startswith("  ")


def _starts_block(lines: list[str], j: int) -> bool:
    s = lines[j].strip()
    return bool(
        s.startswith(("```", ">"))
        or (_HEADING.match(s) and not lines[j].startswith(" "))
        or _ITEM.match(lines[j])
        or _IMAGE.match(s)
        or (s.startswith("|") and j + 1 < len(lines) and _TABLE_RULE.match(lines[j + 1]))
    )


def _list(lines: list[str]) -> ListBlock:
    first = _ITEM.match(lines[0])
    assert first is not None
    indent = len(first.group(1))
    ordered = first.group(2)[0].isdigit()
    start = int(first.group(2)[:-1]) if ordered else 1
    items: list[ListItem] = []
    current: list[str] | None = None
    body: list[str] = []

    def close() -> None:
        if current is None:
            return
        # The item's own text, then what is indented under it (a nested list, a second paragraph).
        k = 0
        while k < len(body) and body[k].strip() and not _ITEM.match(body[k]):
            k += 1
        text = join_lines(current + body[:k])
        rest = _dedent(body[k:])
        items.append(ListItem(inline(text), tuple(_blocks(rest))))

    for line in lines:
        m = _ITEM.match(line)
        if m and len(m.group(1)) <= indent:
            close()
            current, body = [m.group(3)], []
        else:
            body.append(line)
    close()
    return ListBlock(ordered, tuple(items), start)


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(widths) if widths else 0
    return [line[cut:] for line in lines]


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cell, escaped = [], "", False
    for ch in s:
        if escaped:
            cell += ch
            escaped = False
        elif ch == "\\":
            cell += ch
            escaped = True
        elif ch == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
    cells.append(cell.strip())
    return cells


def _table(header: str, rows: list[str]) -> Table:
    head = _cells(header)
    width = len(head)
    body = []
    for row in rows:
        cells = (_cells(row) + [""] * width)[:width]
        body.append(tuple(inline(c) for c in cells))
    return Table(tuple(inline(c) for c in head), tuple(body))
