"""Loading Qt Designer forms from forms/ (through app.paths, never the working directory)."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from app import paths
from app.ui.date_field import DateField

CUSTOM_WIDGETS = (DateField,)  # classes the forms may name (each form lists it in <customwidgets>)


def _loader(loader: QUiLoader) -> QUiLoader:
    for cls in CUSTOM_WIDGETS:
        loader.registerCustomWidget(cls)
    return loader


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of forms/<name>; its strings go through the installed translator."""
    file = QFile(str(paths.form(name)))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(paths.form(name))
    try:
        widget = _loader(QUiLoader()).load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {name}")
    return widget


def child(root: QWidget, cls: type, name: str):
    """A named child of a loaded form, failing loudly when the form and the code disagree."""
    found = root.findChild(cls, name)
    if found is None:
        raise LookupError(f"{name} ({cls.__name__}) missing in form")
    return found


class _IntoLoader(QUiLoader):
    """Builds a form's top-level element into an existing instance (so subclasses can own a .ui)."""

    def __init__(self, base: QWidget) -> None:
        super().__init__(base)
        self._base = base

    def createWidget(self, class_name: str, parent: QWidget | None = None, name: str = "") -> QWidget:
        if parent is None and self._base is not None:
            base, self._base = self._base, None
            return base
        widget = super().createWidget(class_name, parent, name)
        return widget


def load_into(name: str, base: QWidget) -> QWidget:
    """Load forms/<name> into `base`, whose class must match the form's top-level class."""
    file = QFile(str(paths.form(name)))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(paths.form(name))
    try:
        widget = _loader(_IntoLoader(base)).load(file, None)
    finally:
        file.close()
    if widget is not base:
        raise RuntimeError(f"cannot load form {name} into {type(base).__name__}")
    return base
