"""The electronic archive package (GB/T 18894-2016), as a folder tree or an encrypted package file.

Layout (one folder per item, named by its 档号):
    <档号>/<档号>.pdf        the archived copy (fonts embedded, no encryption inside)
    <档号>/metadata.xml      DA/T 46 fields: 题名, 责任者, 日期, 文号, 密级, 保管期限, 档号, 页数, 格式,
                             计算机文件名, 大小, 哈希 (SHA-256 and SM3)
    catalogue.xml            the 归档文件目录
    manifest.json            every file with its size, SHA-256 and SM3; the item count; the signer's key
    manifest.sig             the workstation's Ed25519 signature over manifest.json
The encrypted form reuses the exchange format (app.core.exchange: streamed ChaCha20-Poly1305 chunks
under a transfer passphrase, rows hashed per part, a signed manifest): one row per file. The four
checks (app.core.domain.archive.checks) run on the tree before it is written and again on what was
written: for the encrypted package, after opening it into a scratch folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from app.core.domain.archive import attached, checks
from app.core.domain.archive import filing as fl
from app.core.domain.archive import proposal as prop
from app.core.domain.archive.sheet import catalogue_xlsx
from app.core.errors import Cancelled, Conflict, ValidationError
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session

PACKAGE_KIND = "archive"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    items: int
    files: int
    bytes: int
    before: checks.Report
    after: checks.Report


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _metadata(item: fl.Item, pdf: bytes, attached=(), audit=None) -> bytes:
    root = ET.Element("电子文件元数据", {"标准": "DA/T 46-2009"})
    for tag, value in (
        ("题名", item.title),
        ("责任者", item.author),
        ("日期", item.dated),
        ("文号", item.doc_no),
        ("密级", item.classification),
        ("保管期限", item.retention.label),
        ("档号", item.archive_no),
        ("门类", item.category.label),
        ("件号", str(item.item_no)),
        ("页数", str(item.pages)),
        ("格式", "PDF"),
        ("计算机文件名", f"{item.archive_no}.pdf"),
        ("计算机文件大小", str(len(pdf))),
        ("哈希值", item.sha256),
        ("SM3", item.sm3),
        ("备注", item.note),
    ):
        ET.SubElement(root, tag).text = value
    if audit is not None:
        ET.SubElement(root, "审计记录", {"条数": str(audit["n"]), "最后一条哈希": audit["last"] or ""})
    if attached:
        files = ET.SubElement(root, "附件")
        for a in attached:
            ET.SubElement(files, "文件", {"计算机文件名": a.name, "大小": str(a.size), "哈希值": a.sha256})
    return _xml(root)


def _catalogue(archive: fl.Archive, heading: str, items: list[fl.Item]) -> bytes:
    root = ET.Element(
        "归档文件目录",
        {
            "全宗号": archive.fonds_no,
            "机构代码": archive.org_code,
            "年度": str(archive.year),
            "题名": heading,
        },
    )
    for it in items:
        e = ET.SubElement(root, "件")
        for tag, value in (
            ("序号", str(it.ordinal)),
            ("档号", it.archive_no),
            ("文号", it.doc_no),
            ("责任者", it.author),
            ("题名", it.title),
            ("日期", it.dated),
            ("密级", it.classification),
            ("页数", str(it.pages)),
            ("保管期限", it.retention.label),
            ("门类", it.category.label),
            ("备注", it.note),
        ):
            ET.SubElement(e, tag).text = value
    return _xml(root)


def _closed_archive(session: Session, archive_id: str) -> fl.Archive:
    archive = fl._archive_by_id(session, archive_id)
    if not archive.closed:
        raise Conflict("档案尚未封存，请先封存档案再导出电子档案。")
    return archive


def build_tree(session: Session, archive_id: str, *, cancel: threading.Event | None = None, progress=None):
    """The package's files as (relative path, bytes), manifest and signature last; the signer's key."""
    from app.core.exchange import identity as ident

    archive = _closed_archive(session, archive_id)
    heading = prop._heading(session.conn, archive.inspection_id)
    heading_text = f"{heading['team_name']}巡察{heading['unit_name']}"
    items = fl.list_items(session, archive_id)
    files: list[tuple[str, bytes]] = []
    for k, it in enumerate(items, start=1):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        pdf = bytes(
            session.conn.execute("SELECT pdf FROM archive_items WHERE id = ?", (it.id,)).fetchone()["pdf"]
        )
        if hashlib.sha256(pdf).hexdigest() != it.sha256 or fl.sm3_hex(pdf) != it.sm3:
            from app.core.errors import IntegrityFailure

            raise IntegrityFailure(
                f"归档文件 {it.archive_no} 与封存时的校验值不符，可能已被篡改，已停止导出。"
            )
        extra = attached.files_of(session.conn, it.record_type, it.record_id)
        files.append((f"{it.archive_no}/{it.archive_no}.pdf", pdf))
        files.extend((f"{it.archive_no}/附件/{a.name}", data) for a, data in extra)
        audit = session.conn.execute(
            "SELECT count(*) AS n, (SELECT hash FROM audit WHERE object_id = ?1 ORDER BY seq DESC LIMIT 1) AS last"
            " FROM audit WHERE object_id = ?1",
            (it.record_id,),
        ).fetchone()
        files.append((f"{it.archive_no}/metadata.xml", _metadata(it, pdf, [a for a, _ in extra], audit)))
        if progress is not None:
            progress(k, len(items) + 1)
    files.append((checks.CATALOGUE, _catalogue(archive, heading_text, items)))
    addenda = fl.list_addenda(session, archive_id)
    if addenda:
        root = ET.Element("补充说明")
        for a in addenda:
            ET.SubElement(
                root, "说明", {"日期": a.added_on, "档号": a.archive_no, "登记人": a.author}
            ).text = a.text
        files.append(("addenda.xml", _xml(root)))
    top = next((lvl for lvl in ("机密", "秘密") if any(it.classification == lvl for it in items)), "内部")
    files.append(("catalogue.xlsx", catalogue_xlsx(items, heading_text, top)))
    with session.transaction() as conn:
        me = ident.own_or_new(conn)
    manifest = {
        "format": "xuncha-archive/1",
        "standard": "GB/T 18894-2016",
        "heading": heading_text,
        "fonds_no": archive.fonds_no,
        "year": archive.year,
        "item_count": len(items),
        "created_at": audit_trail.now_iso(),
        "workstation": session.workstation_id,
        "signer_public": me.sign_public.hex(),
        "files": {
            rel: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "sm3": fl.sm3_hex(data)}
            for rel, data in files
        },
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    files.append((checks.MANIFEST, manifest_bytes))
    files.append((checks.SIGNATURE, me.sign.sign(manifest_bytes)))
    return archive, heading_text, files, me.sign_public


def _write_tree(root: Path, files) -> None:
    for rel, data in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _check_before(files, public: bytes) -> checks.Report:
    scratch = Path(tempfile.mkdtemp(prefix="xuncha-archive-check-"))
    try:
        _write_tree(scratch, files)
        return checks.check_folder(scratch, public)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def export_folder(
    session: Session, archive_id: str, out_dir: Path, *, cancel=None, progress=None
) -> ExportResult:
    """Write the package as a folder tree into `out_dir` (new or empty); four checks before and after."""
    session.require(Cap.EXPORT)
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ValidationError(f"导出目录须为空目录：{out_dir}", field="out")
    archive, heading, files, public = build_tree(session, archive_id, cancel=cancel, progress=progress)
    before = _check_before(files, public)
    if not before.passed:
        raise ValidationError(before.summary(), field="archive")
    _write_tree(out_dir, files)
    after = checks.check_folder(out_dir, public)
    size = sum(len(d) for _, d in files)
    session.audit(
        "archive_export",
        "archive",
        archive.id,
        f"{heading}：电子档案（目录形式）{len(files)} 个文件，四性检测{'通过' if after.passed else '不通过'}",
    )
    return ExportResult(out_dir, _count(files), len(files), size, before, after)


def _count(files) -> int:
    return sum(1 for rel, _ in files if rel.endswith(".pdf"))


def export_package(
    session: Session, archive_id: str, out_file: Path, passphrase: str, *, cancel=None, progress=None
) -> ExportResult:
    """Write the package encrypted (exchange format, transfer passphrase); the four checks run on the
    tree before and, after writing, on the package opened again into a scratch folder."""
    from app.core.exchange.package import PackageBuilder
    from app.core.exchange.package_format import Passphrase

    session.require(Cap.EXPORT)
    if not passphrase or len(passphrase) < 8:
        raise ValidationError("传递口令至少 8 个字符。", field="passphrase")
    out_file = Path(out_file)
    archive, heading, files, public = build_tree(session, archive_id, cancel=cancel, progress=progress)
    before = _check_before(files, public)
    if not before.passed:
        raise ValidationError(before.summary(), field="archive")
    with session.transaction() as conn:
        from app.core.exchange import identity as ident

        me = ident.own_or_new(conn)
    builder = PackageBuilder(out_file, Passphrase(passphrase), me.sign)
    try:
        for rel, data in files:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            builder.row("file", {"path": rel, "data": data})
        builder.finish(
            {"kind": PACKAGE_KIND, "sender": session.workstation_id, "created_at": audit_trail.now_iso()}
        )
    except BaseException:
        builder.abort()
        raise
    after = verify_package(out_file, passphrase, public)
    session.audit(
        "archive_export",
        "archive",
        archive.id,
        f"{heading}：电子档案（加密包）{len(files)} 个文件，四性检测{'通过' if after.passed else '不通过'}",
    )
    return ExportResult(out_file, _count(files), len(files), out_file.stat().st_size, before, after)


def unpack(path: Path, passphrase: str, into: Path, public: bytes | None = None) -> bytes:
    """Open the encrypted package into the folder `into`; the signer's public key."""
    from app.core.exchange.errors import ExchangeError
    from app.core.exchange.package import rows, verify
    from app.core.exchange.package_format import Passphrase

    key = Passphrase(passphrase)
    found: dict = {}

    def sender(manifest: dict):
        if manifest.get("kind") != PACKAGE_KIND:
            raise ExchangeError("这不是电子档案包。")
        return public or found.get("key")

    if public is None:
        # The signer's key travels in the archive manifest (manifest.json); read it first.
        for part, row in rows(path, key):
            if part == "file" and row.get("path") == checks.MANIFEST:
                found["key"] = bytes.fromhex(json.loads(row["data"]).get("signer_public", ""))
    verify(path, key, sender)
    into.mkdir(parents=True, exist_ok=True)
    root = into.resolve()
    for part, row in rows(path, key):
        rel = str(row.get("path", ""))
        target = (into / rel).resolve()
        if part != "file" or not target.is_relative_to(root) or target == root:
            raise ExchangeError("电子档案包中有不合规的文件路径，已拒绝。")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(row["data"])
    return public or found["key"]


def verify_package(path: Path, passphrase: str, public: bytes | None = None) -> checks.Report:
    """Re-import into a scratch folder and run the four checks; plus: the file holds no plaintext."""
    scratch = Path(tempfile.mkdtemp(prefix="xuncha-archive-open-"))
    try:
        key = unpack(Path(path), passphrase, scratch / "pkg", public)
        report = checks.check_folder(scratch / "pkg", key)
        raw = Path(path).read_bytes()
        leaks = [m for m in (b"%PDF", "归档文件目录".encode(), b"<?xml", b"manifest") if m in raw]
        report.add(
            checks.SEC,
            Path(path).name,
            not leaks,
            "整包加密（ChaCha20-Poly1305），无明文内容" if not leaks else "包中可见明文内容",
        )
        return report
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def checks_report_pdf(report: checks.Report, *, heading: str, stage: str) -> bytes:
    from app.core.printing.archive_print import render_checks_report

    return render_checks_report(report.lines, heading=heading, stage=stage, when=audit_trail.now_iso()[:10])
