"""整改成效评估 (the assessment of the rectification) and the 回头看 (look-back) it may call for.

A template lists the scored items (each worth some of the 100 points; a veto item, 一票否决, worth
none), and the grade thresholds (好, 较好, 一般; below the last, 差). The office keeps templates; the
built-in one ships in resources/templates/assessment. An assessment of an inspection copies the
template as it is when it begins, then takes per item a deduction (0 … the item's points) with its
evidence, or for the veto item whether it applies. Its total is 100 less the deductions; a vetoed
assessment is 差 whatever the total. Concluding it fixes the total and the grade.

A grade of 一般 or 差 proposes the unit for a 回头看 (or the office proposes one for its own reasons);
scheduling it names the look-back inspection, which then sees the earlier inspection's issues,
measures and assessment (`earlier_view`, audited: a controlled disclosure to the look-back team),
and its findings link to the earlier issues as 反弹 (rebound) or 未整改到位 (incomplete), or are new.

The office assesses (Cap.ORG_MANAGE: the office's own act on the unit, not the team's); the
inspection's team reads it like its other records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from app import paths
from app.core.domain import _fields as f
from app.core.domain.register.issue_reads import visible_issue
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session

GRADES = ("好", "较好", "一般", "差")
PROPOSES_LOOKBACK = frozenset({"一般", "差"})
MAX_TEMPLATE_BYTES = 64 * 1024


class Relation(StrEnum):
    REBOUND = "rebound"
    INCOMPLETE = "incomplete"
    NEW = "new"

    @property
    def label(self) -> str:
        return {"rebound": "问题反弹", "incomplete": "未整改到位", "new": "新发现问题"}[self.value]


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    points: float
    veto: bool = False
    source: str = ""  # 'survey': filled from the satisfaction survey where there is one


@dataclass(frozen=True)
class Template:
    name: str
    items: tuple[Item, ...]
    thresholds: dict[str, float]  # 好 / 较好 / 一般 → the lowest total that earns it

    def grade(self, total: float, vetoed: bool) -> str:
        if vetoed:
            return "差"
        for grade in GRADES[:-1]:
            if total >= self.thresholds[grade]:
                return grade
        return "差"


@dataclass(frozen=True)
class Score:
    item: Item
    deduction: float
    vetoed: bool
    evidence: str


@dataclass(frozen=True)
class Assessment:
    id: str
    inspection_id: str
    unit_name: str
    template: Template
    scores: tuple[Score, ...]
    assessed_on: str | None
    total: float
    grade: str
    conclusion: str

    @property
    def concluded(self) -> bool:
        return self.assessed_on is not None

    @property
    def vetoed(self) -> bool:
        return any(s.vetoed for s in self.scores)


# ---- templates -----------------------------------------------------------------------------------


def parse_template(text: str) -> Template:
    """A template from its JSON; ValidationError naming what is wrong."""
    if len(text.encode("utf-8")) > MAX_TEMPLATE_BYTES:
        raise ValidationError("评估模板过大。", field="template")
    try:
        data = json.loads(text)
        items = tuple(
            Item(
                key=f.text(i["key"], "template", "评估项目代码", max_len=40),
                label=f.text(i["label"], "template", "评估项目", max_len=200),
                points=float(i.get("points", 0)),
                veto=bool(i.get("veto", False)),
                source=str(i.get("source", "")),
            )
            for i in data["items"]
        )
        thresholds = {g: float(data["thresholds"][g]) for g in GRADES[:-1]}
        name = f.text(data["name"], "template", "模板名称", max_len=60)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"评估模板格式不对：{exc}", field="template") from exc
    scored = [i for i in items if not i.veto]
    if abs(sum(i.points for i in scored) - 100) > 1e-6 or any(i.points <= 0 for i in scored):
        raise ValidationError("评估模板各计分项目的分值须为正数，合计 100 分。", field="template")
    if len({i.key for i in items}) != len(items):
        raise ValidationError("评估模板的项目代码不能重复。", field="template")
    if not thresholds["好"] > thresholds["较好"] > thresholds["一般"] > 0:
        raise ValidationError("评定等次的分数线须为“好”>“较好”>“一般”>0。", field="template")
    return Template(name, items, thresholds)


def builtin_template_text() -> str:
    return paths.resource("templates", "assessment", "rectification_effect.json").read_text(encoding="utf-8")


def _template_row(session: Session, name: str | None):
    conn = session.conn
    if name is None:
        builtin = parse_template(builtin_template_text())
        row = conn.execute(
            "SELECT id, body FROM assessment_templates WHERE name = ?", (builtin.name,)
        ).fetchone()
        if row is None:
            values = session.record_values()
            with session.transaction() as c:
                f.insert(
                    c,
                    "assessment_templates",
                    {**values, "name": builtin.name, "body": builtin_template_text()},
                )
            row = conn.execute(
                "SELECT id, body FROM assessment_templates WHERE id = ?", (values["id"],)
            ).fetchone()
        return row
    row = conn.execute("SELECT id, body FROM assessment_templates WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFound(f"找不到评估模板“{name}”。")
    return row


def save_template(session: Session, text: str) -> Template:
    """The office keeps a template (new, or replacing one of the same name)."""
    session.require(Cap.ORG_MANAGE)
    template = parse_template(text)
    values = session.record_values()
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO assessment_templates (id, created_at, updated_at, author_id, workstation_id, name, body)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (name) DO UPDATE SET body = excluded.body,"
            " updated_at = excluded.updated_at",
            (*values.values(), template.name, text),
        )
        session.audit("assessment_template_save", "assessment", "", template.name)
    return template


def stored_templates(session: Session) -> list[tuple[str, str]]:
    """The office's stored templates as (name, JSON text), by name (the editor's list)."""
    session.require(Cap.ORG_MANAGE)
    rows = session.conn.execute("SELECT name, body FROM assessment_templates ORDER BY name").fetchall()
    return [(r["name"], r["body"]) for r in rows]


# ---- assessments ---------------------------------------------------------------------------------


def _load(conn, assessment_row) -> Assessment:
    template = parse_template(assessment_row["template_body"])
    stored = {
        r["item_key"]: r
        for r in conn.execute(
            "SELECT item_key, deduction, vetoed, evidence FROM assessment_scores WHERE assessment_id = ?",
            (assessment_row["id"],),
        )
    }
    scores = tuple(
        Score(
            item=i,
            deduction=float(stored[i.key]["deduction"]) if i.key in stored else 0.0,
            vetoed=bool(stored[i.key]["vetoed"]) if i.key in stored else False,
            evidence=stored[i.key]["evidence"] if i.key in stored else "",
        )
        for i in template.items
    )
    total = round(100 - sum(s.deduction for s in scores), 2)
    vetoed = any(s.vetoed for s in scores)
    return Assessment(
        id=assessment_row["id"],
        inspection_id=assessment_row["inspection_id"],
        unit_name=assessment_row["unit_name"],
        template=template,
        scores=scores,
        assessed_on=assessment_row["assessed_on"],
        total=float(assessment_row["total"]) if assessment_row["total"] is not None else total,
        grade=assessment_row["grade"] or template.grade(total, vetoed),
        conclusion=assessment_row["conclusion"],
    )


_SELECT = (
    "SELECT a.id, a.inspection_id, a.template_body, a.assessed_on, a.total, a.grade, a.conclusion,"
    " u.name AS unit_name FROM assessments a JOIN inspections i ON i.id = a.inspection_id"
    " JOIN units u ON u.id = i.unit_id"
)


def assessment_of(session: Session, inspection_id: str) -> Assessment | None:
    """The inspection's assessment, if one was begun (audited)."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    row = session.conn.execute(f"{_SELECT} WHERE a.inspection_id = ?", (inspection_id,)).fetchone()
    session.audit("assessment_view", "inspection", inspection_id)
    return _load(session.conn, row) if row else None


