"""build/bundle_rules.py: the filter build/xuncha.spec applies to PyInstaller's analysis."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
import bundle_rules as rules  # noqa: E402

PLUGINS = "PySide6/Qt/plugins"


def test_network_and_socket_plugins_are_dropped_and_the_needed_ones_kept():
    for dropped in (
        "platforms/libqvnc.so",
        "platforms/libqeglfs.so",
        "generic/libqtuiotouchplugin.so",
        "networkinformation/libqnetworkmanager.so",
        "tls/libqopensslbackend.so",
        "sqldrivers/libqsqlite.so",
        "platformthemes/libqgtk3.so",
    ):
        assert not rules.keep_binary(f"{PLUGINS}/{dropped}"), dropped
    for kept in (
        "platforms/libqxcb.so",
        "platforms/libqoffscreen.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "printsupport/libcupsprintersupport.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
    ):
        assert rules.keep_binary(f"{PLUGINS}/{kept}"), kept


def test_banned_libraries_and_their_links_are_dropped():
    assert not rules.keep_binary("PySide6/Qt/lib/libQt6Network.so.6")
    assert not rules.keep_data("libQt6Network.so.6")  # PyInstaller's top-level symlink
    assert rules.keep_binary("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert rules.keep_binary("libcrypto.so.3")


def test_only_qts_chinese_base_catalogues_are_kept():
    assert rules.keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not rules.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not rules.keep_data("PySide6/Qt/translations/qtdeclarative_zh_CN.qm")
    assert rules.keep_data("app/_resources/translations/xuncha_zh_CN.qm")


def test_every_app_module_but_the_demo_is_named():
    names = rules.app_modules(ROOT)
    assert "app.core.store.migrations" in names and "app.cli" in names
    assert not any(n == "app.demo" or n.startswith("app.demo.") for n in names)
    assert len(names) == len(rules.app_modules(ROOT, with_demo=True)) - sum(
        1 for n in rules.app_modules(ROOT, with_demo=True) if n.startswith("app.demo")
    )
