"""No plaintext: after a scripted session, no file the app wrote contains any marker it was given.

A child process (a clean interpreter whose HOME, TMPDIR and XDG folders all point into this test's
temporary folder) runs a session through the core and then the GUI: drafts, account names, wrong
passwords, new passwords, a recovery, role changes, an audit search and export, a verified backup,
a lock and unlock in the main window, the Qt settings. The markers reach it on stdin only, so no
file of ours ever holds them. Then every file under the temporary folder, and every file in /tmp
and /dev/shm that changed during the run, is searched for each marker in UTF-8, UTF-16 (LE and BE),
GB18030 and as JSON \\u escapes, inside zip containers (xlsx) too.
"""

from __future__ import annotations

import io
import json
import os
import random
import secrets
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, sys, time
sys.path.insert(0, os.getcwd())
m = json.loads(sys.stdin.read())
from pathlib import Path
from app.core import drafts
from app.core.errors import AuthenticationError
from app.core.security import accounts, audit_view, dual_control
from app.core.security.roles import Role
from app.core.store.keyslots import KdfParams
from app.core.store.verify import verify_store
from app.core.workstation import NewAccount, Workstation

folder, out, backups = Path(m["data"]), Path(m["out"]), Path(m["backups"])
DEMO = "Demo-2026!"
people = [
    ("sysadmin", "王系统", Role.SYSADMIN, DEMO),
    ("secadmin", "李保密", Role.SECURITY_OFFICER, DEMO),
    ("auditor", "赵审计", Role.AUDITOR, DEMO),
    ("office", m["office_name"], Role.OFFICE, m["office_password"]),
    ("member1", "周组员", Role.TEAM_MEMBER, DEMO),
]
ws = Workstation(folder)
setup = ws.create(
    m["org"],
    [NewAccount(u, n, r, p, must_change_password=False, post=m["post"] if u == "office" else "") for u, n, r, p in people],
    kdf=KdfParams.fast_for_tests(),
)
print(json.dumps({"recovery_code": setup.recovery_code}), flush=True)

s = ws.unlock("office", m["office_password"])
drafts.save_draft(s, "talk:1", {"text": m["draft_ascii"] + " " + m["draft_zh"], "who": m["person_zh"]})
drafts.save_draft(s, "talk:2", {"text": m["deleted_zh"]})
assert drafts.load_draft(s, "talk:1")["who"] == m["person_zh"]
drafts.discard_draft(s, "talk:2")
s.close()

try:
    ws.unlock("office", m["wrong_password"])
except AuthenticationError:
    pass

s = ws.unlock("sysadmin", DEMO)
user = accounts.create_account(s, "newcomer", m["new_name"], m["temp_password"], post=m["post2"])
accounts.list_accounts(s)
s.close()

s = ws.unlock("secadmin", DEMO)
change = dual_control.propose_role(s, user.id, Role.TEAM_LEADER, "机密")
dual_control.confirm(s, change, "sysadmin", DEMO)
s.close()

s = ws.unlock("newcomer", m["temp_password"])
accounts.change_own_password(s, m["temp_password"], m["new_password"])
s.close()

ws.recover(setup.recovery_code, "member1", m["recovered_password"])

s = ws.unlock("auditor", DEMO)
audit_view.list_entries(s, text=m["search"])
audit_view.export_entries(s, out / "audit.xlsx")
assert verify_store(s).ok
s.close()

if m["backup"]:
    from app.core.store.backup import create_backup
    s = ws.unlock("sysadmin", DEMO)
    create_backup(s, backups / "workbench.xcbak")
    s.close()

gui = "none"
if m["gui"]:
    from PySide6.QtWidgets import QApplication
    from app.ui.application import AppController, make_application
    from app.ui.main_window import MainWindow
    from app.ui.settings import app_settings

    qt = make_application()

    def wait(cond, seconds=20):
        end = time.monotonic() + seconds
        while not cond():
            if time.monotonic() > end:
                raise SystemExit("GUI step timed out")
            qt.processEvents()
            time.sleep(0.01)

    ctl = AppController(folder, quit_app=False)
    ctl.start()
    unlock = ctl.window
    unlock.username.setText("office")
    unlock.password.setText(m["wrong_password"])
    unlock.submit()
    wait(lambda: unlock.error_label.isVisible() and unlock.login_button.isEnabled())
    unlock.password.setText(m["office_password"])
    unlock.submit()
    wait(lambda: isinstance(ctl.window, MainWindow))
    main = ctl.window
    main.lock("manual")
    wait(lambda: main.locked)
    main._try_unlock(m["wrong_password"])
    main._try_unlock(m["office_password"])
    wait(lambda: not main.locked)
    main.sign_out()
    wait(lambda: ctl.window is not main and ctl.window is not None)
    app_settings().sync()
    ctl.shutdown()
    gui = "done"