def begin(session: Session, inspection_id: str, template_name: str | None = None) -> Assessment:
    """Begin the assessment of an inspection's rectification with a template (the built-in one)."""
    session.require(Cap.ORG_MANAGE)
    visibility.require_inspection_writable(session, inspection_id)
    if session.conn.execute("SELECT 1 FROM assessments WHERE inspection_id = ?", (inspection_id,)).fetchone():
        raise Conflict("该巡察的整改成效评估已经开始。")
    template = _template_row(session, template_name)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "assessments",
            {
                **values,
                "inspection_id": inspection_id,
                "template_id": template["id"],
                "template_body": template["body"],
            },
        )
        session.audit("assessment_begin", "inspection", inspection_id)
    return assessment_of(session, inspection_id)


def _open_assessment(session: Session, inspection_id: str) -> Assessment:
    session.require(Cap.ORG_MANAGE)
    visibility.require_inspection_writable(session, inspection_id)
    found = assessment_of(session, inspection_id)
    if found is None:
        raise NotFound("该巡察尚未开始整改成效评估。")
    if found.concluded:
        raise Conflict(f"整改成效评估已于 {found.assessed_on} 评定为“{found.grade}”，不能再修改。")
    return found


def score(
    session: Session,
    inspection_id: str,
    item_key: str,
    *,
    deduction: float = 0,
    vetoed: bool = False,
    evidence: str = "",
) -> Assessment:
    """One item's deduction (or, for the veto item, whether it applies) and its evidence."""
    found = _open_assessment(session, inspection_id)
    item = next((s.item for s in found.scores if s.item.key == item_key), None)
    if item is None:
        raise ValidationError(f"评估模板中没有项目“{item_key}”。", field="item_key")
    if item.veto:
        deduction = 0.0
    else:
        if vetoed:
            raise ValidationError(f"“{item.label}”不是否决项。", field="vetoed")
        try:
            deduction = float(deduction)
        except (TypeError, ValueError):
            raise ValidationError("扣分须为数字。", field="deduction") from None
        if not 0 <= deduction <= item.points or deduction != deduction:
            raise ValidationError(
                f"“{item.label}”的扣分须在 0 到 {item.points:g} 分之间。", field="deduction"
            )
    evidence = f.long_text(evidence, "evidence", "评分依据", required=bool(deduction or vetoed), max_len=2000)
    values = session.record_values()
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO assessment_scores (id, created_at, updated_at, author_id, workstation_id, assessment_id,"
            " item_key, deduction, vetoed, evidence) VALUES (?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (assessment_id, item_key) DO UPDATE SET deduction = excluded.deduction,"
            " vetoed = excluded.vetoed, evidence = excluded.evidence, updated_at = excluded.updated_at",
            (*values.values(), found.id, item_key, deduction, int(vetoed), evidence),
        )
        session.audit("assessment_score", "inspection", inspection_id, f"{item_key} 扣 {deduction:g} 分")
    return assessment_of(session, inspection_id)


