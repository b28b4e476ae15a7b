"""The printed audit checkpoint embeds every font it names (the bundle test's pdffonts check)."""

from __future__ import annotations

import re

from app.core.printing.audit_checkpoint import checkpoint_pdf
from app.core.security.anchors import Checkpoint


def test_the_checkpoint_page_names_no_base14_font() -> None:
    checkpoint = Checkpoint(
        seq=7, hash="ab" * 32, at="2026-12-07T03:00:00+00:00", code="XC-7-ABCD", qr="XC-7-ABCD"
    )
    pdf = checkpoint_pdf(checkpoint, "某县委巡察办", "审计员（auditor）", "WS-1")
    # reportlab's default canvas font is Helvetica, never embedded: a page must not name it.
    base_fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-_]+)", pdf))
    assert base_fonts, "the page names no font at all"
    assert not any(name.startswith((b"Helvetica", b"Times", b"Courier")) for name in base_fonts), base_fonts
