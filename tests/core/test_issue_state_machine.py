"""The issue status machine accepts exactly the legal moves (property-based).

Hypothesis draws sequences of operations on fresh issues; a tiny model of the transition table
predicts whether each is legal. Legal ones must succeed and land in the predicted state, illegal
ones must raise Conflict and leave the issue untouched.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.domain.register import issue_reads, measures, rectification_plan, rectification_store, workflow
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import MeasureDraft
from app.core.domain.register.workflow import TRANSITIONS
from app.core.errors import Conflict
from tests.core.issue_support import reg_fixture, signed_issue, world_fixture  # noqa: F401

S = IssueStatus
OPS = [
    "substantiate",
    "dismiss",
    "feed_unit",
    "feed_transfer",
    "plan",
    "close",
    "reopen",
    "close_transferred",
    "reopen_transferred",
]


def expected(op: str, status: S, transferred: bool) -> S | None:
    """The status after `op`, or None if the op must be refused."""
    target = {
        "substantiate": S.SUBSTANTIATED,
        "dismiss": S.DISMISSED,
        "feed_unit": S.FED_BACK,
        "feed_transfer": S.FED_BACK,
        "plan": S.IN_RECTIFICATION,
        "close": S.CLOSED_OUT,
        "reopen": S.IN_RECTIFICATION,
        "close_transferred": S.CLOSED_OUT,
        "reopen_transferred": S.FED_BACK,
    }[op]
    if target not in TRANSITIONS[status]:
        return None
    # Moves that need a particular kind of feedback (unit: rectification; transfer: office closes).
    if op in ("plan", "close", "reopen") and transferred:
        return None
    if op in ("close_transferred", "reopen_transferred") and not transferred:
        return None
    if op == "close" and status != S.IN_RECTIFICATION:
        return None
    if op == "reopen" and status != S.CLOSED_OUT:  # only a closed-out item can be reopened
        return None
    return target


def test_transition_table_is_what_the_domain_says():
    assert TRANSITIONS[S.FOUND] == {S.SUBSTANTIATED, S.DISMISSED}
    assert TRANSITIONS[S.DISMISSED] == frozenset()
    for src, targets in TRANSITIONS.items():
        for dst in S:
            if dst not in targets:
                try:
                    workflow.check_move(src, dst)
                except Conflict:
                    continue
                raise AssertionError(f"{src} -> {dst} accepted")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(st.sampled_from(OPS), min_size=1, max_size=8))
def test_only_legal_moves(reg, ops):
    member, leader, office = reg.login("member1"), reg.login("leader1"), reg.office
    issue = signed_issue(member, leader, reg.insp_a.id)
    status, transferred = S.FOUND, False
    day = date(2026, 3, 20)
    for op in ops:
        day += timedelta(days=3)
        on = day.isoformat()
        want = expected(op, status, transferred)

        def run(op: str = op, on: str = on) -> None:
            if op == "substantiate":
                workflow.substantiate(member, issue.id, on)
            elif op == "dismiss":
                workflow.dismiss(leader, issue.id, "经核实不属实。", on)
            elif op == "feed_unit":
                workflow.feed_back(leader, issue.id, on, "unit")
            elif op == "feed_transfer":
                workflow.feed_back(leader, issue.id, on, "discipline_commission")
            elif op == "plan":
                rectification_plan.record_plan(member, issue.id, "整改目标", on)
            elif op == "close":
                if not rectification_store.load(member.conn, issue.id).measures:
                    measures.add_measure(
                        member, issue.id, MeasureDraft("措施", types={"rules"}, responsible_person="甲")
                    )
                rectification_plan.record_completion(member, issue.id, "done", "已完成。", on)
                workflow.close_out(office, issue.id, on, "同意销号。")
            elif op == "reopen":
                workflow.reopen(office, issue.id, "回头看发现反弹。", on)
            elif op == "close_transferred":
                workflow.close_transferred(office, issue.id, on, "已办结。")
            elif op == "reopen_transferred":
                workflow.reopen_transferred(office, issue.id, "尚未办结。", on)

        if want is None:
            try:
                run()
            except Conflict as e:
                assert e.message
            except Exception as e:  # NotFound: no rectification exists for a transferred/unfed issue
                assert type(e).__name__ == "NotFound", (op, status, e)
            else:
                raise AssertionError(f"{op} from {status} (transferred={transferred}) was accepted")
            assert issue_reads.visible_issue(member, issue.id).status == status
        else:
            run()
            status = want
            if op == "feed_transfer":
                transferred = True
            assert issue_reads.visible_issue(member, issue.id).status == status
    assert [e.to_status for e in issue_reads.history(member, issue.id)][-1:] in ([], [status])