def survey_score(session: Session, inspection_id: str) -> tuple[float, str] | None:
    """The latest 整改满意度 round of the inspection whose figures may be shown (enough forms): its mean
    score (0–100) over the grid's subjects and a line saying where it comes from; None without one."""
    from app.core.domain.evaluation import scoring, surveys

    for survey in reversed(surveys.list_surveys(session, inspection_id)):
        if "满意度" not in survey.form.name:
            continue
        for rnd in reversed(surveys.list_rounds(session, survey.id)):
            _survey, _round, results = scoring.round_results(session, rnd.id)
            scores = [s.score for g in results.grids for s in g.subjects if s.score is not None]
            if results.shown and scores:
                mean = sum(scores) / len(scores)
                return (
                    mean,
                    f"{survey.name}第{rnd.number}轮：有效表{results.forms}份，满意度综合得分{mean:.1f}分。",
                )
    return None


def fill_from_survey(session: Session, inspection_id: str) -> Assessment:
    """Score the template's survey item (source 'survey') from the satisfaction survey: the item's
    points less its share not satisfied, the survey round named as the evidence."""
    found = _open_assessment(session, inspection_id)
    item = next((s.item for s in found.scores if s.item.source == "survey"), None)
    if item is None:
        raise Conflict("评估模板中没有以满意度测评计分的项目。")
    got = survey_score(session, inspection_id)
    if got is None:
        raise Conflict("本巡察尚无可用的整改满意度测评结果（须有测评轮次，且有效表达到显示结果的份数）。")
    mean, evidence = got
    deduction = round(item.points * (1 - max(0.0, min(100.0, mean)) / 100), 1)
    return score(session, inspection_id, item.key, deduction=deduction, evidence=evidence)


