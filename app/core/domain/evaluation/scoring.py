"""Scoring a round (测评结果): per person and dimension, per question, and comparisons.

- A grid cell (person × dimension): the count of each grade, the share of 好 (the first grade) and of
  差 (the scored grade with the fewest points), and its score: the mean points of the answers that
  carry points (不了解 carries none). A person's score weighs the dimensions' scores by the
  template's weights.
- A question: counts and shares of each option (a multiple choice's shares add up to more than 1),
  with the detail answers written under 有问题 listed; free-text answers are listed. Both are sorted,
  never in sheet order, and carry no serial.
- Results of a group are shown only when at least `min_forms` forms were counted (survey setting,
  5 by default); below that, `shown` is False and no figure is given.

Only counted sheets (settled by keyboard, blind re-entry or review) enter the figures. `tally` is the
pure computation over a list of answer dicts; `round_results` reads a round (audited).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.evaluation.model import Dimension, Form, Option, Section, Subject
from app.core.domain.evaluation.surveys import Round, Survey, get_round, get_survey, list_rounds
from app.core.security import visibility
from app.core.session import Session


@dataclass
class CellResult:
    dimension: Dimension
    counts: dict[str, int]
    answered: int
    share_good: float
    share_poor: float
    score: float | None


@dataclass
class SubjectResult:
    subject: Subject
    cells: list[CellResult]
    score: float | None


@dataclass
class GridResult:
    section: Section
    subjects: list[SubjectResult]


@dataclass
class QuestionResult:
    section: Section
    counts: dict[str, int]
    answered: int
    shares: dict[str, float]
    details: list[str] = field(default_factory=list)


@dataclass
class TextResult:
    section: Section
    texts: list[str]


@dataclass
class Results:
    forms: int
    shown: bool
    min_forms: int
    grids: list[GridResult] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)
    texts: list[TextResult] = field(default_factory=list)

    def subject_score(self, name: str) -> float | None:
        for g in self.grids:
            for s in g.subjects:
                if s.subject.name == name:
                    return s.score
        return None


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def _cell(section: Section, d: Dimension, values: list[str]) -> CellResult:
    counts = {o.key: 0 for o in section.options}
    for v in values:
        if v in counts:
            counts[v] += 1
    answered = sum(counts.values())
    points = {o.key: o.points for o in section.options}
    scored = [(points[k], n) for k, n in counts.items() if points[k] is not None and n]
    weight = sum(n for _, n in scored)
    score = sum(p * n for p, n in scored) / weight if weight else None
    return CellResult(
        d,
        counts,
        answered,
        _share(counts[section.good.key], answered),
        _share(counts[section.poor.key], answered),
        score,
    )


def _weighted(cells: list[CellResult]) -> float | None:
    pairs = [(c.dimension.weight, c.score) for c in cells if c.score is not None]
    total = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / total if total else None


def tally(form: Form, sheets: list[dict[str, str]], min_forms: int = 5) -> Results:
    """The figures of a group of sheets' answers (see the module notes)."""
    results = Results(len(sheets), len(sheets) >= min_forms, min_forms)
    if not results.shown:
        return results
    for s in form.sections:
        if s.is_grid:
            subjects = []
            for n, subject in enumerate(s.subjects, start=1):
                cells = [
                    _cell(s, d, [a.get(f"{s.key}.{n}.{d.key}", "") for a in sheets]) for d in s.dimensions
                ]
                subjects.append(SubjectResult(subject, cells, _weighted(cells)))
            results.grids.append(GridResult(s, subjects))
        elif s.type in ("single", "multiple"):
            counts = {o.key: 0 for o in s.options}
            answered = 0
            details = []
            for a in sheets:
                chosen = [c for c in a.get(s.key, "").split(",") if c in counts]
                answered += bool(chosen)
                for c in chosen:
                    counts[c] += 1
                if a.get(f"{s.key}.detail", "").strip():
                    details.append(a[f"{s.key}.detail"].strip())
            shares = {k: _share(n, answered) for k, n in counts.items()}
            results.questions.append(QuestionResult(s, counts, answered, shares, sorted(details)))
        else:
            results.texts.append(
                TextResult(s, sorted(a[s.key].strip() for a in sheets if a.get(s.key, "").strip()))
            )
    return results


