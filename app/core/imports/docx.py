"""Word .docx: the text of word/document.xml, paragraphs and table rows in document order.

The XML is parsed with defusedxml with DTDs forbidden, after the zip checks; python-docx is not used
(it is not a dependency, and we need only the text).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from app.core.imports import zipsafe
from app.core.imports.limits import ImportLimits, ImportRefused

LABEL = "Word 文档"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, limits: ImportLimits) -> tuple[str, dict]:
    zf = zipsafe.open_checked(data, limits, LABEL)
    zipsafe.refuse_doctypes(zf, LABEL)
    xml = zipsafe.read_part(zf, "word/document.xml", LABEL)
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImportRefused(f"该{LABEL}含有 XML 实体声明（可用于攻击的构造），已拒绝导入。") from None
    except SafeET.ParseError:
        raise ImportRefused(f"该{LABEL}的正文部分已损坏，无法解析。") from None
    body = root.find(f"{W}body")
    if body is None:
        raise ImportRefused(f"该{LABEL}没有正文部分，可能已损坏。")
    lines: list[str] = []
    _blocks(body, lines)
    text = "\n".join(lines).strip("\n")
    if len(text) > limits.max_text_chars:
        raise ImportRefused(f"该{LABEL}的文字超过 {limits.max_text_chars} 个字符的上限。")
    return text, {"paragraphs": len(lines)}


def _blocks(el: Element, out: list[str]) -> None:
    """Paragraphs one line each, table rows as tab-separated cells; other containers walked through."""
    for child in el:
        if child.tag == f"{W}p":
            out.append(_paragraph(child))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = []
                for cell in row.findall(f"{W}tc"):
                    parts: list[str] = []
                    _blocks(cell, parts)
                    cells.append(" ".join(p for p in parts if p))
                out.append("\t".join(cells))
        elif child.tag != f"{W}sectPr":
            _blocks(child, out)  # content controls (sdt), custom XML, etc.


def _paragraph(p: Element) -> str:
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)