def conclude(session: Session, inspection_id: str, assessed_on: str, conclusion: str) -> Assessment:
    """Fix the total and the grade; a grade of 一般 or 差 proposes the unit for a 回头看."""
    found = _open_assessment(session, inspection_id)
    assessed_on = f.iso_date(assessed_on, "assessed_on", "评定日期")
    conclusion = f.long_text(conclusion, "conclusion", "评估结论", max_len=4000)
    total = round(100 - sum(s.deduction for s in found.scores), 2)
    grade = found.template.grade(total, found.vetoed)
    with session.transaction() as conn:
        conn.execute(
            "UPDATE assessments SET assessed_on = ?, total = ?, grade = ?, conclusion = ?, updated_at = ? WHERE id = ?",
            (assessed_on, total, grade, conclusion, f.now(), found.id),
        )
        session.audit("assessment_conclude", "inspection", inspection_id, f"{total:g} 分，{grade}")
        if grade in PROPOSES_LOOKBACK:
            _propose(session, conn, inspection_id, f"整改成效评估为“{grade}”（{total:g} 分）。")
    return assessment_of(session, inspection_id)


# ---- 回头看 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookback:
    id: str
    unit_id: str
    unit_name: str
    earlier_inspection_id: str
    reason: str
    inspection_id: str | None


def _propose(session: Session, conn, inspection_id: str, reason: str) -> None:
    if conn.execute("SELECT 1 FROM lookbacks WHERE earlier_inspection_id = ?", (inspection_id,)).fetchone():
        return
    unit_id = conn.execute("SELECT unit_id FROM inspections WHERE id = ?", (inspection_id,)).fetchone()[0]
    f.insert(
        conn,
        "lookbacks",
        {
            **session.record_values(),
            "unit_id": unit_id,
            "earlier_inspection_id": inspection_id,
            "reason": reason,
        },
    )
    session.audit("lookback_propose", "inspection", inspection_id, reason[:60])


def propose_lookback(session: Session, inspection_id: str, reason: str) -> None:
    """The office proposes a 回头看 of the unit for its own reasons."""
    session.require(Cap.ORG_MANAGE)
    visibility.require_inspection_visible(session, inspection_id)
    reason = f.long_text(reason, "reason", "理由", max_len=500)
    with session.transaction() as conn:
        if conn.execute(
            "SELECT 1 FROM lookbacks WHERE earlier_inspection_id = ?", (inspection_id,)
        ).fetchone():
            raise Conflict("该单位已列入回头看。")
        _propose(session, conn, inspection_id, reason)


def lookbacks(session: Session) -> list[Lookback]:
    """The units proposed for a 回头看 and whether each is scheduled (the office's list)."""
    session.require(Cap.CASE_READ_ALL)
    rows = session.conn.execute(
        "SELECT l.id, l.unit_id, u.name AS unit_name, l.earlier_inspection_id, l.reason, l.inspection_id"
        " FROM lookbacks l JOIN units u ON u.id = l.unit_id ORDER BY l.created_at"
    ).fetchall()
    session.audit("lookbacks_view", "inspection", "", f"{len(rows)} 个单位")
    return [
        Lookback(
            r["id"], r["unit_id"], r["unit_name"], r["earlier_inspection_id"], r["reason"], r["inspection_id"]
        )
        for r in rows
    ]


