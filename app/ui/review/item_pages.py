"""What the 调阅资料 tab does on the selected item's pages: reading notes, excerpts, electronic material, search.

ItemPages is mixed into ReviewPanel (app.ui.review.panel), which builds the pages, their tables and
the actions these methods read: add, edit and delete reading notes and excerpts in their dialogs;
import files with progress and cancel, view one in the in-app viewer, delete one; jump from a search
hit to its item and page. Its strings keep the panel's translation context, "ReviewPanel".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QTableView

from app.core.domain.review import reading
from app.core.domain.review.search import HitKind, SearchHit
from app.ui.messages import show_error, show_info
from app.ui.org.common import ask, select_record, selected_record
from app.ui.progress import run_with_progress
from app.ui.review import ops
from app.ui.review.dialogs import ExcerptDialog, ReadingDialog
from app.ui.review.viewer import MaterialViewer


class ItemPages:
    """The selected item's pages of ReviewPanel (a mixin: the panel holds the widgets and the state)."""

    # ---- reading notes and excerpts ----
    def _selected(self, table: QTableView):
        return selected_record(table) if self.detail is not None else None

    def add_reading(self) -> None:
        if self.detail is not None:
            self._open(ReadingDialog(self.worker, self.detail.item, self._people(), None, self))

    def edit_reading(self) -> None:
        current = self._selected(self.readings_table)
        if current is not None:
            self._open(ReadingDialog(self.worker, self.detail.item, self._people(), current, self))

    def delete_reading(self) -> None:
        current = self._selected(self.readings_table)
        if current is not None:
            question = QCoreApplication.translate(
                "ReviewPanel", "Delete the reading notes of {name} on {date}?"
            ).format(name=current.reviewer_name, date=current.read_on)
            ask(self, question, lambda: self._run(reading.delete_reading, current.id))

    def add_excerpt(self) -> None:
        if self.detail is not None:
            d = self.detail
            self._open(ExcerptDialog(self.worker, d.item, d.readings, d.material, None, self))

    def edit_excerpt(self) -> None:
        current = self._selected(self.excerpts_table)
        if current is not None:
            d = self.detail
            self._open(ExcerptDialog(self.worker, d.item, d.readings, d.material, current, self))

    def delete_excerpt(self) -> None:
        current = self._selected(self.excerpts_table)
        if current is not None:
            question = QCoreApplication.translate(
                "ReviewPanel", "Delete {label}? Its number is not used again."
            ).format(label=current.label)
            ask(self, question, lambda: self._run(reading.delete_excerpt, current.id))

    # ---- electronic material ----
    def choose_files(self) -> list[str]:
        """The files to import (a native dialog; tests replace this)."""
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            QCoreApplication.translate("ReviewPanel", "Import electronic material"),
            "",
            QCoreApplication.translate(
                "ReviewPanel",
                "Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)",
            ),
        )
        return paths

    def import_material(self) -> None:
        item = self.current_item()
        if item is None or not self.action_import.isEnabled():
            return
        paths = self.choose_files()
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        item = self.current_item()
        if item is None:
            return
        label = QCoreApplication.translate("ReviewPanel", "Importing {n} file(s) into item {number}…").format(
            n=len(paths), number=item.number
        )
        self.import_job, self.import_progress = run_with_progress(
            self.worker,
            self,
            label,
            ops.import_files,
            item.id,
            list(paths),
            on_done=self._imported,
            on_error=lambda e: show_error(self, e),
        )

    def _imported(self, report: ops.ImportReport) -> None:
        self.last_import = report  # the change notice (kind "attachment") reloads the lists
        self.item_tabs.setCurrentWidget(self.material_page)
        lines = [
            QCoreApplication.translate("ReviewPanel", "{n} file(s) imported.").format(n=len(report.imported))
        ]
        if report.cancelled:
            lines.append(
                QCoreApplication.translate("ReviewPanel", "Cancelled: {n} file(s) were not imported.").format(
                    n=report.not_tried
                )
            )
        if report.refused:
            lines.append(QCoreApplication.translate("ReviewPanel", "Refused, nothing of them was kept:"))
            lines += [f"• {name}：{message}" for name, message in report.refused]
        text = "\n".join(lines)
        if report.refused:
            self.import_message = show_error(self, text, QCoreApplication.translate("ReviewPanel", "Import"))
        else:
            self.import_message = show_info(self, text, QCoreApplication.translate("ReviewPanel", "Import"))

    def view_material(self) -> None:
        current = self._selected(self.material_table)
        if current is not None:
            self.worker.submit(
                ops.open_material,
                current.id,
                on_done=self._show_material,
                on_error=lambda e: show_error(self, e),
            )

    def _show_material(self, view: ops.MaterialView) -> None:
        self.viewer = MaterialViewer(view, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.destroyed.connect(lambda *_: setattr(self, "viewer", None))
        self.viewer.open()

    def delete_material(self) -> None:
        current = self._selected(self.material_table)
        if current is not None:
            question = QCoreApplication.translate(
                "ReviewPanel", "Delete the imported file “{name}” and its text?"
            ).format(name=current.filename)
            ask(self, question, lambda: self._run(reading.delete_material, current.id))

    # ---- search ----
    def focus_find(self) -> None:
        self.item_tabs.setCurrentWidget(self.search_view)
        self.search_view.focus()

    def show_hit(self, hit: SearchHit) -> None:
        """Select the hit's item and show where it was found."""
        self.outstanding_only.setChecked(False)
        self.filter_edit.clear()
        select_record(self.items_table, lambda i: i.id == hit.item_id)
        page = {
            HitKind.MATERIAL: self.material_page,
            HitKind.READING: self.readings_page,
            HitKind.EXCERPT: self.excerpts_page,
        }[hit.kind]
        self.item_tabs.setCurrentWidget(page)
