"""The work plan (巡察工作方案) as an official document in the GB/T 9704 layout.

The text is built from the version: the preamble, then "一、巡察目的", "二、巡察重点" (each focus a
"（一）" item), "三、时间安排" (each phase "（一）name（dates）。tasks"), "四、组织分工" (each group with
its leader, members and duties), "五、工作要求" when the plan has some; the issuer and the date close it.
"""

from __future__ import annotations

from app.core.domain.work_plan.types import WorkPlan
from app.core.printing import gbt9704
from app.core.printing.briefings import chinese_ordinal
from app.core.printing.talk_record import chinese_date


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；：" else text + "。"


def plan_body(plan: WorkPlan) -> str:
    paras = [
        f"根据市委巡察工作安排，{plan.team_name}对{plan.unit_name}党组织开展巡察。"
        "为确保巡察工作有序开展，制定本方案。"
    ]
    sections: list[tuple[str, list[str]]] = []
    sections.append(("巡察目的", [_sentence(line) for line in plan.aims.splitlines() if line.strip()]))
    sections.append(
        ("巡察重点", [f"（{chinese_ordinal(k)}）{_sentence(x)}" for k, x in enumerate(plan.focus, start=1)])
    )
    sections.append(
        (
            "时间安排",
            [
                f"（{chinese_ordinal(k)}）{p.name}（{chinese_date(p.start)}至{chinese_date(p.end)}）。"
                + _sentence(p.tasks)
                for k, p in enumerate(plan.schedule, start=1)
            ],
        )
    )
    groups = []
    for k, g in enumerate(plan.groups, start=1):
        text = f"（{chinese_ordinal(k)}）{g.name}。"
        if g.members:
            text += f"组长：{g.members[0].name}"
            if len(g.members) > 1:
                text += "；成员：" + "、".join(m.name for m in g.members[1:])
            text += "。"
        groups.append(text + _sentence(g.duties))
    sections.append(("组织分工", groups))
    if plan.note.strip():
        sections.append(("工作要求", [_sentence(line) for line in plan.note.splitlines() if line.strip()]))
    for k, (title, lines) in enumerate([s for s in sections if s[1]], start=1):
        paras.append(f"{chinese_ordinal(k)}、{title}")
        paras.extend(lines)
    return "\n".join(paras)


def plan_text(plan: WorkPlan, issuer: str, classification: str) -> gbt9704.OfficialText:
    return gbt9704.OfficialText(
        title=plan.heading,
        body=plan_body(plan),
        issuer=plan.issuer or issuer,
        issued_on=plan.issued_on,
        classification=classification,
    )
