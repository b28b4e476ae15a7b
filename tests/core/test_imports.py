"""Importing electronic material: every supported type, and hostile or wrong files refused whole."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest

from app.core import imports
from app.core.domain.review import listing, reading, writes
from app.core.errors import Conflict, NotFound
from app.core.imports import FileKind, ImportLimits, ImportRefused
from app.core.imports.pdf import page_of
from app.demo import samples as s
from tests.core.org_support import world_fixture  # noqa: F401

MARKER = "青石镇公务接待超标准问题"  # appears in imported text; must never reach the disk in plaintext


@pytest.fixture
def item(world):
    member = world.login("member1")
    it = writes.add_item(
        member, world.insp_a.id, category="vouchers", title="2025年记账凭证", requested_on="2026-03-05"
    )
    writes.receive_item(member, it.id, received_on="2026-03-06")
    return member, it


def _refusals(session) -> list[tuple[str, str, str]]:
    rows = session.conn.execute(
        "SELECT object_type, object_id, summary FROM audit WHERE action = 'import_refused' ORDER BY seq"
    )
    return [(r["object_type"], r["object_id"], r["summary"]) for r in rows]


def _assert_refusal_audited(session, before: tuple[int, ...], item_id: str, name: str) -> str:
    """Nothing kept but exactly one audit entry: the refusal, its category, never the file's name."""
    after = _counts(session)
    assert after[:3] == before[:3]  # no file, no blob, no index entry
    assert after[3] == before[3] + 1  # one audit entry: the refusal
    object_type, object_id, summary = _refusals(session)[-1]
    assert (object_type, object_id) == ("request_item", item_id)
    assert name not in summary and "举报材料" not in summary and summary.startswith("调阅资料：")
    assert not summary.endswith("其他原因"), summary  # the category names the reason
    return summary


