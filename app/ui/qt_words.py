"""Chinese for the few strings of Qt's own dialogs that Qt's qtbase_zh_CN catalogue lacks.

Qt 6 renamed some QFileDialog labels (they gained accelerators: "&Look in:", "Files of &type:") and
its zh_CN catalogue still has only the old ones, so the file dialog spoke half English. This
translator, installed beside qtbase's, answers for exactly those strings and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class QtWords(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return MISSING.get((context, source))  # None: not ours, ask the next catalogue

    def isEmpty(self) -> bool:
        return False
