"""The four checks of DA/T 70-2018 (四性检测) on an archive package laid out as a folder.

- 真实性 (authenticity): the manifest's Ed25519 signature holds, every file's SHA-256 and SM3 match it;
- 完整性 (integrity): every item of the catalogue has its folder, PDF and metadata; the counts agree;
  no file is there that the manifest does not name;
- 可用性 (usability): every PDF opens and its first page renders, its fonts are embedded;
- 安全性 (security): no executable content (JavaScript, launch actions, embedded files, programs),
  no encryption inside the PDFs, every item carries its classification mark.
Each failure names the item (its 档号) or the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from app.core.printing.archive_print import CheckLine

AUTH, INTEG, USE, SEC = "真实性", "完整性", "可用性", "安全性"
MANIFEST, SIGNATURE, CATALOGUE = "manifest.json", "manifest.sig", "catalogue.xml"
_EXECUTABLE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA|RichMedia)\b")
_PROGRAM_SUFFIXES = {".exe", ".dll", ".bat", ".cmd", ".com", ".js", ".vbs", ".ps1", ".sh", ".scr", ".msi"}


@dataclass
class Report:
    lines: list[CheckLine] = field(default_factory=list)

    def add(self, check: str, item: str, passed: bool, detail: str) -> None:
        self.lines.append(CheckLine(check, item, passed, detail))

    @property
    def passed(self) -> bool:
        return all(x.passed for x in self.lines)

    @property
    def failures(self) -> list[CheckLine]:
        return [x for x in self.lines if not x.passed]

    def summary(self) -> str:
        if self.passed:
            return f"四性检测通过（{len(self.lines)} 项）。"
        return "四性检测不通过：\n" + "\n".join(f"· {x.check}：{x.item}：{x.detail}" for x in self.failures)


def sm3_hex(data: bytes) -> str:
    from app.core.domain.archive.filing import sm3_hex as _sm3

    return _sm3(data)


def check_folder(root: Path, public_key: bytes | None = None) -> Report:
    """Run the four checks on the package folder at `root`."""
    root = Path(root)
    report = Report()
    try:
        manifest_bytes = (root / MANIFEST).read_bytes()
        manifest = json.loads(manifest_bytes)
        files: dict[str, dict] = manifest["files"]
    except (OSError, ValueError, KeyError) as exc:
        report.add(AUTH, MANIFEST, False, f"清单缺失或无法读取（{exc.__class__.__name__}）")
        return report
    # 真实性: the signature over the manifest
    key = public_key or bytes.fromhex(manifest.get("signer_public", ""))
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        Ed25519PublicKey.from_public_bytes(key).verify((root / SIGNATURE).read_bytes(), manifest_bytes)
        report.add(AUTH, MANIFEST, True, "清单签名有效")
    except Exception:  # noqa: BLE001 - any failure here is a failed check, named
        report.add(AUTH, MANIFEST, False, "清单签名无效或缺失")
    present = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, SIGNATURE)
    }
    for rel, spec in sorted(files.items()):
        path = root / rel
        if not path.is_file():
            continue  # reported under integrity
        data = path.read_bytes()
        ok = hashlib.sha256(data).hexdigest() == spec.get("sha256") and sm3_hex(data) == spec.get("sm3")
        if not ok:
            report.add(AUTH, rel, False, "文件的 SHA-256/SM3 摘要与清单不符（文件被改动）")
    if not any(x.check == AUTH and not x.passed for x in report.lines[1:]):
        report.add(AUTH, f"{len(files)} 个文件", True, "SHA-256 与 SM3 摘要全部相符")
    # 完整性: the catalogue against the folders and the manifest
    try:
        catalogue = ET.fromstring((root / CATALOGUE).read_bytes())
        items = [e for e in catalogue.iter("件")]
    except (OSError, ET.ParseError):
        report.add(INTEG, CATALOGUE, False, "归档文件目录缺失或无法读取")
        items = []
    missing_before = len(report.failures)
    for e in items:
        no = e.findtext("档号") or ""
        for name in (f"{no}/{no}.pdf", f"{no}/metadata.xml"):
            if not (root / name).is_file():
                report.add(INTEG, no, False, f"目录所列的 {name} 缺失")
        for name, digest in _attached(root / no / "metadata.xml"):
            path = root / no / "附件" / name
            if not path.is_file():
                report.add(INTEG, no, False, f"元数据所列的附件 {name} 缺失")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                report.add(AUTH, no, False, f"附件 {name} 的校验值与元数据不符")
    for rel in sorted(set(files) - present):
        if not any(rel.startswith(x.item + "/") for x in report.lines if x.check == INTEG):
            report.add(INTEG, rel, False, "清单所列文件缺失")
    for rel in sorted(present - set(files)):
        report.add(INTEG, rel, False, "包中有清单未列的文件")
    declared = manifest.get("item_count")
    if declared != len(items):
        report.add(INTEG, CATALOGUE, False, f"目录 {len(items)} 件，清单记 {declared} 件，数目不符")
    if len(report.failures) == missing_before:
        report.add(INTEG, f"{len(items)} 件", True, "目录所列各件齐全，数目相符，无多余文件")
    # 可用性 and 安全性: each PDF
    for e in items:
        no = e.findtext("档号") or ""
        pdf_path = root / no / f"{no}.pdf"
        if not pdf_path.is_file():
            continue
        data = pdf_path.read_bytes()
        use = _usable(data)
        report.add(USE, no, use == "", use or "可以打开并显示，字体已嵌入")
        sec = _secure(data)
        if not (e.findtext("密级") or "").strip():
            sec = (sec + "；" if sec else "") + "缺少密级标志"
        report.add(SEC, no, sec == "", sec or "无可执行内容，未加密，密级标志齐全")
    for rel in sorted(present):
        if Path(rel).suffix.lower() in _PROGRAM_SUFFIXES:
            report.add(SEC, rel, False, "包中有可执行程序或脚本")
    return report


def _attached(metadata: Path) -> list[tuple[str, str]]:
    try:
        root = ET.fromstring(metadata.read_bytes())
    except (OSError, ET.ParseError):
        return []
    return [(e.get("计算机文件名", ""), e.get("哈希值", "")) for e in root.iter("文件")]


def _usable(data: bytes) -> str:
    try:
        import pypdfium2

        doc = pypdfium2.PdfDocument(data)
        try:
            if len(doc) < 1:
                return "PDF 没有页面"
            page = doc[0]
            bitmap = page.render(scale=0.3)
            bitmap.close()
            page.close()
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - a PDF that does not open is the finding
        return "PDF 无法打开或显示"
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for ref in fonts.values():
                font = ref.get_object()
                desc = font.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in font:
                    desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else None
                if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    return f"字体 {font.get('/BaseFont')} 未嵌入"
    except Exception:  # noqa: BLE001
        return "PDF 结构无法解析"
    return ""


def _secure(data: bytes) -> str:
    problems = []
    if b"/Encrypt" in data:
        problems.append("PDF 内部加密（归档文件不得加密）")
    hit = _EXECUTABLE.search(data)
    if hit:
        problems.append(f"含可执行内容（{hit.group(1).decode()}）")
    return "；".join(problems)
