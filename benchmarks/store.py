"""The store's own workload, encrypted, against plain SQLite doing the same SQL.

    .venv/bin/python benchmarks/store.py [--records 1000] [--bulk 20000] [--bare-lib sqlite3|sqlcipher3]

Ours is a real workstation: created with the calibrated Argon2 parameters, opened with
Workstation.unlock, every write through the session (BEGIN IMMEDIATE, the record, its audit entry
with the HMAC chain and the acting account's Ed25519 signature, COMMIT, then the audit head file)
exactly as core operations do. Bare is an
unencrypted file opened with every setting plain SQLite has in common with ours (WAL,
synchronous=FULL, secure_delete, temp_store=MEMORY, foreign keys, the same page cache), running the
same statements, the audit rows included (computed by the same function). What is left in the ratio
is what our store adds: encryption with page HMACs, the session, the entry's signature, the audit
head file.

Measures (one line each, `name: ours=…s bare=…s ratio=…`):
  insert       one record per transaction with its signed audit entry, as a core operation does
  insert_sql   the same transactions on a bare session-less connection (no head file, no signature)
  draft        app.core.drafts.save_draft, one per transaction (a real core path, audited: bare
               writes the same draft row and the same audit row)
  bulk_insert  many records in one transaction (an import)
  select       lookups by id
  search_like  LIKE '%…%' over the text
  search_fts   FTS5 trigram MATCH over the same text
  unlock       signing in (Argon2 key derivation dominates; ours only)
Then the breakdown: which of our settings costs what on the insert workload.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core import drafts  # noqa: E402
from app.core.security import audit as audit_trail  # noqa: E402
from app.core.security.roles import Role  # noqa: E402
from app.core.store.connection import PRAGMAS, key_pragmas  # noqa: E402
from app.core.store.keyslots import calibrated_params, subkey  # noqa: E402
from app.core.store.migrations.common import RECORD_COLUMNS  # noqa: E402
from app.core.workstation import NewAccount, Workstation  # noqa: E402

PASSWORD = "Bench-Mark-2026!"
TABLE_SQL = f"""
CREATE TABLE IF NOT EXISTS bench_records (
    {RECORD_COLUMNS},
    title TEXT NOT NULL,
    body TEXT NOT NULL
)
"""
FTS_SQL = "CREATE VIRTUAL TABLE IF NOT EXISTS bench_fts USING fts5(body, content='', tokenize='trigram')"
INSERT = (
    "INSERT INTO bench_records (id, created_at, updated_at, author_id, workstation_id, title, body)"
    " VALUES (?,?,?,?,?,?,?)"
)
WORDS = "巡察 谈话 记录 问题 线索 整改 销号 领导班子 一把手 八项规定 公车 私用 违规 发放 津贴 补贴 选人用人 民主测评".split()


def text_for(rng: random.Random, n_words: int) -> str:
    return "，".join(rng.choice(WORDS) for _ in range(n_words)) + "。"


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def interleaved(ours: Callable[[int, int], None], bare: Callable[[int, int], None], n: int, chunk: int = 50):
    """Run both over records [0, n) in alternating chunks, so that disk noise hits both alike."""
    t_ours = t_bare = 0.0
    for start in range(0, n, chunk):
        end = min(n, start + chunk)
        if (start // chunk) % 2:
            t_bare += timed(lambda: bare(start, end))  # noqa: B023 - called at once
            t_ours += timed(lambda: ours(start, end))  # noqa: B023
        else:
            t_ours += timed(lambda: ours(start, end))  # noqa: B023
            t_bare += timed(lambda: bare(start, end))  # noqa: B023
    return t_ours, t_bare


def best_of(fn: Callable[[], object], times: int = 3) -> float:
    return min(timed(fn) for _ in range(times))


class Bare:
    """Plain SQLite on an unencrypted file, same statements, same durability settings."""

    def __init__(self, path: Path, lib: str) -> None:
        module = sqlite3 if lib == "sqlite3" else __import__("sqlcipher3")
        self.conn = module.connect(str(path), isolation_level=None)
        self.conn.row_factory = module.Row  # rows by name, as our connections give them
        for name, value in PRAGMAS.items():  # the same settings, minus the key
            self.conn.execute(f"PRAGMA {name} = {value}")
        self.conn.execute(
            "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, username TEXT NOT NULL,"
            " role TEXT NOT NULL, action TEXT NOT NULL, object_type TEXT NOT NULL DEFAULT '',"
            " object_id TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '',"
            " workstation_id TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,"
            " signer_key TEXT NOT NULL DEFAULT '', signature TEXT NOT NULL DEFAULT '')"
        )
        for index in ("at", "username", "action"):
            self.conn.execute(f"CREATE INDEX audit_{index} ON audit({index})")
        self.conn.execute(
            f"CREATE TABLE drafts ({RECORD_COLUMNS}, user_id TEXT NOT NULL, form_key TEXT NOT NULL,"
            " payload TEXT NOT NULL, UNIQUE (user_id, form_key))"
        )
        self.conn.execute(TABLE_SQL)
        self.conn.execute(FTS_SQL)


def make_workstation(folder: Path) -> float:
    accounts = [
        NewAccount("sysadmin", "系统管理员", Role.SYSADMIN, PASSWORD, must_change_password=False),
        NewAccount("secadmin", "安全保密管理员", Role.SECURITY_OFFICER, PASSWORD, must_change_password=False),
        NewAccount("auditor", "安全审计员", Role.AUDITOR, PASSWORD, must_change_password=False),
        NewAccount("office", "巡察办", Role.OFFICE, PASSWORD, must_change_password=False),
    ]
    params = calibrated_params()
    Workstation(folder).create("基准测试单位", accounts, kdf=params)
    return timed(lambda: Workstation(folder).unlock("office", PASSWORD).close())


def run(records: int, bulk: int, lookups: int, searches: int, bare_lib: str, breakdown: bool) -> None:
    rng = random.Random(2026)
    rows = [(f"第{i}号问题底稿", text_for(rng, rng.randint(20, 120))) for i in range(2 * records + bulk)]
    with tempfile.TemporaryDirectory(prefix="xuncha-bench-") as tmp:
        tmp_path = Path(tmp)
        ws_dir = tmp_path / "ws"
        make_workstation(ws_dir)
        unlock_times = []
        for _ in range(3):
            unlock_times.append(timed(lambda: Workstation(ws_dir).unlock("office", PASSWORD).close()))
        session = Workstation(ws_dir).unlock("office", PASSWORD)
        session.conn.execute(TABLE_SQL)
        session.conn.execute(FTS_SQL)
        bare = Bare(tmp_path / "bare.db", bare_lib)
        audit_key = subkey(os.urandom(32), "audit-chain")
        results: dict[str, tuple[float, float]] = {}

        # insert: the core way, one transaction per record with its audit entry.
        def ours_insert(a: int, b: int) -> None:
            for title, body in rows[a:b]:
                values = session.record_values()
                with session.transaction() as conn:
                    conn.execute(INSERT, (*values.values(), title, body))
                    conn.execute(
                        "INSERT INTO bench_fts (rowid, body) VALUES (last_insert_rowid(), ?)", (body,)
                    )
                    session.audit("bench_create", "bench", values["id"], "基准记录")

        def sql_insert(conn, key: bytes, a: int, b: int) -> None:
            for title, body in rows[a:b]:
                values = session.record_values()
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(INSERT, (*values.values(), title, body))
                conn.execute("INSERT INTO bench_fts (rowid, body) VALUES (last_insert_rowid(), ?)", (body,))
                audit_trail.append(
                    conn,
                    key,
                    user_id=session.user.id,
                    username="office",
                    role="office",
                    action="bench_create",
                    object_type="bench",
                    object_id=values["id"],
                    summary="基准记录",
                    workstation_id=session.workstation_id,
                )
                conn.execute("COMMIT")

        results["insert"] = interleaved(
            ours_insert, lambda a, b: sql_insert(bare.conn, audit_key, a, b), records
        )

        # insert_sql: the same statements on our encrypted file, minus the session (no head file).
        raw = _raw_encrypted(ws_dir, session.db_key)
        results["insert_sql"] = interleaved(
            lambda a, b: sql_insert(raw, session.audit_key, records + a, records + b),
            lambda a, b: sql_insert(bare.conn, audit_key, records + a, records + b),
            records,
        )
        raw.close()
        # The raw connection moved the audit chain on without the session: bring the head file along.
        last = session.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        audit_trail.write_head(ws_dir, subkey(session.db_key, "audit-head"), last[0], last[1])

        # draft: a real core path; a draft save is audited (its key and size), so bare writes the audit row too.
        payloads = [{"text": body} for _, body in rows[:records]]

        def ours_draft(a: int, b: int) -> None:
            for i in range(a, b):
                drafts.save_draft(session, f"bench:{i}", payloads[i])

        def bare_draft(a: int, b: int) -> None:
            for i in range(a, b):
                values = session.record_values()
                bare.conn.execute("BEGIN IMMEDIATE")
                bare.conn.execute(
                    "INSERT INTO drafts (id, created_at, updated_at, author_id, workstation_id, user_id, form_key,"
                    " payload) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (user_id, form_key) DO UPDATE SET"
                    " payload = excluded.payload, updated_at = excluded.updated_at",
                    (
                        *values.values(),
                        session.user.id,
                        f"bench:{i}",
                        json.dumps(payloads[i], ensure_ascii=False),
                    ),
                )
                audit_trail.append(
                    bare.conn,
                    audit_key,
                    user_id=session.user.id,
                    username="office",
                    role="office",
                    action="draft_save",
                    object_id=f"bench:{i}",
                    summary=f"{len(json.dumps(payloads[i], ensure_ascii=False).encode('utf-8'))} 字节",
                    workstation_id=session.workstation_id,
                )
                bare.conn.execute("COMMIT")

        results["draft"] = interleaved(ours_draft, bare_draft, records)

        # bulk_insert: one transaction, as an import does.
        bulk_rows = rows[2 * records : 2 * records + bulk] if bulk else []

        def ours_bulk() -> None:
            with session.transaction() as conn:
                for title, body in bulk_rows:
                    conn.execute(INSERT, (*session.record_values().values(), title, body))
                    conn.execute(
                        "INSERT INTO bench_fts (rowid, body) VALUES (last_insert_rowid(), ?)", (body,)
                    )
                session.audit("bench_import", "bench", "", f"{len(bulk_rows)} 条")

        def bare_bulk() -> None:
            bare.conn.execute("BEGIN IMMEDIATE")
            for title, body in bulk_rows:
                bare.conn.execute(INSERT, (*session.record_values().values(), title, body))
                bare.conn.execute(
                    "INSERT INTO bench_fts (rowid, body) VALUES (last_insert_rowid(), ?)", (body,)
                )
            audit_trail.append(
                bare.conn,
                audit_key,
                user_id=session.user.id,
                username="office",
                role="office",
                action="bench_import",
                workstation_id=session.workstation_id,
            )
            bare.conn.execute("COMMIT")

        results["bulk_insert"] = (timed(ours_bulk), timed(bare_bulk))

        # Reads: start both from a checkpointed file and a cold page cache of the same size.
        session.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        bare.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ids_ours = [r[0] for r in session.conn.execute("SELECT id FROM bench_records")]
        ids_bare = [r[0] for r in bare.conn.execute("SELECT id FROM bench_records")]
        picks = rng.sample(range(min(len(ids_ours), len(ids_bare))), min(lookups, len(ids_ours)))

        def lookup(conn, ids) -> Callable[[], None]:
            def go() -> None:
                for i in picks:
                    row = conn.execute("SELECT * FROM bench_records WHERE id = ?", (ids[i],)).fetchone()
                    assert row is not None

            return go

        results["select"] = (best_of(lookup(session.conn, ids_ours)), best_of(lookup(bare.conn, ids_bare)))

        terms = [rng.choice(WORDS) + "，" + rng.choice(WORDS) for _ in range(searches)]

        def like(conn) -> Callable[[], None]:
            def go() -> None:
                for term in terms:
                    conn.execute(
                        "SELECT count(*) FROM bench_records WHERE body LIKE ?", (f"%{term}%",)
                    ).fetchone()

            return go

        def fts(conn) -> Callable[[], None]:
            def go() -> None:
                for term in terms:
                    conn.execute(
                        "SELECT count(*) FROM bench_fts WHERE bench_fts MATCH ?", (f'"{term}"',)
                    ).fetchone()

            return go

        results["search_like"] = (best_of(like(session.conn)), best_of(like(bare.conn)))
        results["search_fts"] = (best_of(fts(session.conn)), best_of(fts(bare.conn)))
        n_ours = session.conn.execute("SELECT count(*) FROM bench_records").fetchone()[0]
        n_bare = bare.conn.execute("SELECT count(*) FROM bench_records").fetchone()[0]
        assert n_ours == n_bare, (n_ours, n_bare)  # both did the same work
        session.close()
        bare.conn.close()

        for name, (ours, bare_t) in results.items():
            print(f"{name}: ours={ours:.3f}s bare={bare_t:.3f}s ratio={ours / bare_t:.2f}")
        print(f"unlock: ours={min(unlock_times):.3f}s")
        print(
            f"# {records} single-record transactions, {bulk} bulk rows, {len(picks)} lookups, {searches} searches;"
            f" bare = {bare_lib} {_lib_version(bare_lib)}, ours = SQLCipher"
            f" {_cipher_version(ws_dir)}; Argon2id {calibrated_params()}"
        )
        if breakdown:
            _breakdown(tmp_path, rows[:records], records)


def _raw_encrypted(folder: Path, db_key: bytes):
    from app.core.store.connection import open_connection

    return open_connection(folder / "workbench.db", db_key)


def _lib_version(lib: str) -> str:
    return sqlite3.sqlite_version if lib == "sqlite3" else __import__("sqlcipher3").sqlite_version


def _cipher_version(folder: Path) -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        return conn.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        conn.close()


def _breakdown(tmp_path: Path, rows: list[tuple[str, str]], records: int) -> None:
    """Each of our settings alone, on single-record commits and on reads, to see where the time goes."""
    import sqlcipher3

    key = os.urandom(32)
    ours = [f"PRAGMA {name} = {value}" for name, value in PRAGMAS.items() if name != "journal_mode"]
    variants = {
        "no key (plain file, same library)": [],
        "key, SQLCipher default (HMAC-SHA512)": key_pragmas(key, "HMAC_SHA512"),
        "key, ours (HMAC-SHA256)": key_pragmas(key),
        "plain file + our other settings": ours,
        "all our settings": [*key_pragmas(key), *ours],
    }
    rng = random.Random(7)
    big = [(t, b) for t, b in rows] * max(1, 20000 // max(1, len(rows)))
    print("# breakdown: commits = single-record transactions (WAL, synchronous=FULL); bulk = one")
    print(f"# transaction of {len(big)} rows; select = 5000 lookups by id; like = one full scan")
    for i, (label, pragmas) in enumerate(variants.items()):
        conn = sqlcipher3.connect(str(tmp_path / f"variant{i}.db"), isolation_level=None)
        for pragma in pragmas:
            conn.execute(pragma)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(TABLE_SQL)

        def commits(conn=conn) -> None:
            for title, body in rows[:200]:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(INSERT, (os.urandom(16).hex(), "t", "t", None, "w", title, body))
                conn.execute("COMMIT")

        def bulk(conn=conn) -> None:
            conn.execute("BEGIN IMMEDIATE")
            for title, body in big:
                conn.execute(INSERT, (os.urandom(16).hex(), "t", "t", None, "w", title, body))
            conn.execute("COMMIT")

        t_commit, t_bulk = timed(commits), timed(bulk)
        ids = [r[0] for r in conn.execute("SELECT id FROM bench_records")]
        picks = [rng.choice(ids) for _ in range(5000)]

        def select(conn=conn, picks=picks) -> None:
            for record_id in picks:
                conn.execute("SELECT * FROM bench_records WHERE id = ?", (record_id,)).fetchone()

        def like(conn=conn) -> None:
            conn.execute("SELECT count(*) FROM bench_records WHERE body LIKE '%公车，私用%'").fetchone()

        print(
            f"#   {label:40s} commits={t_commit:.3f}s bulk={t_bulk:.3f}s"
            f" select={best_of(select):.3f}s like={best_of(like):.3f}s"
        )
        conn.close()
    for sync in ("FULL", "NORMAL"):
        conn = sqlcipher3.connect(str(tmp_path / f"sync-{sync}.db"), isolation_level=None)
        for pragma in key_pragmas(key):
            conn.execute(pragma)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {sync}")
        conn.execute(TABLE_SQL)

        def go_sync(conn=conn) -> None:
            for title, body in rows[:200]:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(INSERT, (os.urandom(16).hex(), "t", "t", None, "w", title, body))
                conn.execute("COMMIT")

        print(f"#   encrypted, synchronous={sync} (we keep FULL): 200 commits {timed(go_sync):.3f}s")
        conn.close()
    _audit_costs(tmp_path, key)


def _audit_costs(tmp_path: Path, key: bytes) -> None:
    """What each commit's audit adds: the signature, and the head file written three ways.

    The head is written after the commit, in place, without fsync (audit.write_head): a head that
    lags the database after a power cut raises no false alarm (verification only asks that the
    database reach the head), so durability of the head buys nothing; the WAL's fsync is the commit's.
    """
    from app.core.store.fileio import atomic_write
    from app.core.store.keyslots import AccountKeyPair

    pair = AccountKeyPair.generate()
    message = b"x" * 400
    elapsed = timed(lambda: [pair.sign.sign(message) for _ in range(1000)])
    print(f"#   Ed25519 signature of one entry: {elapsed:.3f} ms")  # 1000 signatures in `elapsed` seconds
    target = tmp_path / "head-probe"
    target.mkdir()
    head_key = subkey(key, "audit-head")
    in_place = timed(lambda: [audit_trail.write_head(target, head_key, i, "0" * 64) for i in range(1, 201)])

    def with_fsync() -> None:
        for i in range(201, 401):
            audit_trail.write_head(target, head_key, i, "0" * 64)
            fd = os.open(target / audit_trail.HEAD_FILE, os.O_RDWR)
            os.fsync(fd)
            os.close(fd)

    fsynced = timed(with_fsync)
    atomic = timed(lambda: [atomic_write(target / "atomic.head", b"x" * 512) for _ in range(200)])
    print(
        f"#   audit.head x200: in place, no fsync (ours) {in_place:.3f}s; in place + fsync {fsynced:.3f}s;"
        f" atomic write (write, fsync, rename, fsync dir) {atomic:.3f}s"
    )
    shutil.rmtree(target, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1000, help="single-record transactions (default 1000)")
    parser.add_argument(
        "--bulk", type=int, default=20000, help="rows in the bulk transaction (default 20000)"
    )
    parser.add_argument("--lookups", type=int, default=5000)
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--bare-lib", choices=("sqlite3", "sqlcipher3"), default="sqlite3")
    parser.add_argument("--no-breakdown", action="store_true")
    args = parser.parse_args(argv)
    run(args.records, args.bulk, args.lookups, args.searches, args.bare_lib, not args.no_breakdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
