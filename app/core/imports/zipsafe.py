"""Opening a .docx/.xlsx without letting it explode: the zip directory is checked before inflating.

A zip bomb declares (or hides) a huge uncompressed size. We refuse on the directory alone: too many
parts, a part or the total too large, an implausible compression ratio, encryption, or an unusual
compression method. Reading then goes through zipfile, which never returns more than a part declares
and checks each part's CRC, so a directory that lies is caught while reading.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from app.core.imports.limits import ImportLimits, ImportRefused, human_size

_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def open_checked(data: bytes, limits: ImportLimits, label: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ImportRefused(f"该{label}已损坏，无法打开。") from None
    if len(infos) > limits.max_zip_members:
        raise ImportRefused(
            f"该{label}内含 {len(infos)} 个部件，超过 {limits.max_zip_members} 个的上限，疑为恶意构造的文件。"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportRefused(f"该{label}已加密，请先在原程序中取消密码。")
        if info.compress_type not in _METHODS:
            raise ImportRefused(f"该{label}使用了不支持的压缩方式，无法读取。")
        if info.file_size > limits.max_member_bytes:
            raise ImportRefused(
                f"该{label}中的部件解压后达 {human_size(info.file_size)}，超过上限，疑为“压缩炸弹”。"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_zip_ratio:
            raise ImportRefused(f"该{label}的压缩比异常（约 {ratio:.0f} 倍），疑为“压缩炸弹”，已拒绝导入。")
        total += info.file_size
    if total > limits.max_unzipped_bytes:
        raise ImportRefused(f"该{label}解压后共 {human_size(total)}，超过上限，疑为“压缩炸弹”。")
    return zf


def read_part(zf: zipfile.ZipFile, name: str, label: str) -> bytes:
    """One part's bytes; zipfile stops at the declared size and checks the CRC."""
    try:
        info = zf.getinfo(name)
        with zf.open(info) as fh:
            return fh.read(info.file_size)
    except KeyError:
        raise ImportRefused(f"该{label}缺少必要的部件（{name}），可能已损坏。") from None
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError):
        raise ImportRefused(f"该{label}已损坏，无法读取。") from None


# <!DOCTYPE or <!ENTITY in any case, found without upper-casing a part of tens of megabytes twice
_DECLARATION = re.compile(rb"<!(?:[dD][oO][cC][tT][yY][pP][eE]|[eE][nN][tT][iI][tT][yY])")


def refuse_doctypes(zf: zipfile.ZipFile, label: str) -> None:
    """Office files never need a DTD; one in any XML part is an entity trick (XXE, billion laughs)."""
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        head = read_part(zf, info.filename, label)
        if _DECLARATION.search(head) or b"<\x00!\x00" in head:
            raise ImportRefused(f"该{label}含有 XML 实体声明（可用于攻击的构造），已拒绝导入。")
