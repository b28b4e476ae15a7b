"""An empty list says why it is empty and what to do (issue 17's siblings of the 公文 list): the
talks list and the request list (调阅清单), the unit's leadership, the measures of a rectification
and the audit trail, each for its own reasons."""

from __future__ import annotations

import gc

import pytest

from app.ui.review.panel import ReviewPanel
from tests.ui.conftest import grab, run_job, settle
from tests.ui.talks_support import (  # noqa: F401 (fixtures)
    TIMEOUT,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)
from tests.ui.test_talks_gui import open_panel


@pytest.fixture(autouse=True)
def _collect():
    yield
    gc.collect()


def inspection_of(qtbot, worker, unit: str) -> str:
    return run_job(
        qtbot,
        worker,
        lambda s: s.conn.execute(
            "SELECT i.id FROM inspections i JOIN units u ON u.id = i.unit_id JOIN rounds r ON r.id = i.round_id"
            " WHERE u.name = ? AND r.number = 2",
            (unit,),
        ).fetchone()[0],
    )


def note(empty) -> str:
    return empty.text() if empty.label.isVisible() else ""


def test_the_talks_list_says_why_it_is_empty(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    panel = open_panel(qtbot, worker, inspection_of(qtbot, worker, "市住房和城乡建设局"))
    assert panel.model.rowCount() > 0 and note(panel.empty) == ""
    panel.interviewee_filter.setText("没有这个人")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT)
    assert note(panel.empty).startswith("没有符合筛选条件的谈话") and "清空上方的筛选条件" in note(
        panel.empty
    )
    panel.interviewee_filter.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=TIMEOUT)
    assert note(panel.empty) == ""
    # An inspection still preparing: no talk yet, and how to record the first.
    fresh = open_panel(qtbot, worker, inspection_of(qtbot, worker, "西湖街道"))
    qtbot.waitUntil(lambda: fresh.data is not None, timeout=TIMEOUT)
    assert fresh.model.rowCount() == 0
    assert note(fresh.empty) == "本次巡察还没有谈话记录\n按“新建谈话”（Ctrl+N）开始记录第一次谈话。"
    settle(qtbot, fresh, worker)
    grab(fresh, "talks-list-empty.png")


def test_the_request_list_says_why_it_is_empty(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    panel = ReviewPanel(worker, inspection_of(qtbot, worker, "市住房和城乡建设局"))
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.data is not None, timeout=TIMEOUT)
    total = panel.items_model.rowCount()
    assert total > 0 and all(not i.outstanding for i in panel.data.items)  # all returned, in the demo
    assert note(panel.items_empty) == ""
    panel.outstanding_only.setChecked(True)
    assert panel.proxy.rowCount() == 0
    assert note(panel.items_empty) == f"资料都已归还\n取消勾选“只看未归还”，即可看到全部 {total} 项资料。"
    panel.outstanding_only.setChecked(False)
    assert note(panel.items_empty) == ""
    panel.filter_edit.setText("没有这样的资料")
    assert note(panel.items_empty).startswith("没有符合筛选条件的资料")
    panel.filter_edit.clear()
    assert note(panel.items_empty) == ""
    empty = ReviewPanel(worker, inspection_of(qtbot, worker, "西湖街道"))
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitUntil(lambda: empty.data is not None, timeout=TIMEOUT)
    assert empty.items_model.rowCount() == 0
    assert note(empty.items_empty) == "本次巡察还没有登记调阅资料\n按“新增事项”登记调阅清单的第一项。"
