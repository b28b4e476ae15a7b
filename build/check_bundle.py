"""Check a built bundle folder (dist/xuncha): its shared libraries and Qt plugins, and its app modules.

    python3 build/check_bundle.py dist/xuncha        (no third-party packages needed)

Lists every shared library and Qt plugin in the folder with its size, and fails (exit 1) when
- a library or plugin is itself a banned one (QtNetwork, WebEngine, QML, ...) or a plugin known to
  open a socket (the VNC platform, TUIO touch, network information, TLS backends, eglfs/linuxfb);
- any library or plugin links libQt6Network (its ELF NEEDED entries, read with readelf -d);
- a module under app/ (but the demo) is not in the bundle's archive, or the demo is;
- the Chinese fonts, our translations or Qt's qtbase_zh_CN.qm are missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bundle_rules import BANNED_LIBS, DEMO, SOCKET_PLUGINS, app_modules  # noqa: E402


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line]


def is_elf_or_dll(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF" or path.suffix == ".dll"


def archive_modules(bundle: Path) -> set[str]:
    """The module names in the bundle's PYZ archive (PyInstaller's own reader, run from the venv)."""
    code = (
        "import sys\n"
        "from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader\n"
        "import pathlib\n"
        "b = pathlib.Path(sys.argv[1])\n"
        "pyz = next(b.rglob('base_library.zip'), None)\n"
        "exe = b / 'xuncha'\n"
        "car = CArchiveReader(str(exe))\n"
        "name = next(n for n in car.toc if n.endswith('.pyz'))\n"
        "data = car.extract(name)\n"
        "tmp = pathlib.Path(sys.argv[2]); tmp.write_bytes(data)\n"
        "print('\\n'.join(ZlibArchiveReader(str(tmp)).toc))\n"
    )
    import tempfile

    venv = ROOT / ".venv" / "bin" / "python"
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [str(venv), "-c", code, str(bundle), str(Path(tmp) / "a.pyz")], capture_output=True, text=True
        )
    if out.returncode != 0:
        raise SystemExit(f"cannot read the bundle's archive: {out.stderr.strip()}")
    return set(out.stdout.split())


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "xuncha")
    problems: list[str] = []
    for entry in sorted(bundle.rglob("*")):
        if entry.is_symlink() and (not entry.exists() or any(entry.name.startswith(b) for b in BANNED_LIBS)):
            problems.append(f"link to a missing or banned library: {entry.relative_to(bundle)}")
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    libs = sorted(p for p in files if (".so" in p.name or p.suffix == ".dll") and is_elf_or_dll(p))
    plugins = [p for p in libs if "plugins" in p.parts]
    total = sum(p.stat().st_size for p in files)
    print(f"bundle {bundle}: {total / 1e6:.1f} MB, {len(libs)} shared libraries, {len(plugins)} Qt plugins")
    for lib in libs:
        rel = lib.relative_to(bundle)
        kind = "plugin" if lib in plugins else "lib"
        print(f"  {kind:6} {lib.stat().st_size / 1e6:6.2f} MB  {rel}")
        if any(lib.name.startswith(b) for b in BANNED_LIBS):
            problems.append(f"banned library in the bundle: {rel}")
        if lib in plugins and any(lib.name.startswith(s) for s in SOCKET_PLUGINS):
            problems.append(f"socket-opening plugin in the bundle: {rel}")
        links = [n for n in needed(lib) if n.startswith("libQt6Network")]
        if links:
            problems.append(f"{rel} links {', '.join(links)}")
    inputs = {p.name for p in plugins if p.parent.name == "platforminputcontexts"}
    print("input-method plugins: " + (", ".join(sorted(inputs)) or "none"))
    if "libibusplatforminputcontextplugin.so" not in inputs:
        problems.append("the ibus input-method plugin is missing")

    internal = bundle / "_internal"
    for must in ("app/_resources/fonts/gbsn00lp.ttf", "app/_resources/fonts/wqy-microhei.ttc",
                 "app/_resources/translations/xuncha_zh_CN.qm", "PySide6/Qt/translations/qtbase_zh_CN.qm",
                 "app/_forms", "app/_resources/templates"):
        if not (internal / must).exists():
            problems.append(f"missing from the bundle: {must}")

    found = archive_modules(bundle)
    expected = app_modules(ROOT)
    missing = sorted(expected - found)
    demo = sorted(m for m in found if m == DEMO or m.startswith(DEMO + "."))
    print(f"app modules: {len(expected)} expected, {len(expected & found)} in the bundle")
    if missing:
        problems.append(f"app modules missing ({len(missing)}): " + ", ".join(missing))
    if demo:
        problems.append("demo modules in the bundle: " + ", ".join(demo))
    for p in problems:
        print("FAIL: " + p)
    if not problems:
        print("ok: no network library or socket plugin, every app module in, fonts and translations present")
    return 1 if problems else 0


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    sys.exit(main(sys.argv))
