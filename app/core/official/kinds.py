"""The kinds of official document, what each is made from and who may see it."""

from __future__ import annotations

from enum import StrEnum

from app.core.printing import register


class DocKind(StrEnum):
    INSPECTION_REPORT = "inspection_report"  # 巡察报告
    FEEDBACK_LETTER = "feedback_letter"  # 反馈意见
    TRANSFER_LETTER = "transfer_letter"  # 问题线索移交函
    RECTIFICATION_NOTICE = "rectification_notice"  # 整改通知
    STATISTICS_REPORT = "statistics_report"  # 统计报告

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def register_kind(self) -> str:
        """The kind under which copies go into the print register (print_copies.document_kind)."""
        return f"official_{self.value}"

    @property
    def round_level(self) -> bool:
        """Made for a whole round (the statistics report) rather than one inspection."""
        return self is DocKind.STATISTICS_REPORT

    @property
    def needs_leads(self) -> bool:
        """Its text names leads: only the team's leader and the office may know of it."""
        return self is DocKind.TRANSFER_LETTER


KIND_LABELS = {
    DocKind.INSPECTION_REPORT: "巡察报告",
    DocKind.FEEDBACK_LETTER: "巡察反馈意见",
    DocKind.TRANSFER_LETTER: "问题线索移交函",
    DocKind.RECTIFICATION_NOTICE: "整改通知",
    DocKind.STATISTICS_REPORT: "巡察工作统计报告",
}

INSPECTION_KINDS = [k for k in DocKind if not k.round_level]

for _kind in DocKind:
    register.DOCUMENT_KINDS.setdefault(_kind.register_kind, _kind.label)


def kind_of_register(register_kind: str) -> DocKind | None:
    if register_kind.startswith("official_"):
        try:
            return DocKind(register_kind[len("official_") :])
        except ValueError:
            return None
    return None
