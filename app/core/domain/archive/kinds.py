"""The kinds of record an inspection files, and how each is classed and kept (DA/T 22-2015).

Official documents and what the unit hands in are 文书档案 (class code WS); the working records
(talk records, working papers, minutes, plans, lists) are 业务档案 (YW). Each kind has a default
retention period (永久 / 30年 / 10年) that the office may change (`archive_retention`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    WS = "WS"  # 文书档案
    YW = "YW"  # 业务档案

    @property
    def label(self) -> str:
        return {"WS": "文书档案", "YW": "业务档案"}[self.value]


class Retention(StrEnum):
    PERMANENT = "Y"
    YEARS_30 = "D30"
    YEARS_10 = "D10"

    @property
    def label(self) -> str:
        return {"Y": "永久", "D30": "30年", "D10": "10年"}[self.value]


RETENTION_ORDER = [Retention.PERMANENT, Retention.YEARS_30, Retention.YEARS_10]
CATEGORY_ORDER = [Category.WS, Category.YW]


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    category: Category
    retention: Retention
    order: int


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("official_document", "公文", Category.WS, Retention.PERMANENT, 0),
        Kind("unit_report", "被巡察单位报送材料", Category.WS, Retention.YEARS_30, 1),
        Kind("talk_plan", "谈话计划", Category.YW, Retention.YEARS_10, 2),
        Kind("meeting", "会议纪要", Category.YW, Retention.YEARS_30, 3),
        Kind("talk", "谈话记录", Category.YW, Retention.YEARS_30, 4),
        Kind("working_paper", "问题底稿", Category.YW, Retention.PERMANENT, 5),
        Kind("fact_sheet", "事实确认单", Category.YW, Retention.YEARS_30, 6),
        Kind("request_list", "调阅清单", Category.YW, Retention.YEARS_10, 7),
        Kind("assessment", "整改成效评估", Category.YW, Retention.YEARS_30, 8),
        Kind("evaluation_report", "民主测评和问卷结果", Category.YW, Retention.YEARS_10, 9),
        Kind("rectification_ledger", "整改台账", Category.YW, Retention.YEARS_30, 10),
    )
}


def kind(name: str) -> Kind:
    return KINDS[name]


def retention_for(conn, name: str) -> Retention:
    """The retention period of a kind: the office's setting, else the default."""
    row = conn.execute("SELECT retention FROM archive_retention WHERE kind = ?", (name,)).fetchone()
    return Retention(row["retention"]) if row else KINDS[name].retention


def parse_retention(text: str) -> Retention:
    """'永久', '30年', '10年' or the codes Y / D30 / D10."""
    from app.core.errors import ValidationError

    value = (text or "").strip()
    for r in Retention:
        if value in (r.value, r.label):
            return r
    raise ValidationError("保管期限须为 永久、30年 或 10年。", field="retention")
