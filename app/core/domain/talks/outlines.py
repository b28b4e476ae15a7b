"""The outline template library (谈话提纲模板): editable JSON files in resources/templates/talk_outlines/.

Each file names the interviewee categories (and optionally the talk kinds) it suits and lists its
questions; see the folder's README. The talk form offers the templates for the chosen category and
copies the questions into the talk's own outline, where they are edited. A damaged file is skipped
(and named in `problems`), so one bad edit never stops the talk form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app import paths
from app.core.domain.talks.types import IntervieweeCategory, TalkKind

MAX_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class OutlineTemplate:
    key: str  # the file name without .json
    name: str
    categories: tuple[IntervieweeCategory, ...]
    kinds: tuple[TalkKind, ...]  # empty: any kind not claimed by a kind-specific template
    questions: tuple[str, ...]


@dataclass
class Library:
    templates: list[OutlineTemplate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file: what is wrong"


def templates_dir() -> Path:
    return paths.resource("templates", "talk_outlines")


def load_library(folder: Path | None = None) -> Library:
    folder = folder or templates_dir()
    lib = Library()
    for path in sorted(folder.glob("*.json")):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("文件过大")
            data = json.loads(path.read_text("utf-8"))
            questions = tuple(str(q).strip() for q in data["questions"] if str(q).strip())
            if not questions:
                raise ValueError("没有问题")
            lib.templates.append(
                OutlineTemplate(
                    key=path.stem,
                    name=str(data.get("name") or path.stem),
                    categories=tuple(IntervieweeCategory(c) for c in data["categories"]),
                    kinds=tuple(TalkKind(k) for k in data.get("kinds", [])),
                    questions=questions,
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            lib.problems.append(f"{path.name}: {exc}")
    return lib


def templates_for(
    category: IntervieweeCategory | str, kind: TalkKind | str | None = None, *, folder: Path | None = None
) -> list[OutlineTemplate]:
    """The templates suiting this interviewee (and talk kind), kind-specific ones first."""
    category = IntervieweeCategory(category)
    kind = TalkKind(kind) if kind else None
    lib = load_library(folder)
    suits = [t for t in lib.templates if category in t.categories]
    specific = [t for t in suits if kind is not None and kind in t.kinds]
    claimed = {k for t in lib.templates for k in t.kinds}
    general = [t for t in suits if not t.kinds and (kind is None or kind not in claimed)]
    return specific + general


def outline_for(
    category: IntervieweeCategory | str, kind: TalkKind | str | None = None, *, folder: Path | None = None
) -> list[str]:
    """The questions of the best template for this interviewee, ready to edit; [] when none suits."""
    found = templates_for(category, kind, folder=folder)
    return list(found[0].questions) if found else []
