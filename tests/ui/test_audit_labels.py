"""The audit trail reads in Chinese: every audited action and object type has a label, objects are named
by what an auditor may know (a record's number, a unit's name), never by case content."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

import app
from app.core.printing import register as print_register
from app.core.security.audit_labels import ACTION_LABELS, OBJECT_TYPE_LABELS, summary_text
from app.ui import audit_window as audit_window_module
from app.ui.audit_window import AuditWindow
from app.ui.main_window import MainWindow
from tests.ui.conftest import grab
from tests.ui.talks_support import (
    TIMEOUT,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)

__all__ = ["demo_folder_fixture", "demo_sign_in_fixture", "talks_demo_template_fixture"]

APP = Path(app.__file__).parent
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")

# Calls whose action is computed: where they are, and every action they can write.
COMPUTED_ACTIONS: dict[str, set[str]] = {
    "core/workstation.py": {
        "login",
        "recovery_unlock",
        "login_failed",
        "login_refused_locked",
        "login_refused_disabled",
        "login_refused_pending",
        "account_locked",
        "unlock_failed",
        "unlock_refused_locked",
        "logout",
    },
    "core/session.py": {"logout"},
    "core/imports/refusal.py": {"import_refused"},
    "core/security/account_keys.py": {"audit_signing_upgrade"},
    "core/domain/register/paper_chain.py": {
        "paper_submit",
        "paper_approve",
        "paper_return",
        "paper_sign",
        "paper_adopt",
        "paper_override",
        "paper_reopen",
    },
    "core/printing/register.py": {
        "print",
        "export",
        "print_copy_issued",
        "print_copy_returned",
        "print_copy_destroyed",
    },
    "core/domain/organisation/inspections.py": {
        "inspections_view",
        "inspections_search",
        "phase_advance",
        "phase_revert",
    },
    "core/security/accounts.py": {
        "unlock",
        "unlock_failed",
        "unlock_refused_locked",
        "account_locked",
        "account_disable",
        "account_enable",
    },
}


def _constants(node: ast.AST) -> tuple[set[str], bool]:
    """The action strings an argument can be, and whether that is all of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}, True
    if isinstance(node, ast.IfExp):
        a, whole_a = _constants(node.body)
        b, whole_b = _constants(node.orelse)
        return a | b, whole_a and whole_b
    return set(), False


def audited_actions() -> tuple[set[str], set[str]]:
    """(every action written by session.audit / audit.append in app/, the object-type constants)."""
    actions: set[str] = set()
    object_types: set[str] = set()
    for path in sorted(APP.rglob("*.py")):
        where = path.relative_to(APP).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr == "audit" and node.args:
                action_arg = node.args[0]
                type_arg = node.args[1] if len(node.args) > 1 else None
            elif node.func.attr == "append" and any(k.arg == "action" for k in node.keywords):
                action_arg = next(k.value for k in node.keywords if k.arg == "action")
                type_arg = next((k.value for k in node.keywords if k.arg == "object_type"), None)
            else:
                continue
            found, whole = _constants(action_arg)
            actions |= found
            if not whole:
                assert where in COMPUTED_ACTIONS, (
                    f"{where}:{node.lineno} audits a computed action ({ast.unparse(action_arg)}): "
                    "list what it can write in COMPUTED_ACTIONS"
                )
                actions |= COMPUTED_ACTIONS[where]
            if type_arg is not None:
                object_types |= _constants(type_arg)[0]
    return actions, object_types


def test_every_audited_action_and_object_type_has_a_label():
    actions, object_types = audited_actions()
    assert len(actions) > 150
    assert sorted(actions - ACTION_LABELS.keys()) == []
    assert sorted(object_types - OBJECT_TYPE_LABELS.keys()) == []
    # Printed and exported documents are object types too (the print register's kinds).
    import app.core.official.kinds  # noqa: F401  (each registers its kinds on import)
    import app.core.printing.assessment_report  # noqa: F401
    import app.core.printing.fact_confirmation  # noqa: F401
    import app.core.printing.issue_list  # noqa: F401
    import app.core.printing.rectification_ledger  # noqa: F401
    import app.core.printing.request_list  # noqa: F401
    import app.core.printing.return_receipt  # noqa: F401
    import app.core.printing.working_paper  # noqa: F401
    import app.core.sheets.exports  # noqa: F401

    assert sorted(print_register.DOCUMENT_KINDS.keys() - OBJECT_TYPE_LABELS.keys()) == []
    for label in [*ACTION_LABELS.values(), *OBJECT_TYPE_LABELS.values()]:
        assert re.search(r"[\u4e00-\u9fff]", label), label


