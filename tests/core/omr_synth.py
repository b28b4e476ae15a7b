"""Synthetic scans of the app's own printed forms, for the OMR tests and benchmarks/omr.py.

A form page is rendered from its PDF (pypdfium2) at a scanner's resolution, filled in with pen marks
(ticks and crosses of varied size and stroke, a few boxes filled in to withdraw a choice next to the
real one, a few half-filled ones), then skewed, scaled, blurred by noise and saved as JPEG, the way a
workstation's scanner would hand it over. The answers drawn are returned as the truth.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw

from app.core.domain.evaluation.model import Form
from app.core.printing import evaluation_layout as lay


@dataclass
class Scan:
    data: bytes  # the image file
    truth: dict[tuple[str, str], bool]  # (item, option) -> chosen
    answers: dict[str, str]  # item -> options chosen, joined
    page_no: int
    serial: int


def render_pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [doc[k].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for k in range(len(doc))]
    finally:
        doc.close()


def choose_answers(form: Form, rng: random.Random, blank: float = 0.06) -> dict[str, str]:
    answers = {}
    for item in form.choice_items():
        keys = [o.key for o in item.options]
        if rng.random() < blank:
            answers[item.key] = ""
        elif item.kind == "multiple":
            answers[item.key] = ",".join(
                sorted(rng.sample(keys, rng.randint(1, min(3, len(keys)))), key=keys.index)
            )
        else:
            answers[item.key] = rng.choice(keys)
    return answers


def _pen(draw: ImageDraw.ImageDraw, cx: float, cy: float, ppm: float, box: float, rng: random.Random) -> None:
    size = box * rng.uniform(0.6, 1.1) / 2
    width = max(1, round(rng.uniform(0.4, 0.7) * ppm))
    ink = rng.randint(10, 70)
    cx += rng.uniform(-0.5, 0.5) * ppm
    cy += rng.uniform(-0.5, 0.5) * ppm
    s = size * ppm
    if rng.random() < 0.5:  # a cross
        draw.line([(cx - s, cy - s), (cx + s, cy + s)], fill=ink, width=width)
        draw.line([(cx - s, cy + s), (cx + s, cy - s)], fill=ink, width=width)
    else:  # a tick
        draw.line(
            [(cx - s, cy), (cx - s * 0.3, cy + s * 0.8), (cx + s, cy - s)],
            fill=ink,
            width=width,
            joint="curve",
        )


def _fill(draw, cx, cy, ppm, box, share, rng) -> None:
    h = box / 2 * ppm
    top = cy - h + (1 - share) * 2 * h
    draw.rectangle([cx - h, top, cx + h, cy + h], fill=rng.randint(15, 60))


def fill_in(image: Image.Image, page: lay.Page, answers: dict[str, str], dpi: int, rng: random.Random):
    """Pen marks on a rendered page; returns the image and the truth of every box on it."""
    image = image.copy()
    draw = ImageDraw.Draw(image)
    ppm = dpi / 25.4
    truth = {}
    by_item: dict[str, list[lay.Box]] = {}
    for b in page.boxes:
        by_item.setdefault(b.item_key, []).append(b)
    for key, boxes in by_item.items():
        chosen = set(filter(None, answers.get(key, "").split(",")))
        for b in boxes:
            truth[(key, b.option_key)] = b.option_key in chosen
        if chosen and rng.random() < 0.03:  # a withdrawn choice: another box filled in solid
            others = [b for b in boxes if b.option_key not in chosen]
            if others:
                _fill(draw, others[0].x * ppm, others[0].y * ppm, ppm, others[0].size * 1.05, 1.0, rng)
        for b in boxes:
            if b.option_key in chosen:
                if rng.random() < 0.02:  # half filled
                    _fill(draw, b.x * ppm, b.y * ppm, ppm, b.size * 0.8, rng.uniform(0.45, 0.6), rng)
                else:
                    _pen(draw, b.x * ppm, b.y * ppm, ppm, b.size, rng)
    return image, truth


def scanner(
    image: Image.Image, rng: random.Random, *, angle=None, scale=None, noise=None, quality=60
) -> bytes:
    """Skew (−5…5°), scale (97–103 %), shift, Gaussian noise, JPEG: what a scanner hands over."""
    angle = rng.uniform(-5, 5) if angle is None else angle
    scale = rng.uniform(0.97, 1.03) if scale is None else scale
    noise = rng.uniform(0.02, 0.06) if noise is None else noise
    w, h = image.size
    a = math.radians(angle)
    cos, sin = math.cos(a) / scale, math.sin(a) / scale
    dx, dy = rng.uniform(-2, 2) * w / 210, rng.uniform(-2, 2) * w / 210
    cx, cy = w / 2, h / 2
    # Output pixel (x, y) takes input pixel (a x + b y + c, d x + e y + f).
    coeffs = (cos, sin, cx - cos * cx - sin * cy + dx, -sin, cos, cy + sin * cx - cos * cy + dy)
    skewed = image.transform((w, h), Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR, fillcolor=255)
    arr = np.asarray(skewed, dtype=np.float32)
    arr = arr + np.random.default_rng(rng.randrange(2**32)).normal(0, noise * 255, arr.shape).astype(
        np.float32
    )
    out = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=quality)
    return out.getvalue()


def make_scans(
    layout: lay.Layout, pdf: bytes, serials: list[int], dpi: int, rng: random.Random
) -> list[Scan]:
    """One scan per page of each printed sheet (the PDF holds the sheets in `serials` order)."""
    pages = render_pages(pdf, dpi)
    n = len(layout.pages)
    scans = []
    for k, serial in enumerate(serials):
        answers = choose_answers(layout.form, rng)
        for p, page in enumerate(layout.pages):
            image, truth = fill_in(pages[k * n + p], page, answers, dpi, rng)
            scans.append(Scan(scanner(image, rng), truth, answers, page.number, serial))
    return scans