print(json.dumps({"gui": gui}), flush=True)
"""


def _cjk(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(n))


def _markers() -> dict[str, str]:
    rng = random.Random(secrets.randbits(64))
    tag = secrets.token_hex(5)
    return {
        "org": f"{_cjk(rng, 6)}巡察办{_cjk(rng, 4)}",
        "office_name": f"陈{_cjk(rng, 5)}",
        "post": f"POSTMK{tag}x",
        "post2": f"职务{_cjk(rng, 5)}",
        "office_password": f"Bureau-Pw-{tag}!",
        "wrong_password": f"Wrong-Pw-{tag}?",
        "temp_password": f"Temp-Pw-{tag}#",
        "new_password": f"New-Pw-{tag}-{_cjk(rng, 2)}9a",
        "recovered_password": f"Recovered-{tag}%",
        "draft_ascii": f"DRAFTMK{tag}q",
        "draft_zh": f"谈话记录{_cjk(rng, 8)}",
        "person_zh": f"被谈话人{_cjk(rng, 4)}",
        "deleted_zh": f"已删除草稿{_cjk(rng, 6)}",
        "new_name": f"新同志{_cjk(rng, 4)}",
        "search": f"SEARCHMK{tag}z",
    }


def _forms(text: str) -> list[bytes]:
    forms = {text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "gb18030")}
    escaped = json.dumps(text)[1:-1]  # \uXXXX for non-ASCII
    if escaped != text:
        forms |= {escaped.encode("ascii"), escaped.upper().replace("\\U", "\\u").encode("ascii")}
    return sorted(forms)


def _contents(path: Path) -> list[tuple[str, bytes]]:
    """The file's bytes, and the members of a zip container (xlsx, docx) decompressed."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    out = [(str(path), data)]
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                out += [(f"{path}!{name}", zf.read(name)) for name in zf.namelist()]
        except zipfile.BadZipFile:
            pass
    return out


def _scan(files: list[Path], markers: dict[str, str]) -> list[str]:
    needles = [(name, form) for name, text in markers.items() for form in _forms(text)]
    hits = []
    for path in files:
        for where, data in _contents(path):
            for name, form in needles:
                if form in data:
                    hits.append(f"{name} ({form[:24]!r}) in {where}")
    return hits


def _changed_since(folder: Path, since: float, skip: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        if Path(dirpath) == skip or skip in Path(dirpath).parents:
            dirnames[:] = []
            continue
        for name in filenames:
            path = Path(dirpath) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            if path.is_file() and not path.is_symlink() and st.st_mtime >= since and st.st_size < 64 << 20:
                found.append(path)
    return found


def _run_session(tmp_path: Path, markers: dict[str, str], *, gui: bool, backup: bool) -> dict:
    dirs = {
        name: tmp_path / name
        for name in ("data", "out", "backups", "home", "config", "cache", "tmp", "share")
    }
    for name, path in dirs.items():
        if name != "data":
            path.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_", "TMP", "TEMP"))}
    env.update(
        HOME=str(dirs["home"]),
        TMPDIR=str(dirs["tmp"]),
        XDG_CONFIG_HOME=str(dirs["config"]),
        XDG_CACHE_HOME=str(dirs["cache"]),
        XDG_DATA_HOME=str(dirs["share"]),
        XDG_RUNTIME_DIR=str(dirs["tmp"]),
        QT_QPA_PLATFORM="offscreen",
    )
    request = {
        **markers,
        "data": str(dirs["data"]),
        "out": str(dirs["out"]),
        "backups": str(dirs["backups"]),
        "gui": gui,
        "backup": backup,
    }
    result = subprocess.run(
        [sys.executable, "-I", "-c", SCRIPT],
        input=json.dumps(request),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {k: v for line in lines for k, v in line.items()}


@pytest.mark.timeout(200)
def test_no_marker_reaches_any_file(tmp_path):
    markers = _markers()
    started = time.time() - 1
    gui = (ROOT / "app" / "ui" / "application.py").exists()
    backup = (ROOT / "app" / "core" / "store" / "backup.py").exists()
    outcome = _run_session(tmp_path, markers, gui=gui, backup=backup)
    assert outcome.get("gui") == ("done" if gui else "none")
    markers["recovery_code"] = outcome["recovery_code"]
    markers["recovery_code_bare"] = outcome["recovery_code"].replace("-", "")

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    # The session really wrote what we mean to search.
    assert {"workbench.db", "keyslots.json", "audit.head", "audit.xlsx"} <= names
    if backup:
        assert "workbench.xcbak" in names
    if gui:
        ini = [p for p in (tmp_path / "config").rglob("*.ini")]
        assert ini, "the GUI wrote no Qt settings under XDG_CONFIG_HOME"
    # The scan itself works: the audit export holds the usernames in the clear.
    assert _scan([tmp_path / "out" / "audit.xlsx"], {"probe": "newcomer"})

    hits = _scan(files, markers)
    for system_tmp in (Path("/tmp"), Path("/dev/shm")):
        if system_tmp.is_dir():
            hits += _scan(_changed_since(system_tmp, started, skip=tmp_path), markers)
    assert hits == [], "plaintext found:\n" + "\n".join(hits)


def test_password_typed_into_the_username_field_does_not_reach_the_disk(workstation):
    from app.core.errors import AuthenticationError

    secret = f"Secret-{secrets.token_hex(6)}!"
    with pytest.raises(AuthenticationError):
        workstation.unlock(secret, "")
    files = [p for p in workstation.folder.rglob("*") if p.is_file()]
    assert _scan(files, {"typed": secret.lower()}) == []
