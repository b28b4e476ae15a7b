"""No crash output: a process of the app that dies leaves no core file holding its memory.

The control run (same child, not hardened) shows that this machine would write a core; where the
kernel writes none anyway (a core_pattern pipe, a container), the dump check is skipped and the
limits are still asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The child opens a real store and writes a marker, so a core would hold the plaintext; then aborts.
CHILD = """
import os, resource, sys
sys.path.insert(0, {root!r})
resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
if sys.argv[1] == "harden":
    from app.core.security.hardening import harden_process
    harden_process()
from app.core.store.connection import open_connection
from pathlib import Path
conn = open_connection(Path("db"), os.urandom(32), create=True)
conn.execute("CREATE TABLE t (x TEXT)")
conn.execute("INSERT INTO t VALUES ('CRASH-MARKER-巡察')")
conn.execute("SELECT x FROM t").fetchone()
os.abort()
"""


def _cores(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith("core")]


def _run_child(folder: Path, mode: str) -> int:
    code = CHILD.format(root=str(ROOT))
    return subprocess.run([sys.executable, "-c", code, mode], cwd=folder, capture_output=True).returncode


@pytest.mark.skipif(sys.platform != "linux", reason="core files and prctl are checked on Linux")
def test_a_hardened_process_that_crashes_leaves_no_core(tmp_path: Path):
    control, hardened = tmp_path / "control", tmp_path / "hardened"
    control.mkdir()
    hardened.mkdir()
    assert _run_child(hardened, "harden") != 0  # it did crash
    assert _cores(hardened) == []
    assert _run_child(control, "plain") != 0
    if not _cores(control):
        pytest.skip("this machine writes no core files even unhardened (core_pattern or container)")
    # The control's core does hold the plaintext: that is what the hardening keeps off the disk.
    assert any(b"CRASH-MARKER" in p.read_bytes() for p in _cores(control))


def _python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, input="x\n", env=env
    ).stdout


def test_harden_process_sets_the_limits_in_a_child():
    out = _python(
        "import resource\n"
        "from app.core.security.hardening import harden_process, is_dumpable\n"
        "print(harden_process(), resource.getrlimit(resource.RLIMIT_CORE), is_dumpable())"
    )
    assert "(0, 0)" in out, out
    if sys.platform == "linux":
        assert "not-dumpable" in out and out.strip().endswith("False"), out


def test_every_command_line_entry_hardens_before_opening_anything(tmp_path: Path):
    # A command that fails (no database here) still ran the hardening first.
    out = _python(
        "import resource\n"
        "from app.cli import main\n"
        "from app.core.security.hardening import is_dumpable\n"
        f"rc = main(['verify', '--data-dir', {str(tmp_path)!r}, '--user', 'nobody'])\n"
        "print(rc, resource.getrlimit(resource.RLIMIT_CORE), is_dumpable())"
    )
    assert "(0, 0)" in out, out
    assert not out.startswith("0 "), out  # the command itself failed: there is no database
    if sys.platform == "linux":
        assert out.strip().endswith("False"), out
