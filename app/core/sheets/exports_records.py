"""Excel lists of the records added with issue 20: meetings, visits, the talk plan, the briefings
before entry, the team log (the exporters that app.core.sheets.exports names in its builders)."""

from __future__ import annotations

from app.core.domain.meetings import queries as meetings
from app.core.domain.talk_plan import queries as talk_plan
from app.core.domain.talk_plan.types import LineState
from app.core.sheets.ticker import _Ticker
from app.core.sheets.workbook import Col, as_date


def _meetings(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = sorted(meetings.list_meetings(session, inspection_id), key=lambda m: m.number)
    cols = [
        Col("编号", 8, "center"),
        Col("会议类型", 10, "center"),
        Col("会议名称", 36),
        Col("会议日期", 12, "date"),
        Col("时间", 8, "center"),
        Col("地点", 22),
        Col("主持人", 10, "center"),
        Col("参会人数", 9, "number"),
        Col("附件数", 8, "number"),
        Col("密级", 8, "center"),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for m in rows:
        sheet.append(
            [
                f"第{m.number}号",
                m.kind.label,
                m.heading,
                as_date(m.held_on),
                m.start_time,
                m.place,
                m.chair,
                m.attendee_count,
                m.attachment_count,
                m.classification,
            ]
        )
        ticker.tick()
    return len(rows)


def _visits(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    from app.core.domain.visits import records as visits

    rows = sorted(visits.list_visits(session, inspection_id), key=lambda v: v.number)
    cols = [
        Col("编号", 8, "center"),
        Col("走访类型", 10, "center"),
        Col("走访日期", 12, "date"),
        Col("走访地点", 24),
        Col("走访对象", 20),
        Col("走访人员", 20),
        Col("接触人员", 24),
        Col("了解情况", 50),
        Col("附件数", 8, "number"),
        Col("密级", 8, "center"),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for v in rows:
        sheet.append(
            [
                f"第{v.number}号",
                v.kind.label,
                as_date(v.visited_on),
                v.place,
                v.visited,
                "、".join(v.members),
                "、".join(v.met),
                v.observations,
                len(v.attachments),
                v.classification,
            ]
        )
        ticker.tick()
    return len(rows)


def _talk_plan(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = talk_plan.list_plan(session, inspection_id, today=on)
    cols = [
        Col("序号", 6, "center"),
        Col("类别", 8, "center", ("必谈", "选谈")),
        Col("被谈话人", 10, "center"),
        Col("单位", 18),
        Col("职务", 22),
        Col("人员类别", 16, "center"),
        Col("谈话人", 18, "center"),
        Col("计划日期", 12, "date"),
        Col("时间", 8, "center"),
        Col("地点", 20),
        Col("状态", 14, "center"),
        Col("谈话记录", 14, "center"),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for k, line in enumerate(rows, start=1):
        sheet.append(
            [
                k,
                line.must_label,
                line.name,
                line.unit,
                line.position,
                line.category.label,
                "、".join(p.name for p in line.interviewers),
                as_date(line.planned_at),
                line.planned_at[11:16],
                line.place,
                line.state_text,
                "、".join(f"第{t.number}号" for t in line.talks),
            ],
            alert=line.state is LineState.MISSING,
        )
        ticker.tick()
    return len(rows)


def _briefings(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    from app.core.domain.briefings.queries import visible_requests

    requests = visible_requests(session, inspection_id)
    cols = [
        Col("编号", 12, "center"),
        Col("通报单位", 16, "center"),
        Col("发函日期", 12, "date"),
        Col("复函日期", 12, "date"),
        Col("来源", 16, "center"),
        Col("通报内容", 60),
        Col("分类", 24),
        Col("线索类", 8, "center", ("是", "否")),
        Col("附件数", 8, "number"),
        Col("密级", 8, "center"),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    total = sum(max(1, len(r.items)) for r in requests)
    ticker = _Ticker(total, progress, cancel)
    rows = 0
    for r in requests:
        for x in r.items or [None]:
            sheet.append(
                [
                    x.reference.removeprefix("情况通报 ") if x else f"第{r.number}号",
                    r.department,
                    as_date(r.requested_on),
                    as_date(r.answered_on or None),
                    x.source if x else "",
                    x.content if x else "（尚无通报内容）",
                    x.category if x else "",
                    ("是" if x.is_lead else "否") if x else "",
                    len(x.attachments) if x else 0,
                    x.classification if x else r.classification,
                ]
            )
            rows += 1
            ticker.tick()
    return rows


def _team_log(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    from app.core.domain.team_log.queries import log_lines

    lines = log_lines(session, inspection_id)
    cols = [
        Col("日期", 12, "date"),
        Col("时间", 8, "center"),
        Col("类别", 10, "center"),
        Col("工作内容", 70),
        Col("人员", 20),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(lines), progress, cancel)
    for x in lines:
        sheet.append([as_date(x.on), x.time, x.source.label, x.text, x.by])
        ticker.tick()
    return len(lines)
