"""Configure: the office exports a team's setup package; a fresh team workstation installs it.

`export_setup` builds the team's database in a staging folder (app.core.exchange.team_database),
then writes its three files into a package under a transfer passphrase (the team workstation has
no key yet), signed with the office's exchange key; it registers the team workstation as a peer and
the export in the register, audited. `install_setup` checks the package and puts the files into an
empty data folder in one step (the slot file last, as Workstation.create does).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.core.domain import _fields as f
from app.core.exchange import identity as ident
from app.core.exchange import package, register, team_database
from app.core.exchange.errors import ExchangeError
from app.core.exchange.package_format import Passphrase
from app.core.exchange.steps import Steps
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store import swap
from app.core.store.connection import DB_FILE
from app.core.store.keyslots import SLOTS_FILE, KdfParams, calibrated_params

FILES = (DB_FILE, audit_trail.HEAD_FILE, SLOTS_FILE)  # the slot file last: it is the commit point
SLICE = 1 << 20


@dataclass(frozen=True)
class SetupExport:
    path: Path
    team_workstation_id: str
    recovery_code: str
    accounts: list[str]
    counts: dict
    register_id: str


def export_setup(
    session: Session,
    team_id: str,
    out: Path,
    *,
    passphrase: str,
    passwords: dict[str, str],
    medium_no: str,
    kdf: KdfParams | None = None,
    scrypt_n: int | None = None,
) -> SetupExport:
    """Write the setup package of one team to `out` (the office; Cap.ORG_MANAGE)."""
    session.require(Cap.ORG_MANAGE)
    medium_no = register.medium(medium_no)
    f.must_exist(session.conn, "teams", team_id, "巡察组", "team_id")
    if len(passphrase) < 8:
        raise ExchangeError("传递口令至少 8 个字符。", field="passphrase")
    # The office's own exchange keys are made on first use, and kept only once the export succeeded.
    office_identity = ident.own(session.conn)
    new_identity = office_identity is None
    if new_identity:
        office_identity = ident.Identity.generate()
    team_identity = ident.Identity.generate()
    staging = session.folder / f".setup-package-{uuid.uuid4().hex}"
    staging.mkdir(mode=0o700)
    try:
        built = team_database.build(
            session,
            staging,
            team_id,
            passwords,
            kdf or calibrated_params(),
            team_identity,
            office_identity,
            medium_no,
        )
        key = Passphrase(passphrase) if scrypt_n is None else Passphrase(passphrase, n=scrypt_n)
        builder = package.PackageBuilder(Path(out), key, office_identity.sign)
        try:
            for name in FILES:
                with open(staging / name, "rb") as handle:
                    for offset, data in enumerate(iter(lambda h=handle: h.read(SLICE), b"")):
                        builder.row("files", {"name": name, "slice": offset, "data": data})
        except BaseException:
            builder.abort()
            raise
        office_ws = ident.workstation_id(session.conn)
        manifest = builder.finish(
            {
                "kind": "setup",
                "sender": office_ws,
                "recipient": built["workstation_id"],
                "created_at": audit_trail.now_iso(),
                "seq": 0,
                "team_id": team_id,
                "office_sign_public": office_identity.sign_public.hex(),
                "accounts": built["accounts"],
                "counts": built["counts"],
            }
        )
    finally:
        _destroy(staging)
    team_name = session.conn.execute("SELECT name FROM teams WHERE id = ?", (team_id,)).fetchone()[0]
    with session.transaction() as conn:
        if new_identity:
            ident.put_settings(conn, {"role": ident.OFFICE, **office_identity.private_hex()})
        conn.execute(
            "INSERT INTO exchange_peers (workstation_id, team_id, label, sign_public, seal_public, created_at)"
            " VALUES (?,?,?,?,?,?)",
            (
                built["workstation_id"],
                team_id,
                team_name,
                team_identity.sign_public.hex(),
                team_identity.seal_public.hex(),
                audit_trail.now_iso(),
            ),
        )
        conn.executemany(
            "INSERT INTO exchange_base (peer_workstation_id, table_name, record_id, team_hash, office_hash)"
            " VALUES (?,?,?,?,?)",
            [(built["workstation_id"], t, r, h, h) for t, r, h in built["base"]],
        )
        reg_id = register.add(
            session,
            direction="export",
            kind="setup",
            medium_no=medium_no,
            peer=built["workstation_id"],
            seq=0,
            sha256=manifest["sha256"],
            counts=built["counts"],
            status="sent",
        )
        session.audit(
            "exchange_setup_export",
            "exchange",
            reg_id,
            f"巡察组 {team_id}，{len(built['accounts'])} 个账号，介质 {medium_no}",
        )
    return SetupExport(
        Path(out), built["workstation_id"], built["recovery_code"], built["accounts"], built["counts"], reg_id
    )


def _destroy(folder: Path) -> None:
    """Overwrite the staging files (an encrypted database, its slots) and remove the folder."""
    for path in folder.glob("*"):
        if path.is_file():
            size = path.stat().st_size
            with open(path, "r+b") as handle:
                handle.write(os.urandom(size))
                handle.flush()
                os.fsync(handle.fileno())
    shutil.rmtree(folder, ignore_errors=True)


def _self_signed(manifest: dict) -> bytes | None:
    try:
        return bytes.fromhex(manifest["office_sign_public"])
    except (KeyError, ValueError, TypeError):
        return None


def install_setup(folder: Path | str, path: Path, passphrase: str) -> dict:
    """Create the team workstation in an empty data folder from its setup package; the manifest."""
    folder = Path(folder)
    if (folder / DB_FILE).exists() or (folder / SLOTS_FILE).exists() or (folder / swap.JOURNAL).exists():
        raise ExchangeError("该数据目录中已经有数据库，不能再导入配置包。")
    key = Passphrase(passphrase)
    # The office's key is carried in the package itself: what vouches for it is the passphrase,
    # which only the office and the team know (the AEAD opens under no other).
    manifest = package.verify(Path(path), key, _self_signed)
    if manifest.get("kind") != "setup":
        raise ExchangeError("这不是巡察组工作站的配置包。")
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f".setup-{uuid.uuid4().hex}"
    staging.mkdir(mode=0o700)
    try:
        handles: dict[str, object] = {}
        try:
            for part, row in package.rows(Path(path), key):
                name = row.get("name") if part == "files" else None
                if name not in FILES or not isinstance(row.get("data"), bytes):
                    raise ExchangeError("配置包内容不正确，已拒绝。")
                if name not in handles:
                    handles[name] = open(staging / name, "wb")  # noqa: SIM115 - closed below
                handles[name].write(row["data"])
        finally:
            for handle in handles.values():
                handle.close()
        if set(handles) != set(FILES):
            raise ExchangeError("配置包内容不完整，已拒绝。")
        for name in FILES:
            os.chmod(staging / name, 0o600)
            os.replace(staging / name, folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def find_team(session: Session, text: str) -> str:
    """A team's id from its id or its name (a name used in several rounds must be given as the id)."""
    session.require(Cap.ORG_MANAGE)
    rows = session.conn.execute("SELECT id FROM teams WHERE id = ? OR name = ?", (text, text)).fetchall()
    if not rows:
        raise ExchangeError(f"找不到巡察组：{text}", field="team")
    if len(rows) > 1:
        raise ExchangeError(f"有多个轮次的巡察组名为“{text}”，请改用巡察组编号。", field="team")
    return str(rows[0][0])


def export_for_team(
    session: Session,
    team_id: str,
    out: Path,
    passphrase: str,
    initial_password: str,
    medium_no: str,
    progress=None,
    cancel=None,
) -> SetupExport:
    """`export_setup` with one initial password for every account of the team (each must change it
    at the first sign-in); the shape the GUI's worker and the command line call."""
    steps = Steps(progress, cancel)
    steps(0, 2)
    names = [r["username"] for r in team_database.team_accounts(session.conn, team_id)]
    result = export_setup(
        session,
        team_id,
        out,
        passphrase=passphrase,
        passwords=dict.fromkeys(names, initial_password),
        medium_no=medium_no,
    )
    steps(2, 2)
    return result
