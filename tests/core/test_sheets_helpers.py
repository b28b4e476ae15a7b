"""Shared set-up for the test_sheets_* tests (no tests here).

`ledger_world`: the issue-register world (tests/core/issue_support.py) with, on 第一巡察组's
inspection of 市教育局, three issues under rectification — one with two measures and a progress
entry, one without measures, one closed out — and a measure whose text begins with "=".
"""

from __future__ import annotations

import io
import zipfile

import pytest

from app.core.domain.register import measures, progress
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import MeasureDraft
from tests.core.issue_support import advance, reg_fixture, signed_issue  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401

TODAY = "2026-06-10"


@pytest.fixture(name="lw")
def ledger_world_fixture(reg):
    w = reg
    member, leader, office = w.login("member1"), w.login("leader1"), w.office
    w.member, w.leader = member, leader
    a = signed_issue(member, leader, w.insp_a.id, "违规发放津贴补贴")
    advance(w, a.id, IssueStatus.IN_RECTIFICATION, member=member, leader=leader, office=office)
    m1 = measures.add_measure(
        member,
        a.id,
        MeasureDraft(
            description="=清退违规发放的津贴补贴+追回款项",
            types={"recovery"},
            responsible_leader="王建国",
            responsible_dept="财务科",
            responsible_person="李会计",
            deadline="2026-06-30",
        ),
    )
    m2 = measures.add_measure(
        member,
        a.id,
        MeasureDraft(
            description="修订津贴补贴发放管理办法",
            types={"rules"},
            responsible_person="张主任",
            deadline="2026-05-31",
            immediate=True,
        ),
    )
    progress.add_progress(member, a.id, "2026-05-20", "已清退3人共4.2万元。", measure_id=m1.id)
    b = signed_issue(member, leader, w.insp_a.id, "“三重一大”决策程序不规范")
    advance(w, b.id, IssueStatus.IN_RECTIFICATION, member=member, leader=leader, office=office)
    c = signed_issue(member, leader, w.insp_a.id, "公务用车管理不严")
    advance(w, c.id, IssueStatus.CLOSED_OUT, member=member, leader=leader, office=office)
    w.issue_a, w.issue_b, w.issue_c, w.m1, w.m2 = a, b, c, m1, m2
    return w


def sheet_xml(data: bytes, index: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def db_state(conn) -> dict:
    """Everything an import could touch, to compare before and after."""
    q = {
        "progress": "SELECT id, rectification_id, measure_id, entry_on, note FROM rectification_progress ORDER BY id",
        "measures": "SELECT id, description, responsible_person, deadline, completion, completed_on"
        " FROM rectification_measures ORDER BY id",
        "rects": "SELECT id, state, completion, closed_on FROM rectifications ORDER BY id",
        "issues": "SELECT id, status FROM issues ORDER BY id",
        "remarks": "SELECT row_key, remark FROM sheet_remarks ORDER BY row_key",
        "units": "SELECT id, name, kind, parent_id FROM units ORDER BY id",
        "leadership": "SELECT id, unit_id, name, position, is_top_leader FROM leadership ORDER BY id",
        "teams": "SELECT id, name FROM teams ORDER BY id",
        "members": "SELECT id, team_id, user_id, position FROM team_members ORDER BY id",
        "imports": "SELECT count(*) FROM sheet_imports",
        "mappings": "SELECT kind, signature, mapping FROM sheet_mappings ORDER BY kind, signature",
    }
    return {k: [tuple(r) for r in conn.execute(sql)] for k, sql in q.items()}
