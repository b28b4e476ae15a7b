"""What goes into the offline bundle and what stays out: one list for build/xuncha.spec (which filters
PyInstaller's analysis with it) and build/check_bundle.py (which checks the built folder against it).

Qt plugins are kept by an allow-list, everything else under PySide6/Qt/plugins is dropped: the VNC
platform (a network server), eglfs/linuxfb, the network-information and TLS backends, the TUIO touch
input (a UDP listener), QML tooling, the virtual keyboard (QML) and the SQL drivers.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

DEMO = "app.demo"  # the demo data builders and the demo password stay out of a workstation's bundle

# Python modules never shipped: Qt modules the app does not import and the standard library's servers.
# (numpy is shipped: app/core/imports/omr.py reads scanned evaluation forms with it.)
EXCLUDES = [
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtWebView", "PySide6.QtQuick", "PySide6.QtQml",
    "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2", "PySide6.Qt3DCore", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning",
    "PySide6.QtLocation", "PySide6.QtRemoteObjects", "PySide6.QtSerialPort", "PySide6.QtSerialBus",
    "PySide6.QtHttpServer", "PySide6.QtNetworkAuth", "PySide6.QtDBus", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtXml",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtHelp", "PySide6.QtDesigner", "PySide6.QtConcurrent", "PySide6.QtStateMachine",
    "PySide6.QtTextToSpeech", "PySide6.QtSensors", "PySide6.QtScxml", "PySide6.QtSpatialAudio",
    "PySide6.QtGraphs", "PySide6.QtAxContainer",
    "tkinter", "unittest", "pytest", "http.server", "xmlrpc", "ftplib", "smtplib", "imaplib", "poplib",
    "IPython", "matplotlib", "PIL.ImageQt", "PIL.AvifImagePlugin", "PIL._avif",
    DEMO,
]

# Kept plugins, by folder/file name under PySide6/Qt/plugins.
PLUGINS = {
    "platforms": {"libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so", "qwindows.dll",
                  "qoffscreen.dll", "qminimal.dll"},
    "platforminputcontexts": {"libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so",
                              "libfcitx5platforminputcontextplugin.so"},
    "xcbglintegrations": None,  # all
    "imageformats": {"libqjpeg.so", "libqgif.so", "libqico.so", "qjpeg.dll", "qgif.dll", "qico.dll"},
    "printsupport": None,  # CUPS on Linux (local printers), the Windows print system
    "styles": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": {"libbradient.so"},
    "wayland-graphics-integration-client": None,
}

# Libraries that must never be in the bundle (network, QML, WebEngine, PDF engine we do not use).
BANNED_LIBS = (
    "libQt6Network", "Qt6Network", "libQt6WebEngine", "libQt6Qml", "libQt6Quick", "libQt6Pdf",
    "libQt6VirtualKeyboard", "libQt6WebSockets", "libQt6Multimedia", "libQt6Sql",
    "libQt6EglFS", "libQt6EglFs", "libQt6Svg",
)
# Plugins known to open a socket or listen for one.
SOCKET_PLUGINS = ("libqvnc", "qvnc", "libqtuiotouchplugin", "libqconnman", "libqnetworkmanager", "libqglib",
                  "libqopensslbackend", "libqcertonlybackend", "qschannelbackend", "libqeglfs", "libqlinuxfb")


def app_modules(root: Path, *, with_demo: bool = False) -> set[str]:
    names = set()
    for path in (root / "app").rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if with_demo or not (name == DEMO or name.startswith(DEMO + ".")):
            names.add(name)
    return names


def _plugin_parts(dest: str) -> tuple[str, str] | None:
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" in parts and parts.index("plugins") >= 1 and parts[parts.index("plugins") - 1] == "Qt":
        i = parts.index("plugins")
        if len(parts) >= i + 3:
            return parts[i + 1], parts[-1]
        return parts[i + 1] if len(parts) > i + 1 else "", ""
    return None


def keep_binary(dest: str) -> bool:
    name = PurePosixPath(dest.replace("\\", "/")).name
    if any(name.startswith(banned) for banned in BANNED_LIBS):
        return False
    plugin = _plugin_parts(dest)
    if plugin is None:
        return True
    folder, file = plugin
    if folder not in PLUGINS:
        return False
    allowed = PLUGINS[folder]
    return allowed is None or file in allowed


def keep_data(dest: str) -> bool:
    path = dest.replace("\\", "/")
    if any(PurePosixPath(path).name.startswith(banned) for banned in BANNED_LIBS):
        return False  # PyInstaller's symlinks to a dropped library
    if "/Qt/translations/" in path or path.endswith("/Qt/translations"):
        return PurePosixPath(path).name in {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}
    if "/Qt/qml/" in path or "/Qt/resources/" in path and "webengine" in path.lower():
        return False
    plugin = _plugin_parts(dest)
    if plugin is not None:
        return keep_binary(dest)
    return True
