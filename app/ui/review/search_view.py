"""Full-text search over one inspection's material, reading notes and excerpts, hits highlighted.

The core returns each hit's snippet with the ranges to mark (SearchHit.marks); they are drawn as
rich text with every piece of record text HTML-escaped, so nothing in a document can inject markup.
Clicking a hit asks the tab to show its item.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.core.domain.review import search as review_search
from app.core.domain.review.search import SearchHit
from app.core.errors import UserError
from app.ui.db_worker import DbWorker

MARK = "background-color: #ffd54f; color: #000; font-weight: bold;"


def highlighted(hit: SearchHit) -> str:
    """The snippet as HTML: escaped text, marked ranges in a highlight span."""
    out, pos = [], 0
    for start, end in hit.marks:
        out.append(escape(hit.snippet[pos:start]))
        out.append(f'<span style="{MARK}">{escape(hit.snippet[start:end])}</span>')
        pos = end
    out.append(escape(hit.snippet[pos:]))
    return "".join(out)


class SearchView(QWidget):
    """`hit_chosen(SearchHit)` when the user clicks a hit."""

    hit_chosen = Signal(object)

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewSearch")
        self.worker, self.inspection_id = worker, inspection_id
        self.hits: list[SearchHit] = []
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(
            self.tr("Words to find (two characters or more; several words must all occur)")
        )
        self.edit.setClearButtonEnabled(True)
        self.button = QPushButton(self.tr("Search"))
        self.button.setObjectName("searchButton")
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.results = QTextBrowser()
        self.results.setObjectName("searchResults")
        # Links are ours ("hit:N"); nothing is ever opened outside the app.
        self.results.setOpenLinks(False)
        self.results.setOpenExternalLinks(False)
        self.results.anchorClicked.connect(self._clicked)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.edit.returnPressed.connect(self.search)
        self.button.clicked.connect(self.search)
        self.busy = False

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def search(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Searching…"))
        self.worker.submit(
            lambda s, q, i: review_search.search(s, q, inspection_id=i, limit=200),
            self.edit.text(),
            self.inspection_id,
            on_done=self._found,
            on_error=self._failed,
        )

    def _failed(self, error: UserError) -> None:
        self.busy = False
        self.hits = []
        self.results.clear()
        self.status.setStyleSheet("color: #b00000;")
        self.status.setText(str(error))

    def _found(self, hits: list[SearchHit]) -> None:
        self.busy = False
        self.hits = hits
        if not hits:
            self.status.setText(self.tr("Nothing found."))
        else:
            self.status.setText(self.tr("{n} hit(s).").format(n=len(hits)))
        self.results.setHtml(self.render(hits))

    def render(self, hits: list[SearchHit]) -> str:
        blocks = []
        for n, hit in enumerate(hits):
            where = self.tr("{label}, {location}, {count} occurrence(s)").format(
                label=hit.label, location=hit.location, count=hit.occurrences
            )
            blocks.append(
                "<p style='margin: 0 0 8px 0;'>"
                f"<a href='hit:{n}'><b>{hit.item_number}. {escape(hit.item_title)}</b></a>"
                f" <span style='color:#555;'>[{escape(hit.kind.label)}] {escape(where)}</span><br>"
                f"{highlighted(hit)}</p>"
            )
        return "".join(blocks)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("hit:"):
            n = int(text[4:])
            if 0 <= n < len(self.hits):
                self.hit_chosen.emit(self.hits[n])
