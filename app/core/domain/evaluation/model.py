"""The form of an evaluation or questionnaire (测评表、问卷): its sections, items, boxes and answers.

A template body is JSON (the built-in library in resources/templates/evaluation/, the office's own
copies in the database). Sections, in order:

- `grid`: subjects (rows: the leadership team, or the people of the unit's leadership list) ×
  dimensions (德、能、勤、绩、廉 …, each with a weight) × grades (好 / 较好 / 一般 / 差, each with points,
  `null` points for 不了解, left out of the score). One answer per subject and dimension.
- `single` / `multiple`: a question with options; `detail_on` names the options (such as 有问题)
  that open a detail box for written text.
- `text`: free text (ruled lines).

`parse_body` checks a body and gives a `Form`; its `items()` are what is answered, each with a key:
grid cells `section.subject.dimension`, questions `section`, detail `section.detail`, text `section`.
Answers are a dict from item key to a value: an option key ("A"), options joined ("A,C") for a
multiple choice, or text. `check_answers` validates a sheet's answers against the form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.core.domain import _fields as f
from app.core.errors import ValidationError


class FormKind(StrEnum):
    EVALUATION = "evaluation"  # 民主测评
    QUESTIONNAIRE = "questionnaire"  # 问卷调查

    @property
    def label(self) -> str:
        return {"evaluation": "民主测评", "questionnaire": "问卷调查"}[self.value]


SECTION_TYPES = ("grid", "single", "multiple", "text")
MAX_SUBJECTS = 40
MAX_SECTIONS = 60
MAX_OPTIONS = 8


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    points: float | None = None  # grids only: None for 不了解 (left out of the score)


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    weight: float


@dataclass(frozen=True)
class Subject:
    name: str
    position: str = ""


@dataclass(frozen=True)
class Section:
    type: str
    key: str
    text: str  # the question, or the grid's title
    options: tuple[Option, ...] = ()  # choices; a grid's grades
    dimensions: tuple[Dimension, ...] = ()
    subjects: tuple[Subject, ...] = ()
    subjects_from: str = ""  # "team" or "people": how a copy fills the subjects
    detail_on: tuple[str, ...] = ()
    detail_label: str = ""
    lines: int = 3

    @property
    def is_grid(self) -> bool:
        return self.type == "grid"

    @property
    def good(self) -> Option:
        """The best grade (好): the first."""
        return self.options[0]

    @property
    def poor(self) -> Option:
        """The worst graded option (差): the scored grade with the fewest points."""
        scored = [o for o in self.options if o.points is not None]
        return min(scored, key=lambda o: o.points) if scored else self.options[-1]


@dataclass(frozen=True)
class Item:
    """One thing answered on a sheet."""

    key: str
    kind: str  # "single" (grid cells too), "multiple", "text"
    section: Section
    options: tuple[Option, ...] = ()
    subject: Subject | None = None
    dimension: Dimension | None = None
    label: str = ""


@dataclass(frozen=True)
class Form:
    name: str
    kind: FormKind
    instructions: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def items(self) -> list[Item]:
        out: list[Item] = []
        for s in self.sections:
            if s.is_grid:
                for k, subject in enumerate(s.subjects, start=1):
                    for d in s.dimensions:
                        out.append(
                            Item(
                                f"{s.key}.{k}.{d.key}",
                                "single",
                                s,
                                s.options,
                                subject,
                                d,
                                f"{subject.name}·{d.label}",
                            )
                        )
            elif s.type in ("single", "multiple"):
                out.append(Item(s.key, s.type, s, s.options, label=s.text))
                if s.detail_on:
                    out.append(Item(f"{s.key}.detail", "text", s, label=s.detail_label or "具体问题"))
            else:
                out.append(Item(s.key, "text", s, label=s.text))
        return out

    def choice_items(self) -> list[Item]:
        return [i for i in self.items() if i.kind != "text"]

    def item(self, key: str) -> Item:
        for i in self.items():
            if i.key == key:
                return i
        raise ValidationError(f"表中没有第“{key}”项。", field="answers")


def _key(value: Any, where: str) -> str:
    text = str(value or "").strip()
    if not text or len(text) > 12 or not all(c.isascii() and (c.isalnum() or c == "_") for c in text):
        raise ValidationError(f"{where}的代码须为 1 至 12 位字母、数字或下划线。", field="body")
    return text


def _label(value: Any, field_name: str, where: str, max_len: int = 200) -> str:
    return f.text(value, field_name, where, max_len=max_len)


def _options(raw: Any, where: str, *, graded: bool) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_OPTIONS:
        raise ValidationError(f"{where}须有 2 至 {MAX_OPTIONS} 个选项。", field="body")
    out = []
    for o in raw:
        if not isinstance(o, dict):
            raise ValidationError(f"{where}的选项格式不对。", field="body")
        points = None
        if graded and o.get("points") is not None:
            points = o["points"]
            if isinstance(points, bool) or not isinstance(points, int | float) or not 0 <= points <= 100:
                raise ValidationError(f"{where}的分值须在 0 到 100 之间。", field="body")
            points = float(points)
        out.append(
            Option(_key(o.get("key"), where), _label(o.get("label"), "body", f"{where}的选项", 20), points)
        )
    if len({o.key for o in out}) != len(out):
        raise ValidationError(f"{where}的选项代码重复。", field="body")
    return tuple(out)


def _subjects(raw: Any, where: str) -> tuple[Subject, ...]:
    if raw in (None, "team", "people"):
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_SUBJECTS:
        raise ValidationError(f"{where}的测评对象至多 {MAX_SUBJECTS} 个。", field="body")
    return tuple(
        Subject(
            _label(s.get("name"), "body", "测评对象姓名", 30),
            f.text(s.get("position"), "body", "职务", required=False, max_len=40),
        )
        for s in raw
        if isinstance(s, dict)
    )


def parse_body(body: str | dict) -> Form:
    """Check a template body (JSON text or its dict) and give its Form; ValidationError naming the part."""
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            raise ValidationError("测评表内容不是有效的 JSON。", field="body") from None
    if not isinstance(body, dict):
        raise ValidationError("测评表内容格式不对。", field="body")
    name = _label(body.get("name"), "name", "表名", 60)
    kind = f.choice(FormKind, body.get("kind"), "kind", "表的类别")
    instructions = f.long_text(
        body.get("instructions"), "instructions", "填表说明", required=False, max_len=400
    )
    raw_sections = body.get("sections")
    if not isinstance(raw_sections, list) or not 1 <= len(raw_sections) <= MAX_SECTIONS:
        raise ValidationError(f"测评表须有 1 至 {MAX_SECTIONS} 个部分。", field="sections")
    sections: list[Section] = []
    for n, s in enumerate(raw_sections, start=1):
        where = f"第{n}部分"
        if not isinstance(s, dict) or s.get("type") not in SECTION_TYPES:
            raise ValidationError(f"{where}的类型须为评价表格、单选题、多选题或文字题。", field="sections")
        key = _key(s.get("key"), where)
        kind_ = s["type"]
        text = _label(s.get("text") or s.get("title"), "sections", f"{where}的题目")
        if kind_ == "grid":
            dims = s.get("dimensions")
            if not isinstance(dims, list) or not 1 <= len(dims) <= 8:
                raise ValidationError(f"{where}须有 1 至 8 个测评维度。", field="sections")
            dimensions = []
            for d in dims:
                weight = d.get("weight", 1) if isinstance(d, dict) else None
                if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 100:
                    raise ValidationError(f"{where}的维度权重须在 0 到 100 之间。", field="sections")
                dimensions.append(
                    Dimension(
                        _key(d.get("key"), where),
                        _label(d.get("label"), "sections", "维度名称", 12),
                        float(weight),
                    )
                )
            if len({d.key for d in dimensions}) != len(dimensions) or not sum(d.weight for d in dimensions):
                raise ValidationError(f"{where}的维度代码重复或权重全为 0。", field="sections")
            grades = _options(s.get("grades"), where, graded=True)
            if len(dimensions) * len(grades) > 24:
                raise ValidationError(
                    f"{where}的维度数与等次数之积不能超过 24（一行放不下）。", field="sections"
                )
            raw_from = s.get("subjects_from") or s.get("subjects")
            subjects_from = raw_from if raw_from in ("team", "people") else ""
            subjects = _subjects(s.get("subjects"), where)
            if subjects_from == "team" and not subjects:
                subjects = (Subject("领导班子"),)
            sections.append(Section("grid", key, text, grades, tuple(dimensions), subjects, subjects_from))
        elif kind_ in ("single", "multiple"):
            options = _options(s.get("options"), where, graded=False)
            detail_on = tuple(str(k) for k in s.get("detail_on") or ())
            if any(k not in {o.key for o in options} for k in detail_on):
                raise ValidationError(f"{where}的“需写明情况”的选项不存在。", field="sections")
            detail_label = f.text(s.get("detail_label"), "sections", "说明栏提示", required=False, max_len=60)
            sections.append(
                Section(kind_, key, text, options, detail_on=detail_on, detail_label=detail_label)
            )
        else:
            lines = f.integer(s.get("lines", 3), "sections", f"{where}的行数", minimum=1, maximum=10)
            sections.append(Section("text", key, text, lines=lines))
    if len({s.key for s in sections}) != len(sections):
        raise ValidationError("测评表各部分的代码重复。", field="sections")
    return Form(name, kind, instructions, tuple(sections))


def form_to_body(form: Form) -> dict:
    """The JSON body of a form (the inverse of parse_body), with its subjects filled in."""
    sections = []
    for s in form.sections:
        if s.is_grid:
            sections.append(
                {
                    "type": "grid",
                    "key": s.key,
                    "title": s.text,
                    "subjects": [{"name": p.name, "position": p.position} for p in s.subjects]
                    or s.subjects_from,
                    "subjects_from": s.subjects_from,
                    "dimensions": [
                        {"key": d.key, "label": d.label, "weight": d.weight} for d in s.dimensions
                    ],
                    "grades": [{"key": o.key, "label": o.label, "points": o.points} for o in s.options],
                }
            )
        elif s.type in ("single", "multiple"):
            sections.append(
                {
                    "type": s.type,
                    "key": s.key,
                    "text": s.text,
                    "options": [{"key": o.key, "label": o.label} for o in s.options],
                    "detail_on": list(s.detail_on),
                    "detail_label": s.detail_label,
                }
            )
        else:
            sections.append({"type": "text", "key": s.key, "text": s.text, "lines": s.lines})
    return {
        "name": form.name,
        "kind": form.kind.value,
        "instructions": form.instructions,
        "sections": sections,
    }


def with_subjects(form: Form, people: list[Subject]) -> Form:
    """The form with every `people` grid filled with the given people (a copy for one inspection)."""
    sections = []
    for s in form.sections:
        if s.is_grid and s.subjects_from == "people":
            s = Section(
                s.type, s.key, s.text, s.options, s.dimensions, tuple(people[:MAX_SUBJECTS]), s.subjects_from
            )
        sections.append(s)
    return Form(form.name, form.kind, form.instructions, tuple(sections))


def check_answers(form: Form, answers: dict) -> dict[str, str]:
    """A sheet's answers, validated: known items, known options, one option for a single choice."""
    if not isinstance(answers, dict):
        raise ValidationError("答案格式不对。", field="answers")
    items = {i.key: i for i in form.items()}
    out: dict[str, str] = {}
    for key, value in answers.items():
        item = items.get(key)
        if item is None:
            raise ValidationError(f"表中没有第“{key}”项。", field="answers")
        if value is None or value == "" or value == []:
            continue
        if item.kind == "text":
            out[key] = f.long_text(value, "answers", item.label[:20] or "文字意见", max_len=1000)
            continue
        chosen = value if isinstance(value, list | tuple) else str(value).split(",")
        chosen = [str(c).strip() for c in chosen if str(c).strip()]
        keys = [o.key for o in item.options]
        bad = [c for c in chosen if c not in keys]
        if bad:
            raise ValidationError(f"“{item.label[:30]}”没有选项“{bad[0]}”。", field="answers")
        if item.kind == "single" and len(chosen) > 1:
            raise ValidationError(f"“{item.label[:30]}”只能选一项。", field="answers")
        out[key] = ",".join(k for k in keys if k in chosen)
    return out
