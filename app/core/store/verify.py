"""Checking a workstation's data: SQLite structure, SQLCipher page HMACs, key slots, the audit chain.

The audit trail is checked three ways (`check_trail`): the HMAC chain and the head outside the
database, every entry's Ed25519 signature against the accounts' trusted public keys
(app.core.security.account_keys), and, given an anchor (a printed checkpoint's or copy's code), that
the database is not older than the paper (app.core.security.anchors).

`verify_store(session)` runs from a signed-in session (the GUI). `verify_folder(...)` is what the
command line runs: it needs only a password that opens a slot, so it can still name the first bad
page of a database too damaged to sign in to normally. It writes nothing but a WAL checkpoint (moving
committed pages into the main file, so that the page check covers them) and, when all is well, its
own audit entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from app.core.errors import AuthenticationError, PermissionDenied, StoreError, UserError
from app.core.security import account_keys, anchors
from app.core.security import audit as audit_trail
from app.core.security.audit import ChainReport
from app.core.security.roles import Cap, Role, allowed
from app.core.session import USER_COLUMNS, Session, User
from app.core.store.connection import DB_FILE, DatabaseError, key_pragmas, open_connection, page_format
from app.core.store.key_root import derivation_root
from app.core.store.keyslots import KeySlots, subkey, unlock_error
from app.core.store.swap import settle


@dataclass
class VerifyReport:
    ok: bool = True
    checks: list[tuple[str, bool, str]] = field(default_factory=list)  # (check, passed, detail)
    first_bad_page: int | None = None
    first_bad_entry: int | None = None

    def add(self, name: str, passed: bool, detail: str) -> None:
        self.checks.append((name, passed, detail))
        self.ok = self.ok and passed

    @property
    def problems(self) -> list[str]:
        return [f"{name}：{detail}" for name, passed, detail in self.checks if not passed]

    def text(self) -> str:
        lines = [f"[{'通过' if passed else '失败'}] {name}：{detail}" for name, passed, detail in self.checks]
        lines.append("结论：全部检查通过。" if self.ok else "结论：发现问题，见上。")
        return "\n".join(lines)


_PAGE = re.compile(r"page\s+(\d+)", re.IGNORECASE)


def _first_page(messages: list[str]) -> int | None:
    pages = [int(m.group(1)) for msg in messages if (m := _PAGE.search(msg))]
    return min(pages) if pages else None


def run_checks(
    conn, folder: Path, db_key: bytes, slots: KeySlots | None = None, anchor: str | None = None
) -> VerifyReport:
    report = VerifyReport()
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except DatabaseError as exc:
        report.add("日志合并", False, f"预写日志无法合并入主文件（{exc}），日志页可能已损坏。")

    try:
        rows = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except DatabaseError as exc:
        rows = [str(exc)]
    if rows:
        report.first_bad_page = _first_page(rows)
        where = f"第 {report.first_bad_page} 页" if report.first_bad_page else "文件"
        report.add("页校验（HMAC）", False, f"{where}校验失败，共 {len(rows)} 处：{rows[0]}")
    else:
        report.add("页校验（HMAC）", True, "每一页的加密校验码都正确。")

    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except DatabaseError as exc:
        rows = [f"无法完成结构检查：{exc}"]
    if rows == ["ok"]:
        report.add("数据库结构", True, "结构完整。")
    else:
        page = _first_page(rows)
        if page and report.first_bad_page is None:
            report.first_bad_page = page
        report.add("数据库结构", False, "；".join(rows[:3]))

    if slots is not None:
        try:
            slots.verify_mac(db_key)
            report.add("密钥槽文件", True, f"{len(slots.usernames())} 个账号密钥槽，校验码正确。")
        except UserError as exc:
            report.add("密钥槽文件", False, exc.message)

    if slots is None:  # a backup being restored: its chain alone (its slots are checked by the caller)
        try:
            head = audit_trail.read_head(folder, subkey(db_key, "audit-head"))
            chain = audit_trail.verify_chain(
                conn, subkey(derivation_root(conn, db_key), "audit-chain"), head, signed=_signing_schema(conn)
            )
            report.first_bad_entry = chain.first_bad_seq
            report.add("审计日志", chain.ok and head is not None, chain.message)
        except UserError as exc:
            report.add("审计日志", False, exc.message)
        except DatabaseError as exc:
            report.add("审计日志", False, f"审计表无法读取：{exc}")
        return report
    chain = check_trail(conn, folder, db_key, slots)
    report.first_bad_entry = chain.first_bad_seq
    report.add("审计日志", chain.ok, chain.message)
    if anchor is not None:
        try:
            result = anchors.check_anchor(conn, db_key, anchor)
            report.add("外部锚点", result.ok, result.message)
        except UserError as exc:
            report.add("外部锚点", False, exc.message)
        except DatabaseError as exc:
            report.add("外部锚点", False, f"数据库无法读取：{exc}")
    return report


def check_trail(conn, folder: Path, db_key: bytes, slots: KeySlots) -> ChainReport:
    """The audit trail's HMAC chain, its head outside the database, and every entry's signature."""
    try:
        head = audit_trail.read_head(folder, subkey(db_key, "audit-head"))
        signing = _signing_schema(conn)
        chain = audit_trail.verify_chain(
            conn, subkey(derivation_root(conn, db_key), "audit-chain"), head, signed=signing
        )
        if not signing:  # not yet upgraded: nobody has signed in since
            note = "（数据库尚未升级到签名审计，签名未检查）"
            return ChainReport(
                chain.ok and head is not None, chain.entries, chain.first_bad_seq, chain.message + note
            )
        signed = audit_trail.verify_signatures(conn, account_keys.signer_keys(conn, slots))
    except UserError as exc:
        return ChainReport(False, 0, None, exc.message)
    except DatabaseError as exc:
        return ChainReport(False, 0, None, f"审计表无法读取：{exc}")
    if not chain.ok or not signed.ok:
        bad = [r for r in (chain, signed) if not r.ok]
        first = min(bad, key=lambda r: r.first_bad_seq or 0)  # the earliest entry named
        return ChainReport(False, chain.entries, first.first_bad_seq, first.message)
    if head is None:
        return ChainReport(False, chain.entries, None, chain.message + "（缺少库外链头文件）")
    return ChainReport(True, chain.entries, None, f"{chain.message}每条都有有效签名。")


def _signing_schema(conn) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'account_keys'").fetchone() is not None


def verify_store(session: Session, anchor: str | None = None) -> VerifyReport:
    session.require(Cap.STORE_VERIFY)
    slots = KeySlots.load(session.folder)
    report = run_checks(session.conn, session.folder, session.db_key, slots, anchor)
    if report.ok:
        session.audit("store_verify", "store", "", "全部检查通过")
    return report


def _bare_page_check(path: Path, db_key: bytes) -> list[str]:
    """SQLCipher's page check on a connection that never reads the (possibly damaged) schema."""
    pragmas = key_pragmas(db_key, page_format(path, db_key))
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        for pragma in pragmas:
            conn.execute(pragma)
        return [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def verify_folder(folder: Path, username: str, password: str, anchor: str | None = None) -> VerifyReport:
    """Check a data folder with the key an account's password unwraps (the `verify` command);
    with `anchor`, also that the database is not older than that checkpoint or printed copy."""
    folder = Path(folder)
    settle(folder)  # a restore's unfinished swap is undone before anything is read
    if not (folder / DB_FILE).exists():
        raise StoreError(f"数据目录 {folder} 中没有数据库文件。")
    slots = KeySlots.load(folder)
    username = username.strip().lower()
    slots.check_not_locked(username)
    db_key = slots.try_unwrap(username, password)
    if db_key is None:
        slots.record_failure(username, "wrong_password")
        raise unlock_error()
    try:
        conn = open_connection(folder / DB_FILE, db_key)
    except StoreError:
        # The schema itself may be unreadable; the page check does not need it, so it can still say where.
        rows = _bare_page_check(folder / DB_FILE, db_key)
        report = VerifyReport()
        report.first_bad_page = _first_page(rows) or 1
        if report.first_bad_page == 1:
            report.add("数据库文件", False, "第 1 页（文件头）无法用正确的密钥解密：文件已损坏或被替换。")
        else:
            page = report.first_bad_page
            report.add("页校验（HMAC）", False, f"第 {page} 页校验失败，数据库结构无法读取：{rows[0]}")
        return report
    try:
        user: User | None = None
        try:
            row = conn.execute(f"SELECT {USER_COLUMNS} FROM users WHERE username = ?", (username,)).fetchone()
            user = User.from_row(row) if row else None
        except DatabaseError:
            user = None  # the accounts table itself is damaged: the checks below will say where
        if user is not None and not allowed(user.role, Cap.STORE_VERIFY):
            raise PermissionDenied(
                f"当前角色（{user.role.label}）无权校验数据库；只有安全审计员和安全保密管理员可以运行。"
            )
        if user is not None and user.disabled:
            raise AuthenticationError("此账号已停用。")
        report = run_checks(conn, folder, db_key, slots, anchor)
        if report.ok and user is not None and _signing_schema(conn):
            workstation_id = conn.execute("SELECT value FROM meta WHERE key = 'workstation_id'").fetchone()[0]
            session = Session(folder, conn, db_key, user, workstation_id, slots)
            account_keys.attach(session, slots, username)
            session.audit("store_verify", "store", "", "命令行校验：全部检查通过")
        return report
    finally:
        conn.close()


__all__ = ["VerifyReport", "run_checks", "check_trail", "verify_store", "verify_folder", "Role"]
