"""The whole user manual renders with the print pipeline: every font embedded, every chapter's title
and picture in it, the contents pointing at the right pages. A copy goes to $ARTIFACTS_DIR as
user-manual.pdf for a person to read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.printing.manual import chapter_label, manual_pdf
from app.core.printing.manual_source import load_manual
from tests.conftest import save_artifact
from tests.core.print_helpers import HAVE_POPPLER, fonts, page_count, squash, text

MANUAL = Path(__file__).resolve().parents[2] / "docs" / "manual"


@pytest.fixture(scope="module")
def manual():
    return load_manual(MANUAL)


@pytest.fixture(scope="module")
def pdf(manual) -> bytes:
    data = manual_pdf(manual)
    save_artifact("user-manual.pdf", data)
    return data


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return text(pdf).split("\f")


def test_the_manual_embeds_every_font_it_uses(pdf):
    found = fonts(pdf)
    assert found, "no fonts at all"
    assert all(embedded for _name, embedded in found), [n for n, e in found if not e]
    assert not any(name.split("+")[-1].startswith(("Helvetica", "Times", "Courier")) for name, _ in found)


@pytest.mark.skipif(not HAVE_POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_every_chapter_title_is_in_the_manual_from_a_page_of_its_own(manual, pages):
    assert len(manual.chapters) >= 16
    for number, chapter in enumerate(manual.chapters, start=1):
        heading = squash(chapter_label(number) + chapter.title)
        starts = [i for i, page in enumerate(pages) if squash(page).find(heading) != -1]
        assert starts, f"{chapter.file}: “{chapter_label(number)} {chapter.title}” not in the PDF"


@pytest.mark.skipif(not HAVE_POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_the_contents_gives_each_chapter_the_page_it_starts_on(manual, pages):
    contents = re.sub(r"\s+", " ", " ".join(pages[1:6]))
    for number, chapter in enumerate(manual.chapters, start=1):
        # pdftotext may take "第N章" and the title apart; the title and its page follow the label.
        at = contents.find(chapter_label(number))
        assert at != -1, f"{chapter_label(number)} missing from the contents"
        title = re.sub(r"\s+", " ", chapter.title)
        match = re.compile(re.escape(title) + r"[\s·.…]+(\d+)(?=\s|$)").search(contents, at)
        assert match, f"{chapter.title} missing from the contents"
        page = int(match.group(1))
        # The chapter's heading is on that page and on none before it.
        heading = squash(chapter_label(number) + chapter.title)
        assert heading in squash(pages[page - 1]), (chapter.title, page)
        assert not any(heading in squash(p) for p in pages[6 : page - 1]), (chapter.title, page)


def test_every_picture_is_drawn_and_the_manual_is_book_length(manual, pdf):
    pictures = sum(len(c.document.images()) for c in manual.chapters)
    drawn = len(re.findall(rb"/Subtype\s*/Image", pdf))
    assert drawn >= pictures, (drawn, pictures)
    assert page_count(pdf) >= 40


@pytest.mark.skipif(not HAVE_POPPLER, reason="pdftotext (poppler-utils) not installed")
def test_the_manual_speaks_of_what_the_product_does(pages):
    body = squash("".join(pages))
    for phrase in (
        "恢复码只显示这一次",
        "三员分立",
        "份号",
        "水印",
        "核验码",
        "销号",
        "xcbak",
        "Ctrl+L",
        "交换登记",
    ):
        assert squash(phrase) in body, phrase
