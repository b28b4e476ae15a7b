"""Take every screenshot the user manual shows, from the real application on demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/manual_screenshots.py [--only NAME ...]

Builds a demo workstation in a temporary folder (app.demo), opens the real windows offscreen at
1280×800 in Chinese, drives them to the state each picture shows and writes the PNGs (palette
images, optimised) into docs/manual/images/. It also writes docs/manual/images/manifest.json: for
each picture, the sha256 of every Qt Designer form (forms/*.ui) visible in it when it was taken, so
tests/core/test_manual_images.py can tell when a form changed after its picture (then run this
script again). Nothing of the demo stays behind: the folder, Qt's settings and caches are
temporary and removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "manual" / "images"
MANIFEST = IMAGES / "manifest.json"

sys.path.insert(0, str(ROOT))
_scratch = Path(tempfile.mkdtemp(prefix="xuncha-shots-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = str(_scratch / "config")  # Qt's settings: thrown away at the end
os.environ["XDG_CACHE_HOME"] = str(_scratch / "cache")
os.environ["XUNCHA_LANG"] = "zh_CN"

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice  # noqa: E402
from PySide6.QtUiTools import QUiLoader  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

# ---- which forms a picture shows ------------------------------------------------------------------
# Every form is loaded through QUiLoader.load (app.ui.forms); remember which widget each became.
_loaded: list[tuple[str, weakref.ref]] = []
_original_load = QUiLoader.load


def _recording_load(self, device, parent=None):
    widget = _original_load(self, device, parent)
    name = Path(device.fileName()).name if hasattr(device, "fileName") else ""
    if widget is not None and name.endswith(".ui"):
        _loaded.append((name, weakref.ref(widget)))
    return widget


QUiLoader.load = _recording_load  # type: ignore[method-assign]

import shiboken6  # noqa: E402

from app.ui.application import make_application  # noqa: E402
from scripts.manual_wait import settle  # noqa: E402


def forms_shown(window: QWidget) -> list[str]:
    """The forms whose widgets are visible inside `window` (or its own dialogs) right now."""
    names = set()
    for name, ref in _loaded:
        widget = ref()
        if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
            continue
        if widget is window or window.isAncestorOf(widget) or widget.window() is window:
            names.add(name)
    return sorted(names)


def form_hash(name: str) -> str:
    return hashlib.sha256((ROOT / "forms" / name).read_bytes()).hexdigest()


# ---- grabbing ------------------------------------------------------------------------------------
class Shots:
    def __init__(self, only: set[str]) -> None:
        self.only = only
        self.manifest: dict[str, dict] = json.loads(MANIFEST.read_text("utf-8")) if MANIFEST.exists() else {}
        self.taken: list[str] = []

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def grab(self, name: str, widget: QWidget, *, extra_forms: tuple[str, ...] = ()) -> None:
        settle()
        pixmap = widget.grab()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
        # Screenshots are flat colours and text: a 256-colour palette keeps them sharp and small.
        small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, "PNG", optimize=True)
        (IMAGES / name).write_bytes(out.getvalue())
        forms = sorted(set(forms_shown(widget.window())) | set(extra_forms))
        self.manifest[name] = {"forms": {f: form_hash(f) for f in forms}, "size": list(image.size)}
        self.taken.append(name)
        print(f"  {name}: {image.size[0]}×{image.size[1]}, {len(out.getvalue()) // 1024} KB, forms {forms}")

    def save_manifest(self) -> None:
        present = {p.name for p in IMAGES.glob("*.png")}
        manifest = {k: v for k, v in sorted(self.manifest.items()) if k in present}
        MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="take only these pictures (file names)")
    parser.add_argument("--demo", type=Path, default=None, help="reuse this demo folder (it is copied)")
    args = parser.parse_args(argv)
    IMAGES.mkdir(parents=True, exist_ok=True)
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    from scripts import manual_scenes

    shots = Shots(set(args.only))
    try:
        manual_scenes.run_all(shots, _scratch, args.demo)
    finally:
        shots.save_manifest()
        shutil.rmtree(_scratch, ignore_errors=True)
    print(f"{len(shots.taken)} pictures written to {IMAGES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
