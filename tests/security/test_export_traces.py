"""An export writes its output and nothing else: no spool file in the temp folder, anywhere.

Python's audit hook sees every file the process opens for writing (`open` events, from `open()`,
`os.open` and `tempfile` alike); during `python -m app audit-export` the only ones allowed are the
output (and its temporary name beside it) and the data folder's own files.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from app import cli
from app.core.security import hardening
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD

_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_watch: list[list[str]] = []


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not _watch:
        return
    path, mode, flags = args
    writing = (mode is not None and any(c in str(mode) for c in "wax+")) or (
        isinstance(flags, int) and flags & _WRITE
    )
    if writing and isinstance(path, str | bytes | os.PathLike):
        _watch[-1].append(os.fsdecode(path))


sys.addaudithook(_hook)


def test_audit_export_writes_only_its_output(workstation: Workstation, tmp_path: Path, monkeypatch):
    out_dir = tmp_path / "media"
    out_dir.mkdir()
    spool = tmp_path / "tmp"
    spool.mkdir()
    dest = out_dir / "audit.xlsx"
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    monkeypatch.setattr(hardening, "harden_process", lambda: [])
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    written: list[str] = []
    _watch.append(written)
    try:
        code = cli.main(
            ["audit-export", "--data-dir", str(workstation.folder), "--user", "auditor", str(dest)]
        )
    finally:
        _watch.remove(written)
    assert code == cli.EXIT_OK
    rows = list(load_workbook(dest, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and any(r[4] == "初始化工作站" for r in rows[1:])

    data = workstation.folder.resolve()
    stray = [
        p for p in written if Path(p).resolve().parent not in (out_dir.resolve(), data) or "openpyxl" in p
    ]
    assert stray == [], f"the export wrote files besides its output: {stray}"
    assert list(spool.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["audit.xlsx"]
