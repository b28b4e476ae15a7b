"""Crash loop: kill a writing process with SIGKILL at random instants and check what survives.

A child process signs in to a workstation and commits records in a loop (a draft and its audit
entry in one transaction, as the app does), printing each record's key on stdout only after COMMIT
returned. The parent kills it with SIGKILL at a random instant, then checks that

- the database opens with the key,
- `PRAGMA integrity_check` is ok and, after a WAL checkpoint, `PRAGMA cipher_integrity_check` is clean,
- the audit chain verifies against the head file kept outside the database,
- every key the child acknowledged is in the database with its payload,
- the workstation still signs in normally.

The same data folder carries on across kills, so each round also recovers from the previous crash.

    .venv/bin/python scripts/crash_loop.py --kills 200          # more rounds than CI runs
    .venv/bin/python scripts/crash_loop.py --kills 50 --seed 7  # reproducible instants

The test suite runs the same code (tests/security/test_crash_safety.py, CRASH_KILLS rounds).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

USERNAME = "office"
PASSWORD = "Crash-Loop-2026!"


# ---- the child ---------------------------------------------------------------------------------


def writer(folder: Path, prefix: str, seed: int) -> None:
    """Commit records until killed; print each key once its transaction has committed."""
    from app.core import drafts
    from app.core.workstation import Workstation

    rng = random.Random(seed)
    session = Workstation(folder).unlock(USERNAME, PASSWORD)
    print("ready", flush=True)
    i = 0
    while True:
        key = f"{prefix}-{i}"
        # Sizes from a few bytes to several pages, so overflow pages and WAL checkpoints happen.
        payload = {"key": key, "body": "巡察" * rng.choice((4, 100, 600, 2000))}
        with session.transaction():
            drafts.save_draft(session, key, payload)
            session.audit("crash_probe", "draft", key, f"#{i}")
        sys.stdout.write(key + "\n")
        sys.stdout.flush()
        i += 1


# ---- the parent --------------------------------------------------------------------------------


@dataclass
class LoopResult:
    kills: int = 0
    acknowledged: int = 0
    killed_before_ready: int = 0
    problems: list[str] = field(default_factory=list)


def create_workstation(folder: Path) -> None:
    from app.core.security.roles import Role
    from app.core.store.keyslots import KdfParams
    from app.core.workstation import NewAccount, Workstation

    accounts = [
        NewAccount("sysadmin", "系统管理员", Role.SYSADMIN, PASSWORD, must_change_password=False),
        NewAccount("secadmin", "安全保密管理员", Role.SECURITY_OFFICER, PASSWORD, must_change_password=False),
        NewAccount("auditor", "安全审计员", Role.AUDITOR, PASSWORD, must_change_password=False),
        NewAccount(USERNAME, "巡察办", Role.OFFICE, PASSWORD, must_change_password=False),
    ]
    Workstation(folder).create("崩溃测试单位", accounts, kdf=KdfParams.fast_for_tests())


def _db_key(folder: Path) -> bytes:
    from app.core.workstation import Workstation

    session = Workstation(folder).unlock(USERNAME, PASSWORD)
    key = bytes(session.db_key)
    session.close()
    return key


class LineReader:
    """Whole lines from the child's stdout; an unfinished last line is never taken as an ack."""

    def __init__(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        self.fd = proc.stdout.fileno()
        self.buffer = b""
        self.lines: list[str] = []
        self.eof = False

    def read_for(self, seconds: float, *, until_ready: bool = False) -> None:
        end = time.monotonic() + seconds
        while not self.eof and not (until_ready and "ready" in self.lines):
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return
            chunk = os.read(self.fd, 65536)
            if not chunk:
                self.eof = True
                return
            self.buffer += chunk
            *whole, self.buffer = self.buffer.split(b"\n")
            self.lines.extend(line.decode() for line in whole)


def kill_once(folder: Path, prefix: str, rng: random.Random) -> tuple[list[str], bool]:
    """Start a writer, kill it at a random instant; returns (acknowledged keys, was it ready)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--writer",
            str(folder),
            prefix,
            str(rng.randrange(1 << 30)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    reader = LineReader(proc)
    try:
        if rng.random() < 0.2:
            # Sometimes at any instant from start-up on: during imports, sign-in, the slot file write.
            reader.read_for(rng.uniform(0.0, 1.2))
        else:
            # Mostly during the write loop, at a random instant after it started.
            reader.read_for(60, until_ready=True)
            reader.read_for(rng.uniform(0.0, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        # Whatever the child wrote to the pipe before dying had been acknowledged.
        while not reader.eof:
            reader.read_for(5)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    if proc.returncode != -signal.SIGKILL:
        raise RuntimeError(f"writer ended by itself (rc={proc.returncode}) before the kill:\n{err[-2000:]}")
    ready = "ready" in reader.lines
    acks = [line for line in reader.lines if line.startswith(prefix + "-")]
    return acks, ready


def check_folder(folder: Path, db_key: bytes, acknowledged: dict[str, None]) -> list[str]:
    """Everything that must hold after a crash; returns the problems found (empty when all hold)."""
    from app.core.errors import UserError
    from app.core.security import audit as audit_trail
    from app.core.store.connection import DB_FILE, DatabaseError, open_connection
    from app.core.store.keyslots import subkey
    from app.core.workstation import Workstation

    problems: list[str] = []
    try:
        conn = open_connection(folder / DB_FILE, db_key)
    except UserError as exc:
        return [f"database does not open: {exc}"]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.append(f"integrity_check: {rows[:5]}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        rows = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        if rows:
            problems.append(f"cipher_integrity_check: {rows[:5]}")
        try:
            head = audit_trail.read_head(folder, subkey(db_key, "audit-head"))
        except UserError as exc:
            problems.append(f"audit head: {exc}")
            head = None
        chain = audit_trail.verify_chain(conn, subkey(db_key, "audit-chain"), head)
        if not chain.ok or head is None:
            problems.append(f"audit chain: {chain.message} (head={head})")
        present = {
            row[0]: row[1]
            for row in conn.execute("SELECT form_key, payload FROM drafts WHERE form_key LIKE 'k%'")
        }
        missing = [key for key in acknowledged if key not in present]
        if missing:
            problems.append(f"{len(missing)} acknowledged writes lost, first {missing[:5]}")
        wrong = [key for key in acknowledged if key in present and json.loads(present[key])["key"] != key]
        if wrong:
            problems.append(f"payload of {wrong[:5]} does not match its key")
        probes = {row[0] for row in conn.execute("SELECT object_id FROM audit WHERE action = 'crash_probe'")}
        unaudited = [key for key in present if key not in probes]
        if unaudited:
            problems.append(f"records committed without their audit entry: {unaudited[:5]}")
    except DatabaseError as exc:
        problems.append(f"reading the database failed: {exc}")
    finally:
        conn.close()
    try:
        Workstation(folder).unlock(USERNAME, PASSWORD).close()
    except (UserError, DatabaseError) as exc:
        problems.append(f"sign-in after the crash failed: {exc}")
    return problems


def run_loop(folder: Path, kills: int, seed: int | None = None, log=None) -> LoopResult:
    """Create a workstation in `folder` (if empty) and run `kills` kill-and-check rounds."""
    rng = random.Random(seed)
    folder = Path(folder)
    if not (folder / "keyslots.json").exists():
        create_workstation(folder)
    db_key = _db_key(folder)
    acknowledged: dict[str, None] = {}
    result = LoopResult()
    for round_no in range(kills):
        acks, ready = kill_once(folder, f"k{round_no:04d}", rng)
        acknowledged.update(dict.fromkeys(acks))
        result.kills += 1
        result.killed_before_ready += not ready
        problems = check_folder(folder, db_key, acknowledged)
        if log:
            log(
                f"kill {round_no + 1}/{kills}: {len(acks)} acked ({'loop' if ready else 'start-up'}), "
                f"{len(acknowledged)} total, {'OK' if not problems else 'PROBLEMS'}"
            )
        if problems:
            result.problems.extend(f"after kill {round_no + 1}: {p}" for p in problems)
            break
    result.acknowledged = len(acknowledged)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=100, help="how many SIGKILL rounds (default 100)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the kill instants")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="keep the data here (default: a temp dir)"
    )
    parser.add_argument("--writer", nargs=3, metavar=("DIR", "PREFIX", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        writer(Path(args.writer[0]), args.writer[1], int(args.writer[2]))
        return 0
    with tempfile.TemporaryDirectory(prefix="xuncha-crash-") as tmp:
        folder = args.data_dir or Path(tmp) / "ws"
        started = time.monotonic()
        result = run_loop(folder, args.kills, args.seed, log=print)
        print(
            f"{result.kills} kills ({result.killed_before_ready} during start-up), "
            f"{result.acknowledged} acknowledged writes, {time.monotonic() - started:.1f}s"
        )
        for problem in result.problems:
            print("PROBLEM:", problem)
        return 1 if result.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
