"""Reading scanned evaluation forms (光标阅读): registration marks, the page code, every box.

numpy and Pillow only, no network and no model. A page is found by its four registration marks
(evaluation_layout.MARKS: solid squares in the corners), wherever a scan put them — skewed up to
5°, scaled 97–103 %, at 150–300 dpi, with noise and JPEG artefacts:

1. the image (grey, 0..1) is reduced to about 2 px/mm; in each corner the window of the mark's size
   that is darkest is taken when it is nearly solid; its centre is refined on the full image
   (the centroid of the dark pixels around it);
2. an affine map from the layout (mm) to the image (px) is fitted to the four centres; a residual
   over 0.8 mm or a scale far from the page's means "not one of our pages";
3. the page code's cells are read (a dot = 1) and checked by its CRC (else: unreadable page);
4. each box of that page: the share of dark pixels inside it (a margin kept from its outline) says
   empty, marked, cancelled (filled in: the form says a filled box withdraws a choice) or unclear
   (faint, or between a mark and a fill).

`read_choices` turns boxes into answers: a single choice with two marks, or any unclear box, is
unclear; those items go to the review (domain/evaluation/scans.py); nothing is counted before.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps

from app.core.printing import evaluation_layout as lay

Image.MAX_IMAGE_PIXELS = 80_000_000  # an A4 page at 600 dpi is 35 Mpx; a larger "scan" is refused

EMPTY, MARKED, UNCLEAR, CANCELLED = "empty", "marked", "unclear", "cancelled"
FAINT, MARK, HEAVY, FILLED = 0.035, 0.075, 0.62, 0.86  # dark shares: empty < FAINT ≤ unclear < MARK …


@dataclass
class BoxReading:
    box: lay.Box
    fill: float
    state: str
    crop: bytes = b""  # PNG of the box and its surroundings, for the review (set when asked)


@dataclass
class PageReading:
    ok: bool
    note: str = ""
    form_code: int = 0
    round_no: int = 0
    page_no: int = 0
    serial: int = 0
    boxes: list[BoxReading] = field(default_factory=list)
    gray: np.ndarray | None = None
    transform: np.ndarray | None = None


MAX_PIXELS = 36_000_000  # a page larger than A4 at 600 dpi (35 Mpx) is no scan of our forms


class ScanRefused(ValueError):
    """A scan that is too large or has too many pages; the message is for the user."""


def open_images(data: bytes, max_pages: int = 400) -> list[Image.Image]:
    """The pages of a scan: PNG, JPEG, TIFF (every frame) or PDF (every page rendered at 200 dpi).

    Sizes are checked before anything is decoded: at most `max_pages` pages of MAX_PIXELS each.
    """
    if data[:5] == b"%PDF-":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            if len(pdf) > max_pages:
                raise ScanRefused(f"扫描件超过 {max_pages} 页。")
            pages = []
            for k in range(len(pdf)):
                w, h = pdf[k].get_size()
                scale = min(200 / 72, (MAX_PIXELS / max(1.0, w * h)) ** 0.5)
                pages.append(pdf[k].render(scale=scale, grayscale=True).to_pil())
            return pages
        finally:
            pdf.close()
    image = Image.open(io.BytesIO(data))
    frames = getattr(image, "n_frames", 1)
    if frames > max_pages:
        raise ScanRefused(f"扫描件超过 {max_pages} 页。")
    out = []
    for k in range(frames):
        image.seek(k)
        if image.size[0] * image.size[1] > MAX_PIXELS:
            raise ScanRefused(f"扫描件第{k + 1}页过大（{image.size[0]}×{image.size[1]} 像素）。")
        out.append(ImageOps.exif_transpose(image.copy()) if k == 0 else image.copy())
    return out


def to_gray(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"), dtype=np.float32) / 255.0


def _box_sum(a: np.ndarray, w: int) -> np.ndarray:
    """Sum over every w×w window (valid positions), by the summed-area table."""
    s = np.pad(a, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    return s[w:, w:] - s[:-w, w:] - s[w:, :-w] + s[:-w, :-w]


def _find_marks(gray: np.ndarray, white: float) -> list[tuple[float, float]] | None:
    h, w = gray.shape
    ppm = w / lay.PAGE_W  # pixels per mm, near enough (the scale is within a few per cent)
    k = max(1, int(ppm / 2))
    small = np.asarray(Image.fromarray((gray * 255).astype(np.uint8)).reduce(k), dtype=np.float32) / 255.0
    dark = (small < 0.55 * white).astype(np.float32)
    sppm = ppm / k
    win = max(3, int(round(lay.MARK_SIZE * 0.85 * sppm)))
    reach = int(50 * sppm)
    found = []
    for mx, my in lay.MARKS:
        x0 = 0 if mx < lay.PAGE_W / 2 else max(0, dark.shape[1] - reach)
        y0 = 0 if my < lay.PAGE_H / 2 else max(0, dark.shape[0] - reach)
        region = dark[y0 : y0 + reach, x0 : x0 + reach]
        if region.shape[0] < win or region.shape[1] < win:
            return None
        sums = _box_sum(region, win)
        j, i = np.unravel_index(int(np.argmax(sums)), sums.shape)
        if sums[j, i] < 0.85 * win * win:
            return None
        cx, cy = (x0 + i + win / 2) * k, (y0 + j + win / 2) * k
        # Refine on the full image: the dark pixels' centroid within the mark's reach.
        r = int(lay.MARK_SIZE * 0.8 * ppm)
        xa, ya = max(0, int(cx) - r), max(0, int(cy) - r)
        patch = gray[ya : int(cy) + r, xa : int(cx) + r]
        weight = np.clip((0.6 * white - patch) / (0.6 * white), 0, 1)
        total = weight.sum()
        if total < (lay.MARK_SIZE * ppm) ** 2 * 0.5:
            return None
        ys, xs = np.mgrid[0 : patch.shape[0], 0 : patch.shape[1]]
        found.append(
            (xa + float((weight * xs).sum() / total) + 0.5, ya + float((weight * ys).sum() / total) + 0.5)
        )
    return found


def _fit(points_mm, points_px) -> tuple[np.ndarray, float]:
    """The affine map (2×3) from mm to px by least squares, and its worst residual in mm."""
    a = np.array([[x, y, 1.0] for x, y in points_mm])
    b = np.array(points_px)
    m, *_ = np.linalg.lstsq(a, b, rcond=None)
    t = m.T
    resid = np.abs(a @ m - b).max()
    scale = np.sqrt(abs(np.linalg.det(t[:, :2])))
    return t, float(resid / scale)


def _to_px(t: np.ndarray, x: float, y: float) -> tuple[float, float]:
    return float(t[0, 0] * x + t[0, 1] * y + t[0, 2]), float(t[1, 0] * x + t[1, 1] * y + t[1, 2])


def _dark_share(gray: np.ndarray, cx: float, cy: float, half: float, thr: float) -> float:
    x0, x1 = int(round(cx - half)), int(round(cx + half))
    y0, y1 = int(round(cy - half)), int(round(cy + half))
    if x0 < 0 or y0 < 0 or x1 > gray.shape[1] or y1 > gray.shape[0] or x1 <= x0 or y1 <= y0:
        return 0.0
    return float((gray[y0:y1, x0:x1] < thr).mean())


def locate(gray: np.ndarray) -> tuple[np.ndarray | None, str, float]:
    """The layout→image map of a page, or None and why; and the paper's white level."""
    white = float(np.percentile(gray[::7, ::7], 90)) or 1.0
    marks = _find_marks(gray, white)
    if marks is None:
        return None, "找不到四角定位标记", white
    t, resid = _fit(lay.MARKS, marks)
    ppm = gray.shape[1] / lay.PAGE_W
    scale = np.sqrt(abs(np.linalg.det(t[:, :2])))
    if resid > 0.8 or not 0.85 * ppm <= scale <= 1.15 * ppm:
        return None, "定位标记位置不符", white
    return t, "", white


