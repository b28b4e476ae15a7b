"""Demo visits, spot checks and fixes on the spot (issue 20): for every demo inspection on site or
later, two visits (a subordinate unit with a photo and a ledger, and households), a spot check of the
top leader's personal-matters report by the team's leader, and one issue fixed on the spot with what
the unit did and a proof photo. Everything goes through the ordinary core operations."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.domain.register import immediate_fix, issue_edits
from app.core.domain.register.issue_record import IssueDraft
from app.core.domain.spot_checks import records as spot_checks
from app.core.domain.visits import records as visits
from app.core.domain.visits.types import VisitForm, VisitKind
from app.demo.register import _team_people
from app.demo.talks import _inspection_rows


@dataclass
class DemoVisits:
    visit_ids: list[str] = field(default_factory=list)
    spot_check_ids: list[str] = field(default_factory=list)
    fixed_issue_ids: list[str] = field(default_factory=list)


def demo_photo(caption_colour: tuple[int, int, int] = (90, 120, 160)) -> bytes:
    """A small PNG standing in for a photo taken on the spot."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (235, 235, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 60, 300, 180), fill=caption_colour)
    draw.polygon([(20, 60), (160, 15), (300, 60)], fill=(150, 80, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


SEEN_SUB = (
    "查看了{sub}的“三重一大”会议记录、财务凭证和食堂采购台账。2025年度大宗物资采购由后勤部门直接指定供应商，"
    "未按规定比选；部分会议记录仅有议题、没有讨论情况。\n"
    "与{sub}班子成员和职工代表个别交流，反映单位公务用车管理不严、节假日有公车私用现象。"
)
SEEN_HOME = (
    "随机走访了辖区内{n}户群众，了解惠民政策落实情况。群众普遍反映办事窗口服务态度有改善，"
    "但个别补贴发放不及时、公示不到位；一户反映申请困难救助时被要求提供不必要的证明材料。"
)


def populate_visits(ctx) -> DemoVisits:
    office = ctx.session("office")
    out = DemoVisits()
    for row in _inspection_rows(office, list(ctx.data["org"].inspection_ids.values())):
        if not row["on_site"]:
            continue
        leader_name, member_name = _team_people(office.conn, row["id"])
        member, leader = ctx.session(member_name), ctx.session(leader_name)
        start = date.fromisoformat(row["on_site"])
        team = [leader.user.display_name, member.user.display_name]
        unit = row["unit_name"]
        sub = f"{unit}下属事业单位"
        first = visits.create_visit(
            member,
            row["id"],
            VisitForm(
                kind=VisitKind.SUBORDINATE,
                visited_on=(start + timedelta(days=6)).isoformat(),
                place=f"{sub}办公楼",
                visited=sub,
                members=team,
                met=[f"{sub}主要负责人", "财务人员", "职工代表"],
                observations=SEEN_SUB.format(sub=sub),
            ),
        )
        visits.add_attachment(member, first.id, "后勤仓库外景.png", demo_photo())
        visits.add_attachment(
            member, first.id, "采购台账摘录.txt", f"{sub}2025年度大宗物资采购台账（摘录）".encode()
        )
        second = visits.create_visit(
            member,
            row["id"],
            VisitForm(
                kind=VisitKind.HOUSEHOLD,
                visited_on=(start + timedelta(days=9)).isoformat(),
                place="城南街道幸福社区",
                visited="幸福社区群众",
                members=[member.user.display_name],
                met=["社区党委书记", "群众代表5名"],
                observations=SEEN_HOME.format(n=5),
            ),
        )
        out.visit_ids += [first.id, second.id]
        top = office.conn.execute(
            "SELECT name, position FROM leadership WHERE unit_id = ? ORDER BY is_top_leader DESC, sort_order LIMIT 1",
            (row["unit_id"],),
        ).fetchone()
        if top is not None:
            check = spot_checks.create_spot_check(
                leader,
                row["id"],
                spot_checks.SpotCheckForm(
                    checked_on=(start + timedelta(days=8)).isoformat(),
                    person_name=top["name"],
                    person_post=top["position"],
                    report=f"{start.year - 1}年度个人有关事项报告",
                    compared="房产、投资、配偶子女从业情况，与不动产登记、市场监管部门信息比对",
                    discrepancies="漏报配偶名下车位一个" if len(out.spot_check_ids) % 2 == 0 else "",
                ),
            )
            out.spot_check_ids.append(check.id)
        found = start + timedelta(days=6)
        issue = issue_edits.create_issue(
            member,
            row["id"],
            IssueDraft(
                title="下属单位消防通道堆放杂物",
                found_on=found.isoformat(),
                facts=f"走访{sub}时发现，办公楼一楼消防通道长期堆放办公家具和杂物，存在安全隐患。",
                found_by=member.user.display_name,
                written_by=member.user.display_name,
                tags={"immediate_fix"},
            ),
        )
        immediate_fix.record_fix(
            member,
            issue.id,
            (found + timedelta(days=1)).isoformat(),
            "单位于次日清理了消防通道内的杂物，修订了办公楼安全管理制度，明确由办公室每周巡查。",
        )
        immediate_fix.add_proof(member, issue.id, "清理后的消防通道.png", demo_photo((120, 160, 110)))
        if row["phase"] in ("report", "feedback", "transfer", "rectification", "filed"):
            _adopt(ctx, member, leader, row["id"], issue.id, found)
        out.fixed_issue_ids.append(issue.id)
    return out


def _adopt(ctx, member, leader, inspection_id: str, issue_id: str, found) -> None:
    """An inspection past its time on site has its papers through the sign-off chain (and so in its
    archive): the finding on the spot too, with its photo as the evidence."""
    from app.core.domain.register import evidence, issue_edits, issue_reads, paper_chain

    paper = issue_reads.writable_issue(member, issue_id).draft()
    paper.legal_basis = "违反《中华人民共和国消防法》第二十八条。"
    issue_edits.update_issue(member, issue_id, paper)
    evidence.add_evidence(member, issue_id, "other", description="清理前后的消防通道照片")
    deputy_row = member.conn.execute(
        "SELECT u.username FROM inspections x JOIN team_members m ON m.team_id = x.team_id"
        " JOIN users u ON u.id = m.user_id WHERE x.id = ? AND m.position = 'deputy'",
        (inspection_id,),
    ).fetchone()
    paper_chain.submit(member, issue_id, "立行立改问题底稿，请审核。")
    chain = paper_chain.get_chain(member, issue_id)
    if chain.with_deputy and deputy_row is not None:
        paper_chain.approve(ctx.session(deputy_row["username"]), issue_id, "同意。")
    notes = [g for g in paper_chain.completeness(leader, issue_id) if not g.required]
    signed_on = (found + timedelta(days=3)).isoformat()
    paper_chain.sign(leader, issue_id, signed_on, "同意。", "现场已整改，证据为照片。" if notes else "")
    paper_chain.adopt(leader, issue_id, (found + timedelta(days=4)).isoformat(), "经组务会研究，同意。")
