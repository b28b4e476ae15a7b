"""Check that PyInstaller's analysis of build/xuncha.spec takes in every module under app/ but the demo.

    .venv/bin/python build/check_modules.py      (needs pyinstaller>=6.5; build/build.sh installs it)

Runs the spec's Analysis only (PYZ, EXE and COLLECT are stubbed: nothing is bundled), into a temporary
work folder, and compares the app modules it found with the .py files under app/. Exit code 0 when
every module is in and app.demo is out; 1 with the differences otherwise. The wiring is written down
(migrations, GUI areas and phase gates are imported by name), so this holds by static imports alone;
tests/test_structure.py checks the same reachability without PyInstaller.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "xuncha.spec"
LEFT_OUT = "app.demo"  # the spec excludes the demo package


def app_modules() -> set[str]:
    names = set()
    for path in (ROOT / "app").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.add(".".join(parts))
    return names


def analysed_modules(workdir: Path) -> set[str]:
    import PyInstaller.building.build_main as build_main
    from PyInstaller.__main__ import run

    seen: dict[str, list] = {}

    def pyz(pure, *args, **kwargs):
        seen["pure"] = list(pure)

    build_main.PYZ = pyz
    build_main.EXE = lambda *args, **kwargs: None
    build_main.COLLECT = lambda *args, **kwargs: None
    run(
        [
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(workdir / "dist"),
            "--workpath",
            str(workdir / "work"),
            str(SPEC),
        ]
    )
    found = {entry[0] for entry in seen["pure"]}
    # app/__main__.py is the analysis's script, not a module of the archive
    return {name for name in found if name == "app" or name.startswith("app.")} | {"app.__main__"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="xuncha-analysis-") as tmp:
        found = analysed_modules(Path(tmp))
    expected = {m for m in app_modules() if not (m == LEFT_OUT or m.startswith(LEFT_OUT + "."))}
    missing = sorted(expected - found)
    unwanted = sorted(m for m in found if m == LEFT_OUT or m.startswith(LEFT_OUT + "."))
    print(
        f"modules under app/: {len(app_modules())}; expected in the bundle: {len(expected)}; analysed: {len(found)}"
    )
    if missing:
        print(f"missing from the analysis ({len(missing)}): " + ", ".join(missing))
    if unwanted:
        print("in the analysis but left out by the spec: " + ", ".join(unwanted))
    if not missing and not unwanted:
        print(f"ok: every module under app/ except {LEFT_OUT} is in the analysis, and {LEFT_OUT} is not")
    return 1 if missing or unwanted else 0


if __name__ == "__main__":
    sys.exit(main())
