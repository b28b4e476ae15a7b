"""An empty list says why it is empty and what to do (issue 17), as KeePassXC's and Anki's lists do.

`EmptyState(view)` puts a centred, word-wrapped note over the list's empty viewport: the reason in
bold (「还没有公文」, 「没有符合筛选条件的公文」, 「无权查看」…) and, below it, the way on. The list's
owner calls `show_reason(why, what)` whenever its list comes out empty and `clear()` when it has rows.
The note lives inside the viewport, so it never changes the layout around the list.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel

MARGIN = 24


class EmptyState(QObject):
    def __init__(self, view: QAbstractScrollArea, name: str = "emptyState") -> None:
        super().__init__(view)
        self.view = view
        self.label = QLabel(view.viewport())
        self.label.setObjectName(name)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setStyleSheet("color: #666;")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.hide()
        self.why = ""
        self.what = ""
        view.viewport().installEventFilter(self)

    def show_reason(self, why: str, what: str = "") -> None:
        """Show the note: `why` the list is empty, `what` the user can do about it."""
        self.why, self.what = why, what
        text = f"<p><b>{html.escape(why)}</b></p>"
        if what:
            text += f"<p>{html.escape(what)}</p>"
        self.label.setText(text)
        self._place()
        self.label.show()
        self.label.raise_()

    def follow(self, model: QAbstractItemModel, reason: Callable[[], tuple[str, str] | None]) -> None:
        """Whenever `model`'s rows change and it has none, show `reason()` (why, what to do);
        None: nothing to say yet (still loading, or the reason is shown elsewhere)."""
        self._model, self._reason = model, reason
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        self.update()

    def update(self, *_args) -> None:
        """Look again (after something the reason depends on changed, e.g. a filter or the loading)."""
        model = getattr(self, "_model", None)
        if model is None:
            return
        reason = self._reason() if model.rowCount(QModelIndex()) == 0 else None
        if reason is None:
            self.clear()
        else:
            self.show_reason(*reason)

    def clear(self) -> None:
        self.why = self.what = ""
        self.label.hide()

    def text(self) -> str:
        """The note as plain text ('' when hidden): the reason, then what to do."""
        return "\n".join(t for t in (self.why, self.what) if t) if self.label.isVisibleTo(self.view) else ""

    def _place(self) -> None:
        # The viewport starts below a table's header: the note never covers the column titles.
        self.label.setGeometry(self.view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.label.isVisibleTo(self.view):
            self._place()
        return False