def counted_answers(conn, round_id: str) -> list[dict[str, str]]:
    """The answers of the round's counted sheets, in no particular order (no serial)."""
    sheets: dict[str, dict[str, str]] = {}
    for r in conn.execute(
        "SELECT s.id AS sheet, a.item_key, a.value FROM eval_sheets s LEFT JOIN eval_answers a ON a.sheet_id = s.id"
        " WHERE s.round_id = ? AND s.status = 'counted' ORDER BY s.id",
        (round_id,),
    ):
        answers = sheets.setdefault(r["sheet"], {})
        if r["item_key"] is not None:
            answers[r["item_key"]] = r["value"]
    return list(sheets.values())


def round_results(session: Session, round_id: str, *, audit: bool = True) -> tuple[Survey, Round, Results]:
    """A round's figures (need to know: the inspection's team and the office). Viewing is audited."""
    rnd = get_round(session, round_id)
    survey = get_survey(session, rnd.survey_id)
    results = tally(survey.form, counted_answers(session.conn, round_id), survey.min_forms)
    if audit:
        session.audit("eval_results_view", "eval_round", round_id, f"{results.forms} 份有效表")
    return survey, rnd, results


@dataclass
class ComparisonRow:
    label: str  # "第1轮（动员会）" or a unit's name
    forms: int
    scores: dict[str, float | None]  # subject name -> score ("" for the mean of all)


def _row(label: str, results: Results) -> ComparisonRow:
    scores: dict[str, float | None] = {}
    if results.shown:
        for g in results.grids:
            for s in g.subjects:
                scores[s.subject.name] = s.score
        values = [v for v in scores.values() if v is not None]
        scores[""] = sum(values) / len(values) if values else None
    return ComparisonRow(label, results.forms, scores)


def compare_rounds(session: Session, survey_id: str) -> list[ComparisonRow]:
    """Each round of the survey: its forms and scores (a group below the minimum shows none)."""
    survey = get_survey(session, survey_id)
    rows = []
    for rnd in list_rounds(session, survey_id):
        results = tally(survey.form, counted_answers(session.conn, rnd.id), survey.min_forms)
        rows.append(_row(f"第{rnd.number}轮" + (f"（{rnd.purpose}）" if rnd.purpose else ""), results))
    return rows


def compare_units(session: Session, round_id: str) -> list[ComparisonRow]:
    """The same template's latest round in the other inspections of the inspection round that this
    session may see (the office: every unit; a team: its own)."""
    rnd = get_round(session, round_id)
    survey = get_survey(session, rnd.survey_id)
    where, params = visibility.inspection_filter_sql(session, "v.inspection_id")
    template = session.conn.execute(
        "SELECT template_id FROM eval_surveys WHERE id = ?", (survey.id,)
    ).fetchone()[0]
    rows = session.conn.execute(
        "SELECT v.id AS survey_id, u.name AS unit, max(r.number) AS number, v.min_forms FROM eval_surveys v"
        " JOIN inspections i ON i.id = v.inspection_id JOIN units u ON u.id = i.unit_id"
        " JOIN eval_rounds r ON r.survey_id = v.id"
        f" WHERE v.template_id IS ? AND i.round_id = (SELECT round_id FROM inspections WHERE id = ?) AND {where}"
        " GROUP BY v.id ORDER BY u.name",
        (template, survey.inspection_id, *params),
    ).fetchall()
    out = []
    for r in rows:
        other = get_survey(session, r["survey_id"])
        latest = session.conn.execute(
            "SELECT id FROM eval_rounds WHERE survey_id = ? AND number = ?", (r["survey_id"], r["number"])
        ).fetchone()[0]
        out.append(_row(r["unit"], tally(other.form, counted_answers(session.conn, latest), other.min_forms)))
    return out


def option_label(section: Section, key: str) -> str:
    return next((o.label for o in section.options if o.key == key), key)


def grade_labels(section: Section) -> list[Option]:
    return list(section.options)
