"""PDF: the text layer of each page, read with pypdf (pure Python; nothing is rendered or run).

A PDF without a text layer (a scan) is kept with empty text; an encrypted or damaged one is refused.
A page's lines are joined back into its paragraphs (app.core.imports.pdf_lines), so a word that
wraps at a line end is found; pages are separated by form feeds, so a page number can be found for
an excerpt.
"""

from __future__ import annotations

import io
import logging
import warnings

from app.core.imports.limits import ImportLimits, ImportRefused
from app.core.imports.pdf_lines import join_paragraphs, page_lines

LABEL = "PDF 文件"
PAGE_BREAK = "\f"


def read_pdf(data: bytes, limits: ImportLimits) -> tuple[str, dict]:
    from pypdf import PdfReader, errors

    # pypdf stops inflating a stream at its own limit (75 MB) and raises this; older versions lack it.
    limit_reached = getattr(errors, "LimitReachedError", ())

    # pypdf logs what it repairs; such logs could carry document fragments, so keep them quiet.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pages: list[str] = []
    chars = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ImportRefused(f"该{LABEL}已加密，无法读取其文字，请提供未加密的文件。")
            count = len(reader.pages)
            if count == 0:
                raise ImportRefused(f"该{LABEL}没有任何页面，可能已损坏。")
            if count > limits.max_pdf_pages:
                raise ImportRefused(f"该{LABEL}有 {count} 页，超过 {limits.max_pdf_pages} 页的上限。")
            for page in reader.pages:
                # Inflate the content stream first: extract_text swallows a stream over the limit
                # (a "flate bomb") and would import the page as blank.
                contents = page.get_contents()
                if contents is not None:
                    contents.get_data()
                text = join_paragraphs(page_lines(page)).rstrip()
                chars += len(text) + 1
                if chars > limits.max_text_chars:
                    raise ImportRefused(f"该{LABEL}的文字超过 {limits.max_text_chars} 个字符的上限。")
                pages.append(text)
    except ImportRefused:
        raise
    except limit_reached:
        raise ImportRefused(f"该{LABEL}中的数据流解压后超过上限，疑为“压缩炸弹”，已拒绝导入。") from None
    except RecursionError:
        raise ImportRefused(f"该{LABEL}结构异常（嵌套过深），疑为恶意构造，已拒绝导入。") from None
    except Exception:  # pypdf raises many kinds on damaged files; report one clear message
        raise ImportRefused(f"该{LABEL}已损坏或格式不正确，无法解析。") from None
    text = PAGE_BREAK.join(pages)
    details = {"pages": len(pages)}
    if not text.strip():
        details["no_text_layer"] = True
    return text, details


def page_of(text: str, offset: int) -> int:
    """The 1-based page number of a character offset in text returned by read_pdf."""
    return text.count(PAGE_BREAK, 0, max(offset, 0)) + 1