def read_code(gray: np.ndarray, t: np.ndarray, white: float) -> tuple[int, int, int, int] | None:
    ppm = np.sqrt(abs(np.linalg.det(t[:, :2])))
    half = 0.55 * ppm
    bits = [int(_dark_share(gray, *_to_px(t, x, y), half, 0.55 * white) > 0.5) for x, y in lay.code_cells()]
    return lay.decode_code(bits)


def classify(fill: float) -> str:
    if fill < FAINT:
        return EMPTY
    if fill < MARK:
        return UNCLEAR
    if fill < HEAVY:
        return MARKED
    if fill < FILLED:
        return UNCLEAR
    return CANCELLED


def read_page(gray: np.ndarray, layout_of: Callable[[int], lay.Layout | None]) -> PageReading:
    """Read one page; `layout_of(form_code)` gives the form's layout (None: not a form of ours)."""
    code, t, white, why = None, None, 1.0, ""
    # The marks are symmetric: a page fed upside down is found, and its code read, when turned round.
    for candidate in (gray, gray[::-1, ::-1]):
        t, why, white = locate(candidate)
        if t is None:
            continue
        code = read_code(candidate, t, white)
        if code is not None:
            gray = np.ascontiguousarray(candidate)
            break
        why = "页码（点码）无法识读"
    if code is None:
        return PageReading(False, why)
    form_code, round_no, page_no, serial = code
    layout = layout_of(form_code)
    if layout is None or not 1 <= page_no <= len(layout.pages):
        return PageReading(
            False, f"表码 {form_code:04d} 不是本测评的表", form_code, round_no, page_no, serial
        )
    ppm = np.sqrt(abs(np.linalg.det(t[:, :2])))
    thr = 0.55 * white
    boxes = []
    for b in layout.boxes_of(page_no):
        cx, cy = _to_px(t, b.x, b.y)
        fill = _dark_share(gray, cx, cy, (b.size / 2 - 0.75) * ppm, thr)
        boxes.append(BoxReading(b, fill, classify(fill)))
    return PageReading(True, "", form_code, round_no, page_no, serial, boxes, gray, t)


