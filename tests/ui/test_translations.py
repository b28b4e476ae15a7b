"""The zh_CN translation is complete, built, current with the code, and actually shown."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import paths
from app.ui.unlock_window import UnlockWindow

TS = paths.resource("translations", "xuncha_zh_CN.ts")
QM = paths.resource("translations", "xuncha_zh_CN.qm")
# The shell's catalogue plus one per GUI area (organisation, talks, documents, register, ...).
CATALOGUES = sorted(paths.resource("translations").glob("*_zh_CN.ts"))
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.name)
def test_every_message_is_translated(catalogue: Path):
    found = messages(catalogue)
    assert found
    untranslated = [
        (ctx, src)
        for ctx, src, tr in found
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not tr.text
    ]
    assert untranslated == []
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in tr.text) for _, _, tr in found)


def test_translation_covers_every_string_in_the_code(tmp_path):
    """lupdate over app/ui and forms finds no string that the committed .ts lacks."""
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh_zh_CN.ts"
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py")) + sorted(
        str(p) for p in (ROOT / "forms").glob("*.ui")
    )
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    translated = {(ctx, src) for catalogue in CATALOGUES for ctx, src, tr in messages(catalogue) if tr.text}
    missing = [(ctx, src) for ctx, src, _ in messages(fresh) if (ctx, src) not in translated]
    assert missing == [], "run scripts/build_translations.sh --update and translate these"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.name)
def test_built_qm_is_current(tmp_path, catalogue: Path):
    lrelease = BIN / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease not installed")
    built = tmp_path / "built.qm"
    subprocess.run(
        [str(lrelease), "-removeidentical", str(catalogue), "-qm", str(built)],
        check=True,
        capture_output=True,
    )
    assert built.read_bytes() == catalogue.with_suffix(".qm").read_bytes(), (
        "run scripts/build_translations.sh"
    )


def test_the_app_speaks_chinese(qtbot, worker, workstation):
    window = UnlockWindow(worker, workstation.folder)
    qtbot.addWidget(window)
    assert window.login_button.text() == "登录"
    assert window.windowTitle() == "登录"  # the platform adds " — 巡察工作台" (the display name)
    assert window.form.findChild(type(window.error_label), "usernameLabel").text() == "用户名(&U)："
