"""Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK and GB2312)."""

from __future__ import annotations

import codecs

from app.core.imports.limits import ImportLimits, ImportRefused

# Control characters a text file may contain: tab, newline, form feed, carriage return, escape-free.
_ALLOWED_CONTROLS = frozenset("\t\n\f\r")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name); ImportRefused when it is not text in an encoding we know."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "UTF-16"
    if b"\x00" in data:
        raise ImportRefused("该文件含有二进制内容，不是文本文件。")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise ImportRefused("无法识别该文本文件的编码（支持 UTF-8 和 GB18030/GBK）。") from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportRefused(
            f"该文本文件标明为 {encoding.upper()} 编码，但内容不是有效的 {encoding.upper()}。"
        ) from None


def read_text(data: bytes, limits: ImportLimits) -> tuple[str, dict]:
    text, encoding = decode(data)
    controls = sum(1 for ch in text[:100_000] if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > max(8, len(text[:100_000]) // 100):
        raise ImportRefused("该文件含有大量控制字符，不是文本文件。")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limits.max_text_chars:
        raise ImportRefused(f"文本超过 {limits.max_text_chars} 个字符的上限。")
    return text, {"encoding": encoding}
