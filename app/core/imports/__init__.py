"""Readers for imported material: text, .docx, .xlsx, PDF (text layer) and images, each with limits.

`read_material(filename, data)` checks the size, identifies the file by its bytes, refuses a name
that does not match the content, and extracts the text, all in memory; it raises ImportRefused (a
ValidationError with a Chinese message) and returns nothing half-done. Nothing here writes to disk
or starts another program. Storing the result is the caller's job (see domain.documents).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from app.core.imports.docx import read_docx
from app.core.imports.images import read_image
from app.core.imports.limits import DEFAULT_LIMITS, ImportLimits, ImportRefused, human_size
from app.core.imports.pdf import read_pdf
from app.core.imports.sniff import EXTENSIONS, FileKind, describe, sniff
from app.core.imports.text import read_text
from app.core.imports.xlsx import read_xlsx

__all__ = [
    "DEFAULT_LIMITS",
    "EXTENSIONS",
    "FileKind",
    "ImportLimits",
    "ImportRefused",
    "Material",
    "read_file",
    "read_material",
    "supported_extensions",
]


@dataclass(frozen=True)
class Material:
    """A file read and checked, ready to store: its bytes, their SHA-256, what it is, its text."""

    filename: str
    kind: FileKind
    data: bytes = field(repr=False)
    sha256: str
    text: str = field(repr=False)
    details: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def media_type(self) -> str:
        return self.kind.media_type


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)


def clean_filename(filename: str) -> str:
    """The bare name (no folders), trimmed; refused when empty or absurdly long."""
    name = PurePath(str(filename or "").replace("\\", "/")).name.strip()
    if not name:
        raise ImportRefused("请选择要导入的文件。")
    if len(name) > 200:
        raise ImportRefused("文件名过长（超过 200 个字符）。")
    if any(ch < " " for ch in name):
        raise ImportRefused("文件名含有控制字符。")
    return name


def expected_kind(filename: str) -> FileKind:
    ext = os.path.splitext(filename)[1].lower()
    kind = EXTENSIONS.get(ext)
    if kind is None:
        shown = ext or "（无扩展名）"
        raise ImportRefused(
            f"不支持导入 {shown} 类型的文件。可导入：文本（.txt）、Word（.docx）、Excel（.xlsx）、PDF、"
            "图片（.png .jpg .gif .bmp .tif）。"
        )
    return kind


def read_material(filename: str, data: bytes, limits: ImportLimits = DEFAULT_LIMITS) -> Material:
    """Check and read one file given as bytes; ImportRefused says why it was not accepted."""
    name = clean_filename(filename)
    want = expected_kind(name)
    if len(data) > limits.max_bytes:
        raise ImportRefused(
            f"文件过大（{human_size(len(data))}），超过 {human_size(limits.max_bytes)} 的上限。"
        )
    if not data:
        raise ImportRefused("该文件是空的（0 字节）。")
    got = sniff(data)
    if want is FileKind.TEXT:
        if got is not None:
            raise ImportRefused(_mismatch(name, got))
    elif got is not want:
        raise ImportRefused(_mismatch(name, got))
    if want is FileKind.TEXT:
        text, details = read_text(data, limits)
    elif want is FileKind.DOCX:
        text, details = read_docx(data, limits)
    elif want is FileKind.XLSX:
        text, details = read_xlsx(data, limits)
    elif want is FileKind.PDF:
        text, details = read_pdf(data, limits)
    else:
        text, details = read_image(data, want, limits)
    return Material(name, want, bytes(data), hashlib.sha256(data).hexdigest(), text, details)


def read_file(path: Path | str, limits: ImportLimits = DEFAULT_LIMITS) -> Material:
    """Read a file the user chose, refusing it by its size before reading a byte of it."""
    path = Path(path)
    name = clean_filename(path.name)
    expected_kind(name)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ImportRefused(
                f"文件过大（{human_size(size)}），超过 {human_size(limits.max_bytes)} 的上限。"
            )
        with path.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)  # a file growing while we read is still bounded
    except FileNotFoundError:
        raise ImportRefused(f"找不到文件：{name}") from None
    except IsADirectoryError:
        raise ImportRefused(f"{name} 是文件夹，不是文件。") from None
    except PermissionError:
        raise ImportRefused(f"没有读取该文件的权限：{name}") from None
    except OSError:
        raise ImportRefused(f"无法读取该文件：{name}") from None
    return read_material(name, data, limits)


def _mismatch(name: str, got) -> str:
    ext = os.path.splitext(name)[1].lower()
    if got is None:
        return f"文件“{name}”的扩展名是 {ext}，但其内容不是{EXTENSIONS[ext].label}，可能已损坏或被改名，已拒绝导入。"
    return f"文件“{name}”的扩展名是 {ext}，但其内容是{describe(got)}，与扩展名不符，已拒绝导入。"
