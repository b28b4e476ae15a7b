"""Finding duplicate accelerator letters (&X) among the widgets of one window that can be seen together."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QTabWidget, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).upper() if match else None


def _pages(widget: QWidget, root: QWidget) -> dict[int, int]:
    """{id of each tab widget above `widget`: the page it sits on} (a tab bar itself sits on none)."""
    pages: dict[int, int] = {}
    page = widget
    while page is not None and page is not root:
        stack = page.parentWidget()
        tabs = stack.parentWidget() if stack is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(page) >= 0:
            pages[id(tabs)] = tabs.indexOf(page)
        page = stack
    return pages


def _together(a: dict[int, int], b: dict[int, int]) -> bool:
    return all(a[k] == b[k] for k in a.keys() & b.keys())


def accelerators(root: QWidget) -> list[tuple[str, str, dict[int, int]]]:
    """(letter, what, pages) for every accelerator in the window."""
    found = []

    def add(text: str, what: str, widget: QWidget) -> None:
        letter = mnemonic(text or "")
        if letter:
            found.append((letter, f"{what} {text!r}", _pages(widget, root)))

    for button in root.findChildren(QAbstractButton):
        add(button.text(), type(button).__name__, button)
    for label in root.findChildren(QLabel):
        if label.buddy() is not None:
            add(label.text(), "QLabel", label)
    for box in root.findChildren(QGroupBox):
        add(box.title(), "QGroupBox", box)
    for tabs in root.findChildren(QTabWidget):
        for i in range(tabs.count()):
            add(tabs.tabText(i), "tab", tabs)
    for bar in root.findChildren(QTabBar):
        if not isinstance(bar.parentWidget(), QTabWidget):
            for i in range(bar.count()):
                add(bar.tabText(i), "tab", bar)
    for bar in root.findChildren(QMenuBar):
        for action in bar.actions():
            add(action.text(), "menu", bar)
    return found


def duplicates(root: QWidget) -> list[str]:
    """Accelerator letters used twice among widgets visible together."""
    found = accelerators(root)
    clashes = []
    for i, (letter, what, pages) in enumerate(found):
        for other_letter, other, other_pages in found[i + 1 :]:
            if letter == other_letter and _together(pages, other_pages):
                clashes.append(f"&{letter}: {what} / {other}")
    return clashes
