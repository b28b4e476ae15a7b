"""Shared print preview, printing and export of the core's PDF documents (see preview.py)."""

from app.ui.printing.preview import PrintPreviewDialog, copies_of, registered_copies

__all__ = ["PrintPreviewDialog", "copies_of", "registered_copies"]
