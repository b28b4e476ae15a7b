"""No network: no module of the app imports, or causes the import of, anything that can talk to one.

Checked two ways: a clean interpreter imports every module under app/ (the GUI too, offscreen) and
must end with no network module in sys.modules and no Qt network library mapped; and the source of
every file under app/ must not name one. (tests/conftest.py also forbids socket creation for the
whole test run.)
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

# Modules that open sockets or exist to use them. urllib.parse is only string handling (pathlib
# itself imports it), so the urllib package as such is allowed at run time but not in our source.
FORBIDDEN_LOADED = (
    "socket",
    "_socket",
    "ssl",
    "_ssl",
    "http.client",
    "http.server",
    "http.cookiejar",
    "urllib.request",
    "urllib.response",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "nntplib",
    "telnetlib",
    "socketserver",
    "xmlrpc.client",
    "xmlrpc.server",
    "asyncio",
    "requests",
    "urllib3",
    "httpx",
    "aiohttp",
    "PySide6.QtNetwork",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtNetworkAuth",
)
FORBIDDEN_IN_SOURCE = re.compile(
    r"^(socket|_socket|ssl|_ssl|http|urllib|urllib3|requests|httpx|aiohttp|ftplib|smtplib|poplib|imaplib|"
    r"nntplib|telnetlib|socketserver|xmlrpc|asyncio|xml\.sax\.saxutils|"
    r"PySide6\.(QtNetwork|QtWebSockets|QtWebEngine\w*|QtNetworkAuth))(\.|$)"
)

IMPORT_ALL = r"""
import importlib, json, os, pkgutil, sys
sys.path.insert(0, os.getcwd())
import app
failures = []
for info in pkgutil.walk_packages(app.__path__, "app."):
    if info.name.rsplit(".", 1)[-1] == "__main__":
        continue  # running it would start the program
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failures.append(f"{info.name}: {type(exc).__name__}: {exc}")
# The GUI as the user starts it: an application object, then the windows' modules are in use.
from PySide6.QtWidgets import QApplication
qt_app = QApplication([])
libs = sorted({line.split()[-1].rsplit("/", 1)[-1] for line in open("/proc/self/maps") if "libQt6" in line})
print(json.dumps({"modules": sorted(sys.modules), "failures": failures, "libs": libs}))
"""


def _import_everything() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-I", "-c", IMPORT_ALL],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_every_app_module_loads_no_network_module():
    report = _import_everything()
    assert report["failures"] == [], "modules that do not import cleanly: " + "; ".join(report["failures"])
    loaded = set(report["modules"])
    assert "app.core.store.connection" in loaded and any(m.startswith("app.ui.") for m in loaded)
    bad = sorted(m for m in loaded if m in FORBIDDEN_LOADED or m.startswith(FORBIDDEN_LOADED))
    assert bad == [], f"network modules loaded by importing the app: {bad}"
    network_libs = [lib for lib in report["libs"] if "Network" in lib or "WebSockets" in lib]
    assert network_libs == [], f"Qt network libraries mapped into the process: {network_libs}"


def _imported_names(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
            names += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names.append((node.lineno, node.args[0].value))
    return names


def test_no_source_file_in_app_imports_a_network_module():
    files = sorted(APP.rglob("*.py"))
    assert len(files) > 20
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in files
        for line, name in _imported_names(path)
        if FORBIDDEN_IN_SOURCE.match(name)
    ]
    assert offenders == [], "network imports in app/: " + "; ".join(offenders)


def test_qt_network_is_not_named_anywhere_in_app_or_forms():
    offenders = []
    for folder in (APP, ROOT / "forms"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".py", ".ui"):
                text = path.read_text("utf-8", errors="replace")
                if re.search(r"QtNetwork|QNetworkAccessManager|QTcpSocket|QUdpSocket|QWebSocket", text):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_source_checker_would_catch_the_usual_spellings(tmp_path):
    """The AST walk is not vacuous."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import socket\nfrom urllib.request import urlopen\nfrom PySide6 import QtNetwork\n"
        "import http.client as hc\nimportlib.import_module('ssl')\n__import__('requests')\n",
        "utf-8",
    )
    names = [name for _, name in _imported_names(sample) if FORBIDDEN_IN_SOURCE.match(name)]
    assert {"socket", "urllib.request", "PySide6.QtNetwork", "http.client", "ssl", "requests"} <= set(names)
