"""What a file really is, from its first bytes (magic numbers), whatever its name says."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum


class FileKind(StrEnum):
    TEXT = "text"
    DOCX = "docx"
    XLSX = "xlsx"
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    BMP = "bmp"
    TIFF = "tiff"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]

    @property
    def is_image(self) -> bool:
        return self in IMAGE_KINDS


KIND_LABELS = {
    FileKind.TEXT: "文本文件",
    FileKind.DOCX: "Word 文档（.docx）",
    FileKind.XLSX: "Excel 工作簿（.xlsx）",
    FileKind.PDF: "PDF 文件",
    FileKind.PNG: "PNG 图片",
    FileKind.JPEG: "JPEG 图片",
    FileKind.GIF: "GIF 图片",
    FileKind.BMP: "BMP 图片",
    FileKind.TIFF: "TIFF 图片",
}

MEDIA_TYPES = {
    FileKind.TEXT: "text/plain",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PDF: "application/pdf",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.GIF: "image/gif",
    FileKind.BMP: "image/bmp",
    FileKind.TIFF: "image/tiff",
}

IMAGE_KINDS = frozenset({FileKind.PNG, FileKind.JPEG, FileKind.GIF, FileKind.BMP, FileKind.TIFF})

# The extensions we import, and what each must contain.
EXTENSIONS: dict[str, FileKind] = {
    ".txt": FileKind.TEXT,
    ".text": FileKind.TEXT,
    ".docx": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
    ".pdf": FileKind.PDF,
    ".png": FileKind.PNG,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".gif": FileKind.GIF,
    ".bmp": FileKind.BMP,
    ".tif": FileKind.TIFF,
    ".tiff": FileKind.TIFF,
}

# Recognised but not importable: named so the refusal can say what the file is.
OTHER_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文件（.doc/.xls/.ppt）"),
    (b"MZ", "可执行程序"),
    (b"\x7fELF", "可执行程序"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
]

_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}


def sniff(data: bytes) -> FileKind | str | None:
    """The kind the bytes show; a Chinese description for a known unsupported format; None if unknown.

    None means "no binary signature": the caller then tries to read it as text.
    """
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return FileKind.GIF
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return FileKind.TIFF
    if head[:2] == b"BM" and len(data) >= 26 and int.from_bytes(data[14:18], "little") in _BMP_HEADER_SIZES:
        return FileKind.BMP
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    # Readers accept a little leading whitespace before the PDF header; text that merely mentions it is text.
    if data[:1024].lstrip(b"\x00\t\n\r\f \xef\xbb\xbf").startswith(b"%PDF-"):
        return FileKind.PDF
    for signature, label in OTHER_SIGNATURES:
        if head.startswith(signature):
            return label
    return None


def _zip_kind(data: bytes) -> FileKind | str:
    """A zip is a .docx or .xlsx by the parts it holds; reading the directory inflates nothing."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "损坏的压缩文件"
    if "word/document.xml" in names:
        return FileKind.DOCX
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    return "ZIP 压缩包"


def describe(kind: FileKind | str | None) -> str:
    if isinstance(kind, FileKind):
        return kind.label
    return kind or "无法识别的格式"
