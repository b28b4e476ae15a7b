"""The demo has a full round's issues, leads, petitions and rectification in every state."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.domain.register import figures, issue_record, leads, open_items, register_query
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-issues") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


def test_every_state_is_in_the_demo(demo):
    ws = Workstation(demo)
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        c = office.conn
        statuses = {r[0] for r in c.execute("SELECT DISTINCT status FROM issues")}
        assert statuses == {s.value for s in issue_record.IssueStatus}
        dispositions = {r[0] for r in c.execute("SELECT DISTINCT disposition FROM issues")}
        assert {"", "unit", "discipline_commission", "organisation_dept"} <= dispositions
        assert {r[0] for r in c.execute("SELECT DISTINCT state FROM rectifications")} == {
            "open",
            "unit_completed",
            "closed",
        }
        events = {r[0] for r in c.execute("SELECT DISTINCT action FROM rectification_events")}
        assert events == {"plan", "unit_completed", "closed", "reopened"}
        assert {r[0] for r in c.execute("SELECT DISTINCT handling FROM petitions")} == {
            "pending",
            "kept",
            "passed_on",
            "taken_up",
        }
        assert {r[0] for r in c.execute("SELECT DISTINCT status FROM leads")} == {
            "registered",
            "transferred",
            "reported",
        }
        assert c.execute("SELECT count(*) FROM issues WHERE number IS NOT NULL").fetchone()[0] >= 30
        assert (
            c.execute("SELECT count(*) FROM issue_evidence WHERE kind IN ('talk', 'excerpt')").fetchone()[0]
            > 0
        )
        fig = figures.compute(office)
        assert fig.rectification_overdue > 0 and fig.rectification_done > 0 and 0 < fig.close_out_rate < 1
        assert (
            fig.leads.cases_opened > 0 and fig.leads.sanctions > 0 and fig.leads.organisational_handling > 0
        )
        assert fig.leads.overdue > 0
        assert open_items.open_items(office, order="person")
    finally:
        office.close()
    # leader1 (round 2, 第一巡察组) sees its own leads; member1 sees none.
    leader = ws.unlock("leader1", DEMO_PASSWORD)
    try:
        assert leads.list_leads(leader)
        assert register_query.register_count(leader) > 0
    finally:
        leader.close()


def test_the_demo_has_papers_at_every_step_of_the_sign_off_chain(demo):
    from app.core.domain.register import paper_chain

    office = Workstation(demo).unlock("office", DEMO_PASSWORD)
    try:
        states = {row.state for row in paper_chain.papers_by_state(office)}
        steps = {r[0] for r in office.conn.execute("SELECT DISTINCT action FROM paper_steps")}
    finally:
        office.close()
    assert {
        paper_chain.PaperState.SUBMITTED,
        paper_chain.PaperState.REVIEWED,
        paper_chain.PaperState.ADOPTED,
    } <= states
    assert {"submit", "approve", "sign", "adopt"} <= steps


def test_the_demo_follows_the_feedback_up(demo):
    from app.core.domain.register import assessment

    office = Workstation(demo).unlock("office", DEMO_PASSWORD)
    try:
        c = office.conn
        kinds = {r[0] for r in c.execute("SELECT DISTINCT kind FROM unit_reports")}
        answers = {r[0] for r in c.execute("SELECT DISTINCT answer FROM fact_items")}
        grades = {r[0] for r in c.execute("SELECT DISTINCT grade FROM assessments")}
        proposals = assessment.lookbacks(office)
    finally:
        office.close()
    assert kinds == {"plan", "life_meeting", "situation", "leader", "three_months"}
    assert {"confirmed", "disputed"} <= answers
    assert {"好", "差"} <= grades and proposals and "差" in proposals[0].reason