def crop(reading: PageReading, box: lay.Box, margin: float = 2.5) -> bytes:
    """The box and a margin around it, as a small PNG (what the review shows next to the choice)."""
    if reading.gray is None or reading.transform is None:
        return b""
    t = reading.transform
    ppm = np.sqrt(abs(np.linalg.det(t[:, :2])))
    cx, cy = _to_px(t, box.x, box.y)
    half = (box.size / 2 + margin) * ppm
    g = reading.gray
    x0, y0 = max(0, int(cx - half)), max(0, int(cy - half))
    patch = g[y0 : int(cy + half), x0 : int(cx + half)]
    out = io.BytesIO()
    Image.fromarray((np.clip(patch, 0, 1) * 255).astype(np.uint8)).save(out, "PNG", optimize=True)
    return out.getvalue()


@dataclass
class ItemReading:
    item_key: str
    value: str | None  # the options chosen ("A", "A,C", "" for none); None: unclear, to review
    reason: str = ""
    boxes: list[BoxReading] = field(default_factory=list)


def read_choices(form_items: dict[str, str], boxes: list[BoxReading]) -> list[ItemReading]:
    """Answers from box readings; `form_items` maps an item key to its kind ("single" / "multiple")."""
    by_item: dict[str, list[BoxReading]] = {}
    for r in boxes:
        by_item.setdefault(r.box.item_key, []).append(r)
    out = []
    for key, readings in by_item.items():
        marked = [r.box.option_key for r in readings if r.state == MARKED]
        if any(r.state == UNCLEAR for r in readings):
            out.append(ItemReading(key, None, "识别不清", readings))
        elif form_items.get(key) == "single" and len(marked) > 1:
            out.append(ItemReading(key, None, "单选题选了多项", readings))
        else:
            out.append(ItemReading(key, ",".join(marked), "", readings))
    return out
