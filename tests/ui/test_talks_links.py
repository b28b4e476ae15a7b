"""The talk form lists the issues its talk gave rise to (由本次谈话形成的问题), and opens one read-only."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit

from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks.links import issues_from_talk
from app.ui.printing import render
from app.ui.talks.issue_viewer import CHANGING_BUTTONS, ReadOnlyIssueDialog
from tests.ui.conftest import grab, run_job, settle
from tests.ui.talks_support import (  # noqa: F401 (fixtures)
    TIMEOUT,
    audit_rows,
    demo_folder_fixture,
    demo_sign_in_fixture,
    message_boxes,
    talks_demo_template_fixture,
)
from tests.ui.test_talks_gui import open_in_editor, open_panel


@pytest.fixture(autouse=True)
def _settle():
    yield
    render.wait_idle()
    for box in message_boxes():
        box.close()
    gc.collect()


def cited_talk(session) -> tuple[str, str]:
    """(inspection id, talk id) of a visible demo talk that some issue's evidence cites."""
    for row in talk_queries.list_talks(session):
        if issues_from_talk(session, row.id):
            return row.inspection_id, row.id
    raise AssertionError("the demo has no talk cited by an issue")


def test_talk_form_lists_the_issues_citing_it_and_opens_one_read_only(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    inspection_id, talk_id = run_job(qtbot, worker, cited_talk)
    expected = run_job(qtbot, worker, issues_from_talk, talk_id)
    panel = open_panel(qtbot, worker, inspection_id)
    editor = open_in_editor(qtbot, panel, talk_id)
    qtbot.waitUntil(lambda: bool(editor.linked_issue_ids()), timeout=TIMEOUT)
    assert editor.linked_issue_ids() == [i.id for i in expected]
    first = editor.linked_issues.item(0)
    assert expected[0].title in first.text() and expected[0].number in first.text()
    assert expected[0].status_label in first.text() and "证据" in first.text()
    assert "由本次谈话形成的问题" in editor.form.findChild(QLabel, "linkedIssuesLabel").text()
    assert ("leader1", "talk", talk_id, f"{len(expected)} 个问题") in audit_rows(
        qtbot, worker, "talk_issues_view"
    )

    editor.tabs.setCurrentIndex(2)  # the Record tab, where the flags and the list are
    settle(qtbot, panel, worker)
    grab(panel, "talk-linked-issues.png")

    # Double-click opens the register's working paper, read-only.
    view = editor.linked_issues
    at = view.visualItemRect(first).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the view wants a press first
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(
        lambda: isinstance(editor.dialog, ReadOnlyIssueDialog) and editor.dialog.detail is not None,
        timeout=TIMEOUT,
    )
    dialog = editor.dialog
    assert dialog.detail.issue.id == expected[0].id
    assert dialog.draft_key == ""
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isVisible()
    assert not any(dialog.button[name].isVisible() for name in CHANGING_BUTTONS)
    assert all(e.isReadOnly() for e in dialog.form.findChildren(QPlainTextEdit))
    assert dialog.title.isReadOnly() and isinstance(dialog.title, QLineEdit)
    assert not dialog.tree.isEnabled()
    assert dialog.windowTitle().startswith("问题底稿")  # the register's strings stay translated
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # the status tab: no moves offered
    assert "只读" in dialog.moves_hint.text()
    number = expected[0].number
    assert ("（未编号）" if number == "未编号" else number) in dialog.header.text()
    grab(dialog, "talk-linked-issue-read-only.png")
    dialog.reject()


def test_a_talk_no_issue_cites_shows_a_placeholder(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")

    def uncited(session) -> tuple[str, str]:
        for row in talk_queries.list_talks(session):
            if not issues_from_talk(session, row.id):
                return row.inspection_id, row.id
        raise AssertionError("every demo talk is cited")

    inspection_id, talk_id = run_job(qtbot, worker, uncited)
    panel = open_panel(qtbot, worker, inspection_id)
    editor = open_in_editor(qtbot, panel, talk_id)
    qtbot.waitUntil(lambda: editor.linked_issues.count() == 1, timeout=TIMEOUT)
    assert editor.linked_issue_ids() == []
    assert editor.linked_issues.item(0).flags() == Qt.ItemFlag.NoItemFlags
    editor.open_linked_issue(editor.linked_issues.item(0))  # a placeholder opens nothing
    assert editor.dialog is None