def test_summary_codes_read_as_labels():
    assert summary_text("rectification_measure_completion", "mostly_done") == "基本完成"
    assert summary_text("phase_advance", "preparation -> entry") == "巡前准备 → 进驻"
    assert summary_text("talk_create", "mostly_done") == "mostly_done"  # only the action's own codes


def _open_audit(qtbot, worker, demo_sign_in) -> tuple[MainWindow, AuditWindow]:
    window = MainWindow(worker, Path("."), demo_sign_in("auditor"))
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    audit = window.content
    assert isinstance(audit, AuditWindow)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0 and audit.action_combo.count() > 1, timeout=TIMEOUT)
    return window, audit


def test_the_auditor_reads_actions_types_and_objects_in_chinese(
    qtbot, worker, demo_sign_in, demo_folder, tmp_path, monkeypatch
):
    from app.core.workstation import Workstation
    from tests.conftest import DEMO_PASSWORD

    office = Workstation(demo_folder).unlock("office", DEMO_PASSWORD)
    talk = office.conn.execute("SELECT id, number, interviewee_name FROM talks ORDER BY number").fetchone()
    issue = office.conn.execute("SELECT id, number FROM issues WHERE number IS NOT NULL").fetchone()
    office.close()

    window, audit = _open_audit(qtbot, worker, demo_sign_in)
    model = audit.model
    assert model.headerData(6, Qt.Orientation.Horizontal) == "对象"
    for row in range(model.rowCount()):
        entry = model.entries[row]
        action, object_type = model.data(model.index(row, 4)), model.data(model.index(row, 5))
        assert action == ACTION_LABELS[entry.action], entry.action
        assert object_type == OBJECT_TYPE_LABELS.get(entry.object_type, ""), entry.object_type

    audit.action_combo.setCurrentIndex(audit.action_combo.findData("talk_create"))
    assert audit.action_combo.currentText() == "新建谈话记录"
    audit.apply_filters()
    qtbot.waitUntil(
        lambda: model.rowCount() > 0 and {e.action for e in model.entries} == {"talk_create"}, timeout=TIMEOUT
    )
    objects = [model.data(model.index(r, 6)) for r in range(model.rowCount())]
    assert f"谈话记录 第{talk['number']}号" in objects
    assert all(o.startswith("谈话记录 第") for o in objects)
    assert model.data(model.index(0, 5)) == "谈话记录"
    shown = " ".join(str(model.data(model.index(r, c))) for r in range(model.rowCount()) for c in range(8))
    assert talk["interviewee_name"] not in shown  # the auditor never reads who was interviewed

    audit.clear_filters()
    qtbot.waitUntil(lambda: model.rowCount() > 20, timeout=TIMEOUT)
    objects = [str(model.data(model.index(r, 6))) for r in range(model.rowCount())]
    named = [o for o in objects if o]
    assert named and not any(UUID.match(o) for o in named if o), [o for o in named if UUID.match(o)]
    audit.user_combo.setCurrentIndex(audit.user_combo.findData("leader1"))
    audit.apply_filters()
    qtbot.waitUntil(
        lambda: model.rowCount() > 0 and {e.username for e in model.entries} == {"leader1"}, timeout=TIMEOUT
    )
    summaries = [str(model.data(model.index(r, 7))) for r in range(model.rowCount())]
    assert not [s for s in summaries if UUID.search(s) or "seq" in s]
    grab(window, "audit-window.png")
    audit.clear_filters()
    qtbot.waitUntil(
        lambda: model.rowCount() > 0 and len({e.username for e in model.entries}) > 1, timeout=TIMEOUT
    )

    dest = tmp_path / "audit.xlsx"
    monkeypatch.setattr(
        audit_window_module.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(dest), ""))
    )
    monkeypatch.setattr(audit_window_module, "confirm", lambda parent, text: True)
    audit.export()
    qtbot.waitUntil(lambda: dest.exists() and audit.export_button.isEnabled(), timeout=TIMEOUT)
    sheet = load_workbook(dest).active
    header = [c.value for c in sheet[1]]
    assert header[4:8] == ["操作", "对象类型", "对象", "对象编号"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert not [r[4] for r in rows if r[4] and re.fullmatch(r"[a-z_]+", r[4])]
    assert not [r[5] for r in rows if r[5] and re.fullmatch(r"[a-z_]+", r[5])]
    assert any(r[6] == f"谈话记录 第{talk['number']}号" for r in rows)
    if issue is not None:
        assert any(r[6] == issue["number"] and r[5] == "问题" for r in rows)
    assert not any(talk["interviewee_name"] in str(c) for r in rows for c in r)
    window.close()
