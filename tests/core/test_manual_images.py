"""The user manual's files agree: index.md names every chapter under its own title, every picture a
chapter shows exists, and every picture is newer than the forms it shows.

docs/manual/images/manifest.json is written by scripts/manual_screenshots.py: for each picture, the
sha256 of every Qt Designer form (forms/*.ui) visible in it when it was taken. A form changed since
then has another hash, so its pictures are stale: run the script again (one command regenerates all).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from app.core.printing import manual_markdown as md
from app.core.printing.manual_source import INDEX, chapter_files, load_manual

ROOT = Path(__file__).resolve().parents[2]
MANUAL = ROOT / "docs" / "manual"
IMAGES = MANUAL / "images"
FORMS = ROOT / "forms"
REGENERATE = "QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/manual_screenshots.py"
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+\.md)\)")


@pytest.fixture(scope="module")
def manual():
    return load_manual(MANUAL)


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((IMAGES / "manifest.json").read_text("utf-8"))


def shown_pictures(manual) -> dict[str, list[str]]:
    """Picture path (relative to docs/manual) -> the chapter files that show it."""
    shown: dict[str, list[str]] = {}
    for chapter in manual.chapters:
        for image in chapter.document.images():
            shown.setdefault(image.path, []).append(chapter.file)
    return shown


def test_the_index_names_every_chapter_file_under_the_chapters_own_title(manual):
    index_text = (MANUAL / INDEX).read_text("utf-8")
    linked = chapter_files(index_text)
    on_disk = sorted(p.name for p in MANUAL.glob("*.md") if p.name != INDEX)
    assert sorted(linked) == on_disk, "index.md must link every chapter file, and only those"
    labels = {target: label for label, target in _LINK.findall(index_text)}
    for chapter in manual.chapters:
        assert chapter.title, f"{chapter.file} has no '# title'"
        assert labels[chapter.file] == chapter.title, (chapter.file, labels[chapter.file], chapter.title)
    assert len(manual.chapters) >= 16


def test_every_picture_a_chapter_shows_exists(manual):
    shown = shown_pictures(manual)
    assert len(shown) >= 20, "the chapters show the application's main screens"
    missing = {path: files for path, files in shown.items() if manual.image_bytes(path) is None}
    assert not missing, f"pictures named in the manual but absent: {missing}"
    for path in shown:
        data = manual.image_bytes(path)
        assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"


def test_every_picture_was_taken_by_the_script_and_every_one_is_shown(manual, manifest):
    shown = {Path(p).name for p in shown_pictures(manual)}
    on_disk = {p.name for p in IMAGES.glob("*.png")}
    assert set(manifest) == on_disk, (
        f"pictures without a manifest entry (not from the script): {on_disk ^ set(manifest)}"
    )
    assert on_disk == shown, (
        f"pictures no chapter shows: {sorted(on_disk - shown)}; or not on disk: {sorted(shown - on_disk)}"
    )


def stale_pictures(manifest: dict, forms: Path) -> list[str]:
    """Why each picture is stale: a form it shows changed (another hash) or is gone."""
    stale: list[str] = []
    for picture, entry in manifest.items():
        for form, digest in entry["forms"].items():
            path = forms / form
            if not path.is_file():
                stale.append(f"{picture}: {form} no longer exists")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                stale.append(f"{picture}: {form} changed after the picture was taken")
    return stale


def test_no_picture_is_older_than_a_form_it_shows(manifest):
    for picture, entry in manifest.items():
        assert set(entry) >= {"forms", "size"}, picture
    stale = stale_pictures(manifest, FORMS)
    assert not stale, "stale screenshots — run `" + REGENERATE + "`:\n" + "\n".join(stale)


def test_the_stale_check_catches_a_changed_form_and_a_removed_one(tmp_path, manifest):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    assert stale_pictures(manifest, forms) == []
    shown = {f for entry in manifest.values() for f in entry["forms"]}
    changed, removed = sorted(shown)[:2]
    (forms / changed).write_bytes(
        (forms / changed).read_bytes().replace(b"</ui>", b" <!-- a new button -->\n</ui>")
    )
    (forms / removed).unlink()
    stale = stale_pictures(manifest, forms)
    pictures_of = {f: {p for p, e in manifest.items() if f in e["forms"]} for f in (changed, removed)}
    assert {s.split(":")[0] for s in stale if changed in s} == pictures_of[changed]
    assert {s.split(":")[0] for s in stale if removed in s} == pictures_of[removed]
    assert all("changed after" in s for s in stale if changed in s)


def test_the_main_screens_have_pictures_at_the_main_window_size(manifest):
    for name in ("main-office.png", "talks.png", "issues.png", "official.png", "audit.png", "accounts.png"):
        assert manifest[name]["size"] == [1280, 800], name
        assert "main_window.ui" in manifest[name]["forms"], name


def test_images_are_blocks_of_their_own_in_the_parsed_chapters():
    # A picture inline in a sentence would not be laid out; the parser takes it only alone on a line.
    document = md.parse("正文\n\n![图](images/x.png)\n\n文字 ![不是图](images/y.png) 继续")
    assert [i.path for i in document.images()] == ["images/x.png"]
