"""Figures are computed from the records and agree with them (property-based), per scope and role."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.domain.register import figures, issue_reads, leads, measures, rectification_store, workflow
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import MeasureDraft
from tests.core.issue_support import advance, category, draft, reg_fixture, signed_issue, world_fixture  # noqa: F401

TARGETS = [
    IssueStatus.FOUND,
    IssueStatus.SUBSTANTIATED,
    IssueStatus.FED_BACK,
    IssueStatus.IN_RECTIFICATION,
    IssueStatus.CLOSED_OUT,
    IssueStatus.DISMISSED,
]

issue_spec = st.tuples(
    st.sampled_from(["a", "b"]),  # which inspection
    st.sampled_from(TARGETS),
    st.integers(min_value=-1, max_value=3),  # category index in 四个聚焦, -1: unclassified
    st.booleans(),  # a measure that is overdue as of the check date
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(issue_spec, min_size=1, max_size=6), lead_count=st.integers(min_value=0, max_value=2))
def test_figures_agree_with_records(reg, specs, lead_count):
    office = reg.office
    sessions = {
        "a": (reg.login("member1"), reg.login("leader1"), reg.insp_a.id),
        "b": (reg.login("member2"), reg.login("leader2"), reg.insp_b.id),
    }
    for which, target, cat_index, late in specs:
        member, leader, insp = sessions[which]
        cat_id = category(member, "four_focuses", cat_index).id if cat_index >= 0 else None
        issue = signed_issue(member, leader, insp, category_id=cat_id)
        if target == IssueStatus.DISMISSED:
            workflow.dismiss(leader, issue.id, "经核实不属实。", "2026-03-20")
            continue
        advance(reg, issue.id, target, member=member, leader=leader, office=office)
        if target == IssueStatus.IN_RECTIFICATION and late:
            measures.add_measure(
                member,
                issue.id,
                MeasureDraft("限期整改", types={"clean_up"}, responsible_person="甲", deadline="2026-05-31"),
            )
    for _ in range(lead_count):
        lead = leads.create_lead(
            sessions["a"][1], reg.insp_a.id, leads.LeadDraft("某人", "科长", "线索", "talk", "", "2026-03-09")
        )
        leads.transfer(
            office,
            lead.id,
            "discipline_commission",
            "2026-04-01",
            sender="甲",
            receiver="乙",
            letter_no="1号",
        )

    today = "2026-06-15"
    for scope, insp_ids in (
        (figures.Scope(), [reg.insp_a.id, reg.insp_b.id]),
        (figures.Scope(term_id=reg.term.id), [reg.insp_a.id, reg.insp_b.id]),
        (figures.Scope(team_id=reg.team_a.id), [reg.insp_a.id]),
        (figures.Scope(unit_id=reg.unit_b.id), [reg.insp_b.id]),
    ):
        fig = figures.compute(office, scope, today=today)
        records = [i for insp in insp_ids for i in issue_reads.list_issues(office, insp)]
        live = [i for i in records if i.status != IssueStatus.DISMISSED]
        assert fig.issues_found == len(live)
        assert fig.issues_dismissed == len(records) - len(live)
        assert fig.by_status == dict(Counter(i.status.value for i in records))
        assert {c.category_name: c.count for c in fig.by_category} == dict(
            Counter(i.category_name or "未分类" for i in live)
        )
        rects = [
            rectification_store.load(office.conn, i.id, today)
            for i in records
            if i.fed_back_on and i.disposition == "unit"
        ]
        assert fig.rectification_items == len(rects)
        assert fig.rectification_done == sum(r.state == "closed" for r in rects)
        assert fig.rectification_open == sum(r.state != "closed" for r in rects)
        assert fig.rectification_overdue == sum(r.overdue for r in rects)
        assert fig.measures_total == sum(len(r.measures) for r in rects)
        assert fig.close_out_rate == (fig.rectification_done / len(rects) if rects else 0.0)
        assert fig.units_covered == len(insp_ids) and fig.units_total == 4
        lead_rows = [x for insp in insp_ids for x in leads.list_leads(office, inspection_id=insp)]
        assert fig.leads.total == len(lead_rows) and fig.leads.transferred == len(lead_rows)

    # A team sees the figures of its own inspections only, whatever scope it asks for.
    mine = figures.compute(sessions["a"][0], figures.Scope(), today=today)
    assert mine.issues_found + mine.issues_dismissed == len(issue_reads.list_issues(office, reg.insp_a.id))
    assert mine.units_total is None and mine.leads is None
