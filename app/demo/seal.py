"""The demo's seal: a drawn image (a red ring, a star and the office's name around it), clearly a demo
seal, stored by the demo's security officer so that sealing works on the demo data."""

from __future__ import annotations

import io
import math

from app import paths
from app.core.session import Session

SEAL_RED = (214, 24, 32)


def demo_seal_png(name: str = "某市委巡察工作领导小组办公室", size: int = 480) -> bytes:
    """A round red seal with a transparent background (PNG bytes), drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 2  # drawn large and scaled down, for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    ring = int(s * 0.035)
    draw.ellipse((ring // 2, ring // 2, s - ring // 2, s - ring // 2), outline=(*SEAL_RED, 235), width=ring)
    # The five-pointed star in the middle.
    cx = cy = s / 2
    outer, inner = s * 0.17, s * 0.17 * 0.382
    points = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    draw.polygon(points, fill=(*SEAL_RED, 235))
    # The name around the upper arc, each character turned to face the centre.
    font = ImageFont.truetype(str(paths.resource("fonts") / "gbsn00lp.ttf"), int(s * 0.105))
    span = math.radians(250)
    radius = s * 0.36
    for k, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(name)
        glyph = Image.new("RGBA", (int(s * 0.14), int(s * 0.14)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (glyph.width / 2, glyph.height / 2), ch, font=font, fill=(*SEAL_RED, 235), anchor="mm"
        )
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x = cx + radius * math.cos(a) - glyph.width / 2
        y = cy + radius * math.sin(a) - glyph.height / 2
        img.alpha_composite(glyph, (int(x), int(y)))
    img = img.resize((size, size), Image.LANCZOS)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def store_demo_seal(secadmin: Session) -> None:
    from app.core.official import seals

    seals.store_seal(secadmin, "巡察办公章", demo_seal_png())
