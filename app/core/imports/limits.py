"""What an import may cost, and the one error every refused import raises.

The limits are checked before anything is parsed where the file says its own sizes (a zip's
directory), and again while reading, so a file that lies about itself is stopped too.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import ValidationError

MB = 1024 * 1024


class ImportRefused(ValidationError):
    """A file was not imported: too large, damaged, hostile, or not what its name says. Nothing was kept."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int = 50 * MB  # the file itself
    max_text_chars: int = 20_000_000  # text extracted from it
    max_zip_members: int = 2_000  # parts inside a .docx/.xlsx
    max_member_bytes: int = 100 * MB  # one part, uncompressed
    max_unzipped_bytes: int = 200 * MB  # all parts together, uncompressed
    max_zip_ratio: int = 200  # uncompressed / compressed, for parts above ratio_floor
    ratio_floor: int = 1 * MB  # small parts may compress well without being suspicious
    max_pdf_pages: int = 5_000
    max_sheet_cells: int = 5_000_000
    max_image_pixels: int = 200_000_000

    @classmethod
    def with_max_mb(cls, megabytes: float) -> ImportLimits:
        """The defaults with another file size limit (the setting users change)."""
        if megabytes <= 0:
            raise ValidationError("文件大小上限须大于 0。", field="max_mb")
        return cls(max_bytes=int(megabytes * MB))


DEFAULT_LIMITS = ImportLimits()


def human_size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"
