"""The security officer's seal section: each issuing body's seal (the office's, each team's), chosen
in a list; store its image (PNG with transparency), withdraw it, and read the seal register. The
image is shown back from the encrypted store, never from the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QLabel, QPushButton, QTableView, QWidget

from app.core.errors import UserError, ValidationError
from app.core.official import seals
from app.core.official.copies import local_time
from app.core.official.kinds import DocKind
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.forms import child, load_into
from app.ui.official.common import clear_errors, show_error, table_model


class SealSection(QGroupBox):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("official_seal.ui", self)
        self.worker = worker
        self.image = child(self, QLabel, "sealImage")
        self.info = child(self, QLabel, "sealInfo")
        self.register = child(self, QTableView, "registerView")
        self.owner_combo = child(self, QComboBox, "ownerCombo")
        self.owner_combo.currentIndexChanged.connect(self._owner_changed)
        child(self, QPushButton, "storeButton").clicked.connect(self.choose_file)
        child(self, QPushButton, "retireButton").clicked.connect(self.retire)
        clear_errors(self)
        follow_changes(self, worker, {"seal"}, self.refresh)
        self.refresh()

    def owner(self) -> str:
        """Whose seal is shown: '' for the office, else a team's name."""
        data = self.owner_combo.currentData()
        return data if isinstance(data, str) else seals.OFFICE

    def refresh(self) -> None:
        self.worker.submit(seals.seal_owners, on_done=self._owners, on_error=self._failed)
        self.worker.submit(
            lambda s: seals.seal_register(s, limit=200), on_done=self._register, on_error=self._failed
        )

    def _owners(self, owners: list[tuple[str, str]]) -> None:
        current = self.owner()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        for owner, label in owners:
            if not owner:
                label = QCoreApplication.translate("Official", "Inspection office")
            self.owner_combo.addItem(label, owner)
        index = self.owner_combo.findData(current)
        self.owner_combo.setCurrentIndex(max(index, 0))
        self.owner_combo.blockSignals(False)
        self._owner_changed()

    def _owner_changed(self) -> None:
        owner = self.owner()
        self.worker.submit(
            lambda s: seals.active_seal(s, owner),
            on_done=lambda info: self._info(info, owner),
            on_error=self._failed,
        )

    def _info(self, info: seals.SealInfo | None, owner: str = seals.OFFICE) -> None:
        if owner != self.owner():
            return  # an answer for the body shown before
        if info is None:
            self.info.setText(
                QCoreApplication.translate("Official", "No seal stored: documents cannot be sealed.")
            )
            self.image.clear()
            return
        self.info.setText(
            QCoreApplication.translate("Official", "%1, %2×%3 px, stored %4 by %5.")
            .replace("%1", info.name)
            .replace("%2", str(info.width_px))
            .replace("%3", str(info.height_px))
            .replace("%4", local_time(info.created_at))
            .replace("%5", info.stored_by)
        )
        owner = info.owner
        self.worker.submit(
            lambda s: seals.seal_image(s, owner=owner),
            on_done=lambda png: self._image(png) if owner == self.owner() else None,
            on_error=self._failed,
        )

    def _image(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.image.setPixmap(
            pixmap.scaled(
                120, 120, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def _register(self, uses: list[seals.SealUse]) -> None:
        table_model(
            self.register,
            [
                QCoreApplication.translate("Official", "Time"),
                QCoreApplication.translate("Official", "User"),
                QCoreApplication.translate("Official", "Document"),
                QCoreApplication.translate("Official", "No."),
                QCoreApplication.translate("Official", "Version"),
                QCoreApplication.translate("Official", "Copies"),
                QCoreApplication.translate("Official", "Seal"),
                QCoreApplication.translate("Official", "Seal of"),
            ],
            [
                [
                    local_time(u.at),
                    u.username,
                    DocKind(u.kind).label,
                    u.serial,
                    u.version,
                    f"{u.first_copy:06d}–{u.last_copy:06d}",
                    u.seal_name,
                    u.seal_owner or QCoreApplication.translate("Official", "Inspection office"),
                ]
                for u in uses
            ],
        )

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("Official", "Seal image"),
            "",
            QCoreApplication.translate("Official", "PNG images (*.png)"),
        )
        if path:
            self.store_file(Path(path))

    def store_file(self, path: Path) -> None:
        clear_errors(self)
        try:
            data = path.read_bytes()
        except OSError:
            show_error(self, ValidationError("无法读取所选文件。", field="seal"))
            return
        owner = self.owner()
        name = (
            QCoreApplication.translate("Official", "Seal of %1").replace("%1", owner)
            if owner
            else QCoreApplication.translate("Official", "Official seal")
        )
        self.worker.submit(
            lambda s: seals.store_seal(s, name, data, owner),
            on_error=self._failed,
        )

    def retire(self) -> None:
        from app.ui.messages import confirm

        if confirm(
            self,
            QCoreApplication.translate(
                "Official", "Withdraw the seal? Nothing can be sealed until a new image is stored."
            ),
        ):
            owner = self.owner()
            self.worker.submit(lambda s: seals.retire_seal(s, owner), on_error=self._failed)

    def _failed(self, error: UserError) -> None:
        label = self.findChild(QLabel, "sealError")
        label.setText(error.message)
        label.setVisible(True)