def _counts(session) -> tuple[int, ...]:
    tables = ("attachments", "attachment_blobs", "search_entries", "audit")
    return tuple(session.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


SUPPORTED = [
    ("凭证摘要.txt", lambda: s.make_txt(f"2025年凭证\n{MARKER}\n"), FileKind.TEXT),
    ("凭证摘要-gbk.txt", lambda: s.make_txt(f"国标编码\n{MARKER}", "gb18030"), FileKind.TEXT),
    ("带BOM.txt", lambda: b"\xef\xbb\xbf" + MARKER.encode(), FileKind.TEXT),
    ("utf16.txt", lambda: MARKER.encode("utf-16"), FileKind.TEXT),
    (
        "会议记录.docx",
        lambda: s.make_docx(["党委会议记录", MARKER], [["议题", "结论"], ["采购", "同意"]]),
        FileKind.DOCX,
    ),
    ("台账.xlsx", lambda: s.make_xlsx({"接待": [["日期", "事由"], ["2025-05-01", MARKER]]}), FileKind.XLSX),
    ("报告.pdf", lambda: s.make_pdf([["第一页"], [MARKER]]), FileKind.PDF),
    ("照片.png", lambda: s.make_image("PNG"), FileKind.PNG),
    ("照片.JPG", lambda: s.make_image("JPEG"), FileKind.JPEG),
    ("照片.jpeg", lambda: s.make_image("JPEG", (20, 20)), FileKind.JPEG),
    ("动图.gif", lambda: s.make_image("GIF"), FileKind.GIF),
    ("位图.bmp", lambda: s.make_image("BMP"), FileKind.BMP),
    ("扫描.tif", lambda: s.make_image("TIFF"), FileKind.TIFF),
]


@pytest.mark.parametrize("name,make,kind", SUPPORTED, ids=[c[0] for c in SUPPORTED])
def test_every_supported_type_is_stored_with_hash_and_text(item, name, make, kind):
    member, it = item
    data = make()
    att = reading.import_material(member, it.id, name, data)
    assert att.kind is kind and att.filename == name and att.size == len(data)
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert att.media_type == kind.media_type
    assert reading.material_bytes(member, att.id) == data
    text = reading.material_text(member, att.id)
    if kind.is_image:
        assert text == "" and att.details["width"] > 0 and att.is_image
    else:
        assert MARKER in text
    assert [a.id for a in reading.list_material(member, it.id)] == [att.id]
    assert listing.get_item(member, it.id).material_count == 1
    audit = member.conn.execute(
        "SELECT summary FROM audit WHERE action = 'material_import' AND object_id = ?", (att.id,)
    ).fetchone()
    assert audit and MARKER not in audit[0] and name not in audit[0]


def test_text_layers_keep_structure(item):
    member, it = item
    docx = reading.import_material(member, it.id, "a.docx", s.make_docx(["第一段", "第二段"], [["甲", "乙"]]))
    assert reading.material_text(member, docx.id) == "第一段\n第二段\n甲\t乙"
    xlsx = reading.import_material(
        member, it.id, "a.xlsx", s.make_xlsx({"表一": [["a", 1.0, None, "b"]], "表二": [[]]})
    )
    assert reading.material_text(member, xlsx.id) == "【表一】\na\t1\t\tb\n【表二】"
    pdf = reading.import_material(member, it.id, "a.pdf", s.make_pdf([["一页"], ["二页"], ["三页 关键"]]))
    text = reading.material_text(member, pdf.id)
    assert pdf.details["pages"] == 3 and page_of(text, text.index("关键")) == 3


def test_imported_bytes_and_text_never_reach_the_disk_in_plaintext(item, workstation):
    member, it = item
    reading.import_material(member, it.id, "a.txt", s.make_txt(MARKER * 20))
    reading.import_material(member, it.id, "b.docx", s.make_docx([MARKER]))
    member.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    for path in workstation.folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for encoding in ("utf-8", "gb18030", "utf-16-le"):
                assert MARKER.encode(encoding) not in raw, path.name
    assert sorted(p.name for p in workstation.folder.iterdir()) <= sorted(
        ["workbench.db", "workbench.db-wal", "workbench.db-shm", "keyslots.json", "audit.head"]
    )


def test_duplicate_file_is_refused(item):
    member, it = item
    data = s.make_txt("同一文件")
    reading.import_material(member, it.id, "a.txt", data)
    with pytest.raises(Conflict):
        reading.import_material(member, it.id, "copy.txt", data)


def test_stored_bytes_are_checked_against_the_hash(item, world):
    from app.core.errors import IntegrityFailure

    member, it = item
    att = reading.import_material(member, it.id, "a.txt", s.make_txt("原始内容"))
    member.conn.execute(
        "UPDATE attachment_blobs SET content = ? WHERE attachment_id = ?", (b"tampered", att.id)
    )
    with pytest.raises(IntegrityFailure):
        reading.material_bytes(member, att.id)


def test_import_from_a_path_checks_size_before_reading(item, tmp_path):
    member, it = item
    good = tmp_path / "记录.txt"
    good.write_bytes(s.make_txt("从磁盘导入的文本"))
    att = reading.import_file(member, it.id, good)
    assert att.filename == "记录.txt"
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 60 MB on paper, nothing read
        fh.truncate(60 * 1024 * 1024)
    before = _counts(member)
    with pytest.raises(ImportRefused) as err:
        reading.import_file(member, it.id, huge)
    assert "过大" in err.value.message and "50.0 MB" in err.value.message
    assert "超过上限" in _assert_refusal_audited(member, before, it.id, "huge.txt")
    before = _counts(member)
    with pytest.raises(ImportRefused):
        reading.import_file(member, it.id, tmp_path / "missing.txt")
    assert "找不到" in _assert_refusal_audited(member, before, it.id, "missing.txt")


# ---- hostile and wrong files ----------------------------------------------------------------------


def _zip(parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _docx_bomb() -> bytes:
    # 80 MB of one repeated paragraph inflates from well under 1 MB
    body = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    xml = s.docx_document_xml(["x"]).replace(b"<w:body>", b"<w:body>" + body * 80_000)
    return s.make_docx_from_xml(xml)


def _xlsx_bomb() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(s.make_xlsx({"表": [["a"]]})))
    parts = {n: good.read(n) for n in good.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"] + b" " * (90 * 1024 * 1024)
    return _zip(parts)


def _many_parts_docx() -> bytes:
    extra = {f"word/media/p{i}.xml": b"<a/>" for i in range(2_500)}
    return s.make_docx_from_xml(s.docx_document_xml(["x"]), extra=extra)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""


def _xlsx_with_dtd() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(s.make_xlsx({"表": [["a"]]})))
    parts = {n: good.read(n) for n in good.namelist()}
    parts["xl/workbook.xml"] = (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + parts["xl/workbook.xml"]
    )
    return _zip(parts)


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(s.make_pdf([["保密"]]))))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_flate_bomb() -> bytes:
    """One page whose content stream inflates past pypdf's 75 MB limit from about 100 KB."""
    stream = zlib.compress(b"0 0 m " * (80_000_000 // 6), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _png_of_size(width: int, height: int) -> bytes:
    """A PNG whose header claims these dimensions (a decompression bomb announces itself this way)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


HOSTILE = [
    ("pdf named .docx", "伪装.docx", lambda: s.make_pdf([["x"]]), "内容是PDF"),
    ("png named .txt", "伪装.txt", lambda: s.make_image("PNG"), "内容是PNG"),
    ("docx named .xlsx", "伪装.xlsx", lambda: s.make_docx(["x"]), "内容是Word"),
    ("xlsx named .docx", "伪装.docx", lambda: s.make_xlsx({"a": [[1]]}), "内容是Excel"),
    ("text named .pdf", "伪装.pdf", lambda: "普通文字".encode(), "不是PDF"),
    ("jpeg named .png", "伪装.png", lambda: s.make_image("JPEG"), "内容是JPEG"),
    ("exe named .pdf", "伪装.pdf", lambda: b"MZ\x90\x00" + b"\x00" * 100, "可执行程序"),
    (
        "old .doc named .docx",
        "旧版.docx",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "旧版 Office",
    ),
    ("plain zip named .docx", "包.docx", lambda: _zip({"a.txt": b"x"}), "ZIP 压缩包"),
    ("unsupported extension", "程序.exe", lambda: b"MZ", "不支持导入 .exe"),
    ("no extension", "README", lambda: b"text", "无扩展名"),
    ("empty file", "空.txt", lambda: b"", "空的"),
    ("binary named .txt", "乱码.txt", lambda: bytes(range(1, 32)) * 50, "控制字符"),
    ("undecodable text", "乱码2.txt", lambda: "正文".encode() + b"abc\xff\x80", "编码"),
    ("zip-bomb docx", "炸弹.docx", _docx_bomb, "压缩炸弹"),
    ("zip-bomb xlsx", "炸弹.xlsx", _xlsx_bomb, "压缩炸弹"),
    ("docx with thousands of parts", "部件.docx", _many_parts_docx, "部件"),
    ("XXE docx", "实体.docx", lambda: s.make_docx_from_xml(XXE), "实体"),
    ("billion laughs docx", "笑.docx", lambda: s.make_docx_from_xml(LAUGHS), "实体"),
    ("XXE xlsx", "实体.xlsx", _xlsx_with_dtd, "实体"),
    ("broken docx xml", "坏.docx", lambda: s.make_docx_from_xml(b"<w:document><w:body>"), "损坏"),
    ("truncated docx", "截断.docx", lambda: s.make_docx(["正文"] * 50)[:-200], "损坏"),
    ("malformed pdf", "坏.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%garbage", "损坏"),
    ("truncated pdf", "截断.pdf", lambda: s.make_pdf([["第一页"]])[:300], "损坏"),
    ("encrypted pdf", "加密.pdf", _encrypted_pdf, "加密"),
    ("pdf flate bomb", "炸弹.pdf", _pdf_flate_bomb, "压缩炸弹"),
    ("png claiming 40000x40000 pixels", "巨图.png", lambda: _png_of_size(40_000, 40_000), "像素"),
    ("truncated png", "截断.png", lambda: s.make_image("PNG", (300, 300))[:60], "损坏"),
]


@pytest.mark.parametrize("case,name,make,words", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_or_wrong_files_are_refused_with_nothing_kept(item, case, name, make, words):
    member, it = item
    before = _counts(member)
    name = f"举报材料-{name}"  # a file name is case data: it stays out of the audit summary
    data = make()
    with pytest.raises(ImportRefused) as err:
        reading.import_material(member, it.id, name, data)
    assert words in err.value.message, err.value.message
    assert err.value.field == "file"
    summary = _assert_refusal_audited(member, before, it.id, name)
    assert f"{len(data)} 字节" in summary


def test_size_limit_is_settable(item):
    member, it = item
    data = s.make_txt("文" * 400_000)  # 1.2 MB
    with pytest.raises(ImportRefused) as err:
        reading.import_material(member, it.id, "大.txt", data, limits=ImportLimits.with_max_mb(1))
    assert "1.0 MB" in err.value.message
    assert reading.import_material(
        member, it.id, "大.txt", data, limits=ImportLimits.with_max_mb(2)
    ).size == len(data)
    with pytest.raises(ImportRefused):
        imports.read_material("大.txt", data, ImportLimits(max_text_chars=1000))


def test_zip_limits_each_apply(item):
    docx = s.make_docx(["正文"] * 200)
    with pytest.raises(ImportRefused, match="部件"):
        imports.read_material("a.docx", docx, ImportLimits(max_zip_members=2))
    with pytest.raises(ImportRefused, match="压缩炸弹"):
        imports.read_material("a.docx", docx, ImportLimits(max_member_bytes=1000))
    with pytest.raises(ImportRefused, match="压缩炸弹"):
        imports.read_material("a.docx", docx, ImportLimits(max_unzipped_bytes=2000))


def test_outsiders_cannot_import_or_open(item, world):
    member, it = item
    att = reading.import_material(member, it.id, "a.txt", s.make_txt("内容"))
    outsider = world.login("member2")
    for call in (
        lambda: reading.import_material(outsider, it.id, "b.txt", s.make_txt("x")),
        lambda: reading.list_material(outsider, it.id),
        lambda: reading.material_bytes(outsider, att.id),
        lambda: reading.material_text(outsider, att.id),
        lambda: reading.get_material(outsider, att.id),
        lambda: reading.delete_material(outsider, att.id),
    ):
        with pytest.raises(NotFound):
            call()
    reading.material_bytes(world.office, att.id)  # the office sees every inspection
    assert member.conn.execute("SELECT count(*) FROM audit WHERE action = 'material_open'").fetchone()[0] == 1


def test_delete_material_removes_text_and_index(item):
    member, it = item
    att = reading.import_material(member, it.id, "a.txt", s.make_txt("需要删除的材料内容"))
    x = reading.add_excerpt(member, it.id, passage="材料内容", attachment_id=att.id)
    with pytest.raises(Conflict):
        reading.delete_material(member, att.id)
    reading.delete_excerpt(member, x.id)
    reading.delete_material(member, att.id)
    assert _counts(member)[:3] == (0, 0, 0)


def test_import_code_never_writes_files_or_starts_programs():
    """The readers and the document modules neither write to disk nor hand anything to another program."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app" / "core"
    paths = [
        *sorted((root / "imports").glob("*.py")),
        root / "domain" / "attachments.py",
        *sorted((root / "domain" / "review").glob("*.py")),
    ]
    forbidden = re.compile(
        r"\b(subprocess|tempfile|webbrowser|startfile|os\.system|os\.popen|os\.exec\w*|write_bytes|write_text"
        r"|NamedTemporaryFile|QDesktopServices)\b|open\([^)]*['\"][wax]b?['\"]"
    )
    offenders = [
        f"{path.name}:{n}: {line.strip()}"
        for path in paths
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if forbidden.search(line)
    ]
    assert len(paths) >= 10 and offenders == []


def test_a_corrupted_deflate_stream_is_a_refusal_not_a_crash():
    import io
    import zipfile

    from app.core.imports import zipsafe
    from app.core.imports.limits import ImportRefused

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document>" + "巡察" * 2000 + "</w:document>")
    raw = bytearray(buf.getvalue())
    raw[60] ^= 0xFF
    raw[80] ^= 0xFF
    with pytest.raises(ImportRefused):
        zipsafe.read_part(zipfile.ZipFile(io.BytesIO(bytes(raw))), "word/document.xml", "Word 文档")
