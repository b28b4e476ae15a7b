"""Helpers for the PDF tests: fonts embedded, text extracted, pages counted (poppler when present)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib

HAVE_POPPLER = bool(shutil.which("pdffonts") and shutil.which("pdftotext") and shutil.which("pdfinfo"))


def _run(tool: str, pdf: bytes, *args: str) -> str:
    # Poppler reads the PDF from stdin ("-"), so the test writes no file either.
    out = subprocess.run(
        [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, *args, "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return out.stdout.decode("utf-8", "replace")


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded) for each font of the PDF."""
    if HAVE_POPPLER:
        lines = _run("pdffonts", pdf).splitlines()[2:]
        result = []
        for line in lines:
            parts = line.split()
            # name type... encoding emb sub uni id gen: "emb" is the 5th field from the end.
            result.append((parts[0], parts[-5] == "yes"))
        return result
    # Without poppler: every /FontDescriptor must point at an embedded TrueType stream.
    names = re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-_]+)", pdf)
    embedded = len(re.findall(rb"/FontFile2\s+\d+\s+0\s+R", pdf))
    descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", pdf))
    ok = embedded == descriptors and descriptors > 0
    return [(n.decode(), ok) for n in names if not n.endswith(b"Identity-H")]


def text(pdf: bytes) -> str:
    return _run("pdftotext", pdf, "-enc", "UTF-8")


def page_count(pdf: bytes) -> int:
    if HAVE_POPPLER:
        match = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", pdf), re.M)
        assert match
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def has_font_streams(pdf: bytes) -> bool:
    """At least one embedded TrueType program that decompresses: the fonts really are inside."""
    found = False
    for match in re.finditer(rb"/FontFile2 (\d+) 0 R", pdf):
        obj = re.search(rb"\n" + match.group(1) + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", pdf, re.S)
        assert obj, "font stream object missing"
        start = obj.end()
        length = int(re.search(rb"/Length (\d+)", obj.group(1)).group(1))
        data = pdf[start : start + length]
        if b"/FlateDecode" in obj.group(1):
            data = zlib.decompress(data)
        assert data[:4] in (b"\x00\x01\x00\x00", b"true"), "not a TrueType program"
        found = True
    return found


def text_lines(pdf: bytes) -> list[list[str]]:
    """Per page, the runs of text on each printed line (pdftotext -bbox), split where a gap of more
    than a character's width separates two words (table cells side by side are separate runs)."""
    out = _run("pdftotext", pdf, "-bbox", "-enc", "UTF-8")
    pages = []
    for page in out.split("<page ")[1:]:
        words = [
            (float(y0), float(x0), float(x1), t)
            for x0, y0, x1, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page
            )
        ]
        rows: dict[int, list[tuple[float, float, str]]] = {}
        for y0, x0, x1, t in words:
            rows.setdefault(round(y0), []).append((x0, x1, t))
        runs = []
        for y in sorted(rows):
            run, last = "", None
            for x0, x1, t in sorted(rows[y]):
                if last is not None and x0 - last > 12:
                    runs.append(run)
                    run = ""
                run += t
                last = x1
            runs.append(run)
        pages.append([r for r in runs if r])
    return pages


GBT_PAGE_NUMBER = re.compile(r"—\d+—")  # "— 1 —" at the foot of a GB/T 9704 page


def assert_line_breaks(pdf: bytes, *, official: bool = False) -> int:
    """No printed line starts with closing punctuation or ends with an opening mark (GB/T 15834);
    returns the number of lines checked. `official`: a GB/T 9704 page, whose page numbers "— N —"
    are furniture, not text lines."""
    from app.core.printing.text import NO_LINE_END, NO_LINE_START

    checked = 0
    for k, page in enumerate(text_lines(pdf), start=1):
        for run in page:
            if official and GBT_PAGE_NUMBER.fullmatch(run):
                continue
            assert run[0] not in NO_LINE_START, (k, run)
            assert run[-1] not in NO_LINE_END, (k, run)
            checked += 1
    return checked


def render_pages(pdf: bytes, folder, prefix: str = "p", dpi: int = 50) -> list:
    """pdftoppm renders every page to PNG under `folder`; returns the files."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-", str(folder / prefix)], input=pdf, check=True, timeout=120
    )
    return sorted(folder.glob(f"{prefix}-*.png"))
