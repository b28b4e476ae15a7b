"""Citing a round's results as evidence in a working paper (证据：测评结果).

An evidence item of kind `evaluation` points to a round (eval_rounds, which names its inspection, so
the evidence list's own check keeps it within the issue's inspection); its locator names the figure
(e.g. "王建国·廉 差评 30%"). `citable_rounds` lists the rounds an issue of the inspection may cite,
`cited_text` gives the round's figures as plain text for reading the evidence (a group below the
minimum number of forms gives none).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.evaluation import scoring
from app.core.domain.evaluation.surveys import list_rounds, list_surveys
from app.core.session import Session


@dataclass
class Citable:
    round_id: str
    text: str


def citable_rounds(session: Session, inspection_id: str) -> list[Citable]:
    out = []
    for survey in list_surveys(session, inspection_id):
        for rnd in list_rounds(session, survey.id):
            purpose = f"（{rnd.purpose}）" if rnd.purpose else ""
            out.append(
                Citable(rnd.id, f"{survey.name} 第{rnd.number}轮{purpose} {rnd.held_on or ''}".strip())
            )
    return out


def cited_text(session: Session, round_id: str) -> tuple[str, str]:
    """(title, text) of a cited round: its scores and question shares. Viewing is audited."""
    survey, rnd, results = scoring.round_results(session, round_id)
    title = f"{survey.name} 第{rnd.number}轮"
    lines = [title, f"印发 {rnd.printed} 份，回收 {rnd.returned} 份，有效 {results.forms} 份。", ""]
    if not results.shown:
        lines.append(f"有效表不足 {results.min_forms} 份，不显示结果。")
        return title, "\n".join(lines)
    for g in results.grids:
        lines.append(g.section.text)
        for s in g.subjects:
            cells = "；".join(
                f"{c.dimension.label} {g.section.good.label}{c.share_good:.0%} {g.section.poor.label}{c.share_poor:.0%}"
                for c in s.cells
            )
            lines.append(f"  {s.subject.name}：综合得分 {scoring_text(s.score)}（{cells}）")
    for q in results.questions:
        shares = "，".join(f"{scoring.option_label(q.section, k)} {v:.0%}" for k, v in q.shares.items())
        lines.append(f"{q.section.text} {shares}")
    return title, "\n".join(lines)


def scoring_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"
