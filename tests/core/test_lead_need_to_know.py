"""Leads: transfer, report back, overdue, and the need to know — checked for every role."""

from __future__ import annotations

import pytest

from app.core.domain.register import figures, issue_edits, leads
from app.core.domain.register.leads import Disposal, LeadDraft, LeadStatus, TransferTarget
from app.core.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from tests.core.issue_support import draft, reg_fixture, world_fixture  # noqa: F401

LEAD = LeadDraft(
    "王建国", "党组书记、局长", "反映其在干部选拔中收受他人财物。", "petition", "来信", "2026-03-08"
)

# Who may know of team A's leads: the office and team A's leader. Nobody else, ever.
ALLOWED = {"office", "leader1"}
EVERYONE = [
    "office",
    "leader1",
    "deputy1",
    "member1",
    "leader2",
    "member2",
    "sysadmin",
    "secadmin",
    "auditor",
]


@pytest.fixture
def lead(reg):
    return leads.create_lead(reg.login("leader1"), reg.insp_a.id, LEAD)


@pytest.mark.parametrize("username", EVERYONE)
def test_need_to_know_for_every_role(reg, lead, username):
    session = reg.office if username == "office" else reg.login(username)
    ops = {
        "get": lambda: leads.get_lead(session, lead.id),
        "list": lambda: leads.list_leads(session, inspection_id=reg.insp_a.id),
        "create": lambda: leads.create_lead(session, reg.insp_a.id, LEAD),
        "update": lambda: leads.update_lead(session, lead.id, LEAD),
        "transfer": lambda: leads.transfer(
            session,
            lead.id,
            "discipline_commission",
            "2026-04-01",
            sender="刘正纲",
            receiver="市纪委信访室",
            letter_no="巡移〔2026〕1号",
        ),
    }
    for op in ops.values():
        if username in ALLOWED:
            op()
        else:
            with pytest.raises((PermissionDenied, NotFound)):
                op()
    if username in ALLOWED:
        assert lead.id in {x.id for x in leads.list_leads(session)}
    elif username in ("leader2", "deputy1"):  # hold Cap.LEADS_READ, but lead no team A
        assert lead.id not in {x.id for x in leads.list_leads(session)}
    else:
        with pytest.raises(UserError):
            leads.list_leads(session)


@pytest.mark.parametrize("username", EVERYONE)
def test_lead_figures_and_issue_links_respect_need_to_know(reg, lead, username):
    session = reg.office if username == "office" else reg.login(username)
    member = reg.login("member1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    leads.link_issue(reg.login("leader1"), lead.id, issue.id)
    if username in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            figures.compute(session)
        return
    fig = figures.compute(session)
    if username in ALLOWED:
        assert fig.leads is not None and fig.leads.total == 1
    elif username in ("leader2", "deputy1"):
        # they hold Cap.LEADS_READ, but lead no team A: its lead is not counted
        assert fig.leads is not None and fig.leads.total == 0
    else:
        assert fig.leads is None
    if username in ("member2", "leader2"):
        with pytest.raises(NotFound):
            leads.leads_for_issue(session, issue.id)
    else:
        linked = leads.leads_for_issue(session, issue.id)
        assert [x.id for x in linked] == ([lead.id] if username in ALLOWED else [])


def test_transfer_report_due_and_overdue(reg, lead):
    leader = reg.login("leader1")
    with pytest.raises(Conflict):
        leads.record_report(leader, lead.id, "2026-05-01", "talk_inquiry")  # not transferred yet
    with pytest.raises(ValidationError) as e:
        leads.transfer(
            leader, lead.id, "other", "2026-04-01", sender="刘正纲", receiver="某人", letter_no="1号"
        )
    assert e.value.field == "body"
    t = leads.transfer(
        leader,
        lead.id,
        TransferTarget.DISCIPLINE_COMMISSION,
        "2026-04-01",
        sender="刘正纲",
        receiver="市纪委信访室 李某",
        letter_no="巡移〔2026〕3号",
    )
    assert t.status == LeadStatus.TRANSFERRED and t.report_due == "2026-07-01"
    assert not leads.get_lead(leader, lead.id, today="2026-07-01").overdue
    assert leads.get_lead(leader, lead.id, today="2026-07-02").overdue
    assert [x.id for x in leads.list_leads(leader, overdue_only=True, today="2026-07-02")] == [lead.id]
    assert leads.list_leads(leader, overdue_only=True, today="2026-06-30") == []
    with pytest.raises(Conflict):
        leads.transfer(
            leader, lead.id, "organisation_dept", "2026-04-02", sender="a", receiver="b", letter_no="c"
        )
    leads.set_report_due(leader, lead.id, "2026-08-01")
    assert not leads.get_lead(leader, lead.id, today="2026-07-02").overdue
    done = leads.record_report(
        leader,
        lead.id,
        "2026-07-20",
        Disposal.PRELIMINARY_CHECK,
        case_opened=True,
        sanction="党内严重警告",
        note="已立案审查。",
    )
    assert done.status == LeadStatus.REPORTED and not done.overdue and done.case_opened
    fig = figures.compute(reg.office, figures.Scope(round_id=reg.round.id), today="2026-09-01")
    assert (fig.leads.transferred, fig.leads.cases_opened, fig.leads.sanctions, fig.leads.overdue) == (
        1,
        1,
        1,
        0,
    )
    with pytest.raises(Conflict):
        leads.delete_lead(leader, lead.id)
    actions = {
        r[0] for r in reg.office.conn.execute("SELECT action FROM audit WHERE object_id = ?", (lead.id,))
    }
    assert {"lead_create", "lead_transfer", "lead_report", "lead_view"} <= actions
