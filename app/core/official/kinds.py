"""The kinds of official document, what each is made from, which parts of GB/T 9704 it has, and who
may see it.

Parts outside the body (`Part`): the standard 版头 (red 发文机关标志 and rule), the 发文字号, the
签发人 (reports going up to the leading group: the inspection report and the statistics report),
the 版记 (抄送, 印发机关 and 印发日期), and the 信函格式 a 函 uses (the lead transfer letter).
"""

from __future__ import annotations

from enum import StrEnum

from app.core.printing import register


class Part(StrEnum):
    MASTHEAD = "masthead"  # 版头: 发文机关标志 in red and the red rule
    DOC_NUMBER = "doc_number"  # 发文字号
    SIGNER = "signer"  # 签发人 (上行文)
    IMPRINT = "imprint"  # 版记
    LETTER = "letter"  # 信函格式 (instead of the standard 版头)


class DocKind(StrEnum):
    INSPECTION_REPORT = "inspection_report"  # 巡察报告
    FEEDBACK_LETTER = "feedback_letter"  # 反馈意见
    TRANSFER_LETTER = "transfer_letter"  # 问题线索移交函
    RECTIFICATION_NOTICE = "rectification_notice"  # 整改通知
    STATISTICS_REPORT = "statistics_report"  # 统计报告
    SPECIAL_REPORT = "special_report"  # 专题报告 (during the inspection, on one subject)
    URGENT_REPORT = "urgent_report"  # 重要情况报告 (what cannot wait for the inspection report)
    COPY_NOTICE = (
        "copy_notice"  # 抄告单 (to the leader in charge, the discipline commission, the organisation dept)
    )

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
    def parts(self) -> frozenset[Part]:
        """The parts of GB/T 9704 outside the body that this kind of document has."""
        return KIND_PARTS[self]

    @property
    def own_sequence(self) -> bool:
        """Numbered per kind per year (its 发文字号 has the kind's own 代字), apart from the serial."""
        return self in SEQUENCE_CODES

    @property
    def sequence_code(self) -> str:
        """The kind's part of the 机关代字: '某巡办' + '专报' -> '某巡办专报〔2026〕3号'."""
        return SEQUENCE_CODES.get(self, "")

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
    DocKind.SPECIAL_REPORT: "专题报告",
    DocKind.URGENT_REPORT: "重要情况报告",
    DocKind.COPY_NOTICE: "巡察情况抄告单",
}

SEQUENCE_CODES = {
    DocKind.SPECIAL_REPORT: "专报",
    DocKind.URGENT_REPORT: "要情",
    DocKind.COPY_NOTICE: "抄告",
}


class CopyTarget(StrEnum):
    """Whom a 抄告单 goes to."""

    LEADER_IN_CHARGE = "leader_in_charge"  # the unit's 分管市领导
    DISCIPLINE_COMMISSION = "discipline_commission"
    ORGANISATION_DEPT = "organisation_dept"

    @property
    def label(self) -> str:
        return COPY_TARGET_LABELS[self]


COPY_TARGET_LABELS = {
    CopyTarget.LEADER_IN_CHARGE: "分管领导",
    CopyTarget.DISCIPLINE_COMMISSION: "纪委监委",
    CopyTarget.ORGANISATION_DEPT: "组织部",
}

_REPORT_UP = frozenset({Part.MASTHEAD, Part.DOC_NUMBER, Part.SIGNER, Part.IMPRINT})
_GOING_DOWN = frozenset({Part.MASTHEAD, Part.DOC_NUMBER, Part.IMPRINT})
KIND_PARTS = {
    DocKind.INSPECTION_REPORT: _REPORT_UP,  # to the leading group: signed off by the team's leader
    DocKind.FEEDBACK_LETTER: _GOING_DOWN,
    DocKind.TRANSFER_LETTER: frozenset({Part.LETTER, Part.DOC_NUMBER, Part.IMPRINT}),  # a 函
    DocKind.RECTIFICATION_NOTICE: _GOING_DOWN,
    DocKind.STATISTICS_REPORT: _REPORT_UP,
    DocKind.SPECIAL_REPORT: _REPORT_UP,  # to the leading group, signed off by the team's leader
    DocKind.URGENT_REPORT: _REPORT_UP,
    DocKind.COPY_NOTICE: _GOING_DOWN,  # to a body alongside: head, number and imprint, no 签发人
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