def schedule_lookback(session: Session, lookback_id: str, inspection_id: str) -> None:
    """Name the look-back inspection (same unit, a look-back round, a later round than the earlier one)."""
    session.require(Cap.ORG_MANAGE)
    row = session.conn.execute(
        "SELECT l.unit_id, l.inspection_id, e.round_id AS earlier_round FROM lookbacks l"
        " JOIN inspections e ON e.id = l.earlier_inspection_id WHERE l.id = ?",
        (lookback_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该回头看安排。")
    if row["inspection_id"]:
        raise Conflict("该回头看已安排。")
    target = session.conn.execute(
        "SELECT i.unit_id, r.kind, r.number, e.number AS earlier_number FROM inspections i"
        " JOIN rounds r ON r.id = i.round_id JOIN rounds e ON e.id = ? WHERE i.id = ?",
        (row["earlier_round"], inspection_id),
    ).fetchone()
    if target is None:
        raise NotFound("找不到该巡察。")
    if target["unit_id"] != row["unit_id"]:
        raise ValidationError("回头看须针对同一被巡察单位。", field="inspection_id")
    if target["kind"] != "look_back":
        raise ValidationError("回头看须安排在“回头看”轮次。", field="inspection_id")
    with session.transaction() as conn:
        conn.execute(
            "UPDATE lookbacks SET inspection_id = ?, updated_at = ? WHERE id = ?",
            (inspection_id, f.now(), lookback_id),
        )
        session.audit("lookback_schedule", "inspection", inspection_id)


@dataclass(frozen=True)
class EarlierIssue:
    id: str
    number: str | None
    title: str
    status: str
    measures: tuple[tuple[str, str, str], ...]  # (description, deadline, completion)


@dataclass(frozen=True)
class EarlierView:
    earlier_inspection_id: str
    unit_name: str
    round_number: int
    issues: tuple[EarlierIssue, ...]
    grade: str
    total: float | None


def earlier_view(session: Session, inspection_id: str) -> EarlierView:
    """What a look-back inspection sees of the earlier one: issues, measures, the assessment.

    Open to whoever sees the look-back inspection; audited as a disclosure. Leads, petitions and
    talks of the earlier inspection stay within their own need-to-know."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    row = session.conn.execute(
        "SELECT l.earlier_inspection_id, u.name AS unit_name, r.number AS round_number FROM lookbacks l"
        " JOIN inspections e ON e.id = l.earlier_inspection_id JOIN units u ON u.id = e.unit_id"
        " JOIN rounds r ON r.id = e.round_id WHERE l.inspection_id = ?",
        (inspection_id,),
    ).fetchone()
    if row is None:
        raise NotFound("该巡察不是回头看，或尚未关联原巡察。")
    earlier = row["earlier_inspection_id"]
    issues = []
    for i in session.conn.execute(
        "SELECT id, number, title, status FROM issues WHERE inspection_id = ? AND status != 'dismissed'"
        " ORDER BY number_sort",
        (earlier,),
    ):
        measures = tuple(
            (m["description"], m["deadline"], m["completion"])
            for m in session.conn.execute(
                "SELECT m.description, m.deadline, m.completion FROM rectification_measures m"
                " JOIN rectifications r ON r.id = m.rectification_id WHERE r.issue_id = ? ORDER BY m.ordinal",
                (i["id"],),
            )
        )
        issues.append(EarlierIssue(i["id"], i["number"], i["title"], i["status"], measures))
    a = session.conn.execute(
        "SELECT grade, total FROM assessments WHERE inspection_id = ?", (earlier,)
    ).fetchone()
    session.audit("lookback_earlier_view", "inspection", inspection_id, f"原巡察问题 {len(issues)} 个")
    return EarlierView(
        earlier, row["unit_name"], int(row["round_number"]), tuple(issues),
        a["grade"] if a else "", float(a["total"]) if a and a["total"] is not None else None,
    )  # fmt: skip


def link_finding(
    session: Session, issue_id: str, relation: Relation | str, earlier_issue_id: str | None = None
) -> None:
    """Tie a look-back finding to the earlier issue it is about (反弹, 未整改到位), or mark it new."""
    issue = visible_issue(session, issue_id)
    visibility.require_inspection_writable(session, issue.inspection_id)
    relation = f.choice(Relation, relation, "relation", "与原问题的关系")
    view = earlier_view(session, issue.inspection_id)
    if relation == Relation.NEW:
        earlier_issue_id = None
    elif earlier_issue_id not in {i.id for i in view.issues}:
        raise ValidationError("请选择原巡察中的问题。", field="earlier_issue_id")
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO lookback_links (id, created_at, updated_at, author_id, workstation_id, issue_id,"
            " earlier_issue_id, relation) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (issue_id) DO UPDATE SET"
            " earlier_issue_id = excluded.earlier_issue_id, relation = excluded.relation, updated_at = excluded.updated_at",
            (*session.record_values().values(), issue_id, earlier_issue_id, relation.value),
        )
        session.audit("lookback_link", "issue", issue_id, relation.label)


def findings_by_relation(session: Session, inspection_id: str) -> dict[Relation, list[str]]:
    """The look-back's findings by how they relate to the earlier issues (issue ids)."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    out: dict[Relation, list[str]] = {r: [] for r in Relation}
    for r in session.conn.execute(
        "SELECT k.issue_id, k.relation FROM lookback_links k JOIN issues i ON i.id = k.issue_id"
        " WHERE i.inspection_id = ? ORDER BY i.number_sort",
        (inspection_id,),
    ):
        out[Relation(r["relation"])].append(r["issue_id"])
    return out
