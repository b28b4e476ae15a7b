"""Every word is Chinese and one term names one thing: Qt's own dialogs, the command line's help, date
hints, window titles, the lead's terms; and no two accelerators (&X) clash in one form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QLineEdit, QWidget

from app import cli, paths
from app.ui.forms import load_form
from app.ui.register.models import leads_model
from app.ui.setup_wizard import SetupWizard
from app.ui.unlock_window import UnlockWindow
from tests.ui.accelerators import duplicates

CJK = re.compile(r"[\u4e00-\u9fff]")
FORMS = sorted(p.name for p in paths.form("x").parent.glob("*.ui"))
PROGRAM = "巡察工作台"


def test_the_file_dialog_speaks_chinese(qtbot, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    dialog = QFileDialog(None, "导出", str(tmp_path), "文本 (*.txt)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert len(labels) >= 3 and all(CJK.search(t) for t in labels), labels
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    buttons = [
        b.text() or b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.text() or b.toolTip()
    ]
    assert buttons and all(CJK.search(t) for t in buttons), buttons
    # Untranslated strings elsewhere still come back as written (the supplement answers only its own).
    assert QCoreApplication.translate("NoSuchContext", "Plain words") == "Plain words"


def test_the_command_line_speaks_chinese(capsys):
    help_text = cli.build_parser().format_help()
    for english in ("usage:", "positional arguments", "options:", "show this help", "version number"):
        assert english not in help_text
    assert help_text.startswith("用法：python -m app") and "选项" in help_text and "命令" in help_text
    assert cli.main(["backup"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "用法：" in err and "错误：缺少必需的参数：--user, file" in err and "usage" not in err
    assert cli.main(["no-such-command"]) == cli.EXIT_USAGE
    assert "无效的选项 'no-such-command'" in capsys.readouterr().err
    assert cli.main(["--bogus"]) == cli.EXIT_USAGE
    assert "无法识别的参数：--bogus" in capsys.readouterr().err


@pytest.mark.parametrize("name", FORMS)
def test_no_date_hint_reads_yyyy_mm_dd(qtbot, name):
    form = load_form(name)
    qtbot.addWidget(form)
    hints = [e.placeholderText() for e in form.findChildren(QLineEdit)] + [
        label.text() for label in form.findChildren(QLabel)
    ]
    assert not [h for h in hints if "YYYY" in h or "yyyy" in h]


def test_no_translation_reads_yyyy_mm_dd():
    for ts in paths.resource("translations").glob("*.ts"):
        for translation in re.findall(r"<translation>(.*?)</translation>", ts.read_text(encoding="utf-8")):
            assert "YYYY" not in translation, (ts.name, translation)


def test_window_titles_do_not_repeat_the_program_name(qtbot, worker, workstation, tmp_path):
    # The platform appends the application's display name (巡察工作台) to every window's title.
    unlock = UnlockWindow(worker, workstation.folder, demo=True)
    wizard = SetupWizard(worker, tmp_path / "new")
    for window in (unlock, wizard):
        qtbot.addWidget(window)
        assert window.windowTitle() and PROGRAM not in window.windowTitle(), window.windowTitle()
    assert unlock.windowTitle() == "登录（演示）"


def test_a_lead_is_named_by_one_set_of_terms(qtbot):
    form = load_form("register_lead.ui")
    qtbot.addWidget(form)
    labels = " ".join(label.text() for label in form.findChildren(QLabel))
    parent = QWidget()
    qtbot.addWidget(parent)
    model = leads_model(parent)
    headers = " ".join(
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    )
    detail = " ".join(QCoreApplication.translate("LeadsPanel", s) for s in ("Person", "Received", "Summary"))
    for text in (labels, headers + " " + detail):
        assert "被反映人" in text and "受理日期" in text
        for other in ("收到日期", "责任人", "主要内容"):
            assert other not in text, (other, text)
    assert "线索内容" in labels and "线索内容" in detail


@pytest.mark.parametrize("name", FORMS)
def test_no_form_has_two_accelerators_with_one_letter(qtbot, name):
    form = load_form(name)
    qtbot.addWidget(form)
    assert duplicates(form) == []


def test_the_duplicate_finder_finds_duplicates(qtbot):
    form = load_form("register_lead.ui")
    qtbot.addWidget(form)
    extra = QLabel("再来一个(&R)：", form)
    extra.setBuddy(form.findChild(QLineEdit))
    assert duplicates(form) and "&R" in duplicates(form)[0]


def test_forms_listed():
    assert len(FORMS) > 40 and Path(paths.form("talks_editor.ui")).exists()
