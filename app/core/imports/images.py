"""Images (PNG, JPEG, GIF, BMP, TIFF): checked and measured with Pillow, stored as they are (no OCR)."""

from __future__ import annotations

import io
import warnings

from app.core.imports.limits import ImportLimits, ImportRefused
from app.core.imports.sniff import FileKind

_PIL_FORMATS = {
    FileKind.PNG: "PNG",
    FileKind.JPEG: "JPEG",
    FileKind.GIF: "GIF",
    FileKind.BMP: "BMP",
    FileKind.TIFF: "TIFF",
}


def read_image(data: bytes, kind: FileKind, limits: ImportLimits) -> tuple[str, dict]:
    from PIL import Image

    label = kind.label
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[kind]]) as img:
                width, height = img.size
                if width * height > limits.max_image_pixels:
                    raise ImportRefused(f"该{label}的像素数（{width}×{height}）超过上限，疑为恶意构造。")
                img.verify()  # structure and checksums, without decoding every pixel
    except ImportRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImportRefused(f"该{label}的像素数超过上限，疑为恶意构造。") from None
    except Exception:
        raise ImportRefused(f"该{label}已损坏，无法读取。") from None
    return "", {"width": width, "height": height}
