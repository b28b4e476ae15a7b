"""The demo's seals: a drawn round red seal (a ring, a star and the body's name around it), clearly
a demo seal, stored by the security officer for the office and for one inspection team.

Each issuing body has its own seal (app.core.official.seals): the office's seal goes on what the office
issues, 第一巡察组's on the reports and feedback that team issues. Stored through the ordinary core
operation (Cap.SEAL_STORE, validated, audited).
"""

from __future__ import annotations

import io
import math

from app import paths
from app.core.official import seals
from app.core.session import Session

OFFICE_SEAL_TEXT = "某市委巡察工作领导小组办公室"
TEAM = "第一巡察组"  # leader1's team: its report and feedback carry its own seal
TEAM_SEAL_TEXT = "中共某市委第一巡察组"

SEAL_RED = (214, 24, 32)


def demo_seal_png(name: str = OFFICE_SEAL_TEXT, size: int = 480) -> bytes:
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


def populate_seals(secadmin: Session) -> dict[str, str]:
    """The office's seal and 第一巡察组's; returns their ids by owner."""
    office = seals.store_seal(secadmin, "巡察办公章（演示）", demo_seal_png(OFFICE_SEAL_TEXT), seals.OFFICE)
    team = seals.store_seal(secadmin, f"{TEAM}印章（演示）", demo_seal_png(TEAM_SEAL_TEXT), TEAM)
    return {office.owner: office.id, team.owner: team.id}
