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


def test_the_leadership_list_says_why_it_is_empty(qtbot, worker, demo_sign_in):
    from PySide6.QtWidgets import QLabel

    from app.ui.org.directory_page import DirectoryPage

    demo_sign_in("office")
    page = DirectoryPage(worker, can_manage=True)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.units_model.rowCount() > 0, timeout=TIMEOUT)
    assert note(page.people_empty) == "尚未选择单位\n在左侧列表中选择一个单位，即可看到其领导班子。"
    from app.core.domain.organisation import units

    bare = run_job(qtbot, worker, units.create_unit, "市档案馆", "department").name  # no leadership yet
    page.refresh()
    qtbot.waitUntil(lambda: any(u.name == bare for u in page.units_model.records), timeout=TIMEOUT)
    row = next(i for i, u in enumerate(page.units_model.records) if u.name == bare)
    page.units_table.selectRow(page.units_proxy.mapFromSource(page.units_model.index(row, 0)).row())
    qtbot.waitUntil(lambda: page.people_of is not None, timeout=TIMEOUT)
    assert note(page.people_empty) == f"{bare}尚未登记领导班子成员\n按“添加班子成员…”登记。"
    assert page.findChild(QLabel, "leadershipEmpty").isVisible()
    page.search.setText("没有这样的单位")
    assert note(page.units_empty).startswith("没有与“没有这样的单位”相符的单位")


def test_the_rectification_parts_say_why_they_are_empty(qtbot, worker, demo_sign_in):
    from app.ui.register.rectification_panel import RectificationPanel

    demo_sign_in("leader1")
    panel = RectificationPanel(worker, inspection_of(qtbot, worker, "市住房和城乡建设局"))
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded and panel.current is not None, timeout=TIMEOUT)
    measures = panel.measures_table.findChild(type(panel.header), "measuresEmpty")
    assert panel.current.rect.measures == []  # the demo's: fed back, no measure yet
    assert measures.isVisibleTo(panel.measures_table)
    assert "尚未登记整改措施" in measures.text() and "添加措施" in measures.text()


def test_the_audit_trail_says_when_no_entry_matches(qtbot, worker, workstation, sign_in):
    from tests.ui.test_audit_window import open_audit

    window, audit = open_audit(qtbot, worker, workstation, sign_in)
    assert note(audit.empty) == ""
    # The program's own entries are filed under 系统, as the list's role column says, not "system".
    combo = audit.user_combo
    assert "system" not in [combo.itemText(i) for i in range(combo.count())]
    assert combo.findData("system") == -1 or combo.itemText(combo.findData("system")) == "系统"
    audit.text_edit.setText("没有这样的记录")
    audit.apply_filters()
    qtbot.waitUntil(lambda: audit.count_label.text() == "共 0 条", timeout=TIMEOUT)
    assert note(audit.empty) == "没有符合这些条件的审计记录\n按“清除”查看全部审计日志，或放宽日期范围。"
    audit.clear_filters()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=TIMEOUT)
    assert note(audit.empty) == ""
    window.close()


def test_the_issue_register_says_why_it_is_empty(qtbot, worker, demo_sign_in):
    from app.ui.register.issues_panel import IssuesPanel

    demo_sign_in("leader1")

    def panel_for(unit: str) -> IssuesPanel:
        panel = IssuesPanel(worker, inspection_of(qtbot, worker, unit))
        qtbot.addWidget(panel)
        panel.resize(1200, 700)
        panel.show()
        qtbot.waitUntil(lambda: panel.context is not None and not panel.model.loading, timeout=TIMEOUT)
        return panel

    busy = panel_for("市住房和城乡建设局")
    assert busy.model.rowCount() > 0 and note(busy.empty) == ""
    busy.text.setText("没有这样的问题")
    busy.apply_filters()
    qtbot.waitUntil(lambda: not busy.model.loading and busy.model.rowCount() == 0, timeout=TIMEOUT)
    assert note(busy.empty).startswith("没有符合筛选条件的问题")
    fresh = panel_for("西湖街道")
    assert fresh.model.rowCount() == 0
    assert note(fresh.empty) == "本次巡察还没有登记问题\n按“新建问题”（Ctrl+N）撰写第一份问题底稿。"


def test_the_recusal_list_says_why_it_is_empty(qtbot, worker, demo_sign_in):
    from app.ui.org.staff_page import StaffPage

    demo_sign_in("office")
    page = StaffPage(worker)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.staff_model.rowCount() > 0, timeout=TIMEOUT)
    assert note(page.recusal_empty).startswith("尚未选择人员")
    for row in range(page.staff_proxy.rowCount()):
        page.staff_table.selectRow(row)
        qtbot.waitUntil(lambda: page.recusals_of is not None, timeout=TIMEOUT)
        if page.recusal_model.rowCount() == 0:
            break
    else:
        pytest.fail("everyone in the demo's staff pool has declared a recusal")
    name = page.staff_proxy.index(row, 0).data(0x0102).display_name
    assert note(page.recusal_empty) == f"{name}没有申报回避\n如需申报，按“申报回避…”登记。"
