"""Where the user manual's Markdown and pictures are, and reading them (never writing).

The manual is written in `docs/manual/` of the source tree: `index.md` (the title, a few words for
the cover, and the chapters in order as a numbered list of links) and one `.md` file per chapter,
with its pictures in `docs/manual/images/`. Installed packages and frozen bundles carry the same
folder inside the package as `app/_manual` (pyproject's force-include, build/xuncha.spec's datas).
`manual_root()` is the one place that knows both; everything is read through importlib.resources
Traversables, so the manual loads from a wheel, a bundle or a checkout alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from app.core.printing.manual_markdown import Document, parse

BUNDLED = "_manual"  # inside the package (wheel, bundle)
SOURCE = ("docs", "manual")  # beside the package (a source checkout)
INDEX = "index.md"
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+\.md)\)")


def manual_root() -> Traversable:
    """The folder that holds index.md: the package's copy when there is one, else the checkout's."""
    package = resources.files("app")
    bundled = package.joinpath(BUNDLED)
    if bundled.is_dir():
        return bundled
    return Path(str(package)).parent.joinpath(*SOURCE)


@dataclass(frozen=True)
class Chapter:
    file: str  # e.g. "01-install.md"
    document: Document

    @property
    def title(self) -> str:
        return self.document.title


@dataclass(frozen=True)
class Manual:
    index: Document
    chapters: tuple[Chapter, ...]
    root: Traversable

    @property
    def title(self) -> str:
        return self.index.title or "使用手册"

    def image_bytes(self, path: str) -> bytes | None:
        """A picture named in a chapter (relative to the manual's folder); None when it is missing."""
        node = self.root
        for part in path.split("/"):
            if part in ("", ".", ".."):
                return None  # a manual's pictures live under its own folder, nowhere else
            node = node.joinpath(part)
        return node.read_bytes() if node.is_file() else None


def chapter_files(index_text: str) -> list[str]:
    """The chapter files index.md links to, in order, each once."""
    seen: list[str] = []
    for _label, target in _LINK.findall(index_text):
        if target not in seen:
            seen.append(target)
    return seen


def load_manual(root: Traversable | None = None) -> Manual:
    root = root if root is not None else manual_root()
    index_text = root.joinpath(INDEX).read_text("utf-8")
    chapters = tuple(
        Chapter(name, parse(root.joinpath(name).read_text("utf-8"))) for name in chapter_files(index_text)
    )
    return Manual(parse(index_text), chapters, root)
