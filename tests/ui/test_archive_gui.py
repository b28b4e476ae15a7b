"""The 立卷归档 tab on the demo: the filed inspection's archive, the missing list of an open one, the
export with progress, and the screenshot archive-window.png."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.core.domain.archive import filing
from app.ui.archive.inspection_tab import make_archive_tab
from app.ui.archive.panel import ArchivePanel
from tests.ui.conftest import grab, run_job
from tests.ui.talks_support import (
    TIMEOUT,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)

__all__ = ["demo_folder_fixture", "demo_sign_in_fixture", "talks_demo_template_fixture"]


def _inspection(session, unit: str) -> str:
    return session.conn.execute(
        "SELECT x.id FROM inspections x JOIN units u ON u.id = x.unit_id WHERE u.name = ?", (unit,)
    ).fetchone()["id"]


def _panel(qtbot, worker, unit: str) -> ArchivePanel:
    insp = run_job(qtbot, worker, _inspection, unit)
    panel = ArchivePanel(worker, insp)
    qtbot.addWidget(panel)
    panel.resize(1280, 640)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded, timeout=TIMEOUT)
    return panel


def test_the_filed_inspection_shows_its_closed_archive_and_exports(qtbot, worker, demo_sign_in, tmp_path):
    demo_sign_in("office")
    panel = _panel(qtbot, worker, "青石镇")
    assert panel.state.archive.closed
    assert panel.tree.topLevelItemCount() == len(panel.state.items) >= 10
    assert "·" in panel.tree.topLevelItem(0).text(0)
    assert not panel.buttons["open"].isEnabled() and panel.buttons["exportPackage"].isEnabled()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.buttons["addendum"].isEnabled()
    panel.add_addendum_text("第1件页数更正为 2 页。")
    added = run_job(qtbot, worker, lambda s: filing.list_addenda(s, panel.state.archive.id))
    assert [a.archive_no for a in added] == [panel.state.items[0].archive_no]
    grab(panel, "archive-window.png")
    panel.export_package_to(tmp_path / "a.xcxp", "Transfer-2026")
    qtbot.waitUntil(lambda: panel.last_result is not None, timeout=60000)
    assert panel.last_result.after.passed
    assert (tmp_path / "a.xcxp").stat().st_size > 10_000
    panel.verify_path(tmp_path / "a.xcxp", "Transfer-2026")
    qtbot.waitUntil(lambda: hasattr(panel.last_result, "lines"), timeout=60000)
    assert panel.last_result.passed


def test_an_open_inspection_lists_what_is_missing(qtbot, worker, demo_sign_in):
    demo_sign_in("office")
    panel = _panel(qtbot, worker, "市水务集团有限公司")
    assert panel.state.archive is None and panel.state.missing
    assert panel.buttons["retention"].isVisible()
    panel.set_retention("talk", "永久")
    qtbot.waitUntil(
        lambda: (
            {c.retention.label for c in panel.state.ready + panel.state.missing if c.record_type == "talk"}
            == {"永久"}
        ),
        timeout=TIMEOUT,
    )
    texts = [panel.tree.topLevelItem(i).text(6) for i in range(panel.tree.topLevelItemCount())]
    assert any(panel.state.missing[0].problem == t for t in texts)
    panel.open_archive()
    qtbot.waitUntil(lambda: panel.state.archive is not None, timeout=TIMEOUT)
    panel.edits["checker"].setText("李档案")
    panel.close_archive(confirmed=True)
    qtbot.waitUntil(
        lambda: any(w.objectName() == "messageBox" for w in QApplication.topLevelWidgets() if w.isVisible()),
        timeout=TIMEOUT,
    )
    assert not panel.state.archive.closed


def test_a_member_has_no_archive_tab(qtbot, worker, demo_sign_in):
    demo_sign_in("member1")
    assert make_archive_tab(worker, "x", None) is None
