"""A refused import is audited: what was being imported, into which record, and why, by category.

Audit summaries name actions, ids and counts, never record text, and a file's name is case data:
so the entry names the refusal's category (too large, hostile, damaged, encrypted, wrong type), the
import's kind and the file's size, never the file name or the message (which may quote either).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.core.imports.limits import ImportRefused
from app.core.session import Session

ACTION = "import_refused"

# (category, words of the message that put a refusal in it); the first that matches wins.
_CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("疑为恶意构造", ("疑为", "恶意", "炸弹", "实体声明")),
    ("超过上限", ("上限", "过大", "过长")),
    ("已加密", ("加密",)),
    ("来源无法确认", ("来源", "导出记录", "另一项巡察")),
    ("结构不符", ("列被移动", "列对应", "表头", "工作表")),
    ("已损坏", ("损坏", "无法解析", "无法读取", "无法打开", "不完整")),
    ("类型不符或不支持", ("不支持", "扩展名", "不符", "不是", "类型")),
    ("找不到或无权读取", ("找不到", "权限", "文件夹")),
)


def category(exc: ImportRefused) -> str:
    for name, words in _CATEGORIES:
        if any(word in exc.message for word in words):
            return name
    return "其他原因"


def record(
    session: Session, object_type: str, object_id: str, what: str, exc: ImportRefused, size: int | None
) -> None:
    shown = f"，{size} 字节" if size is not None else ""
    session.audit(ACTION, object_type, object_id, f"{what}：{category(exc)}{shown}")


@contextmanager
def audited(
    session: Session, object_type: str, object_id: str, what: str, size: int | None = None
) -> Iterator[None]:
    """Run an import step; if it refuses the file, audit the refusal (in its own transaction) and re-raise."""
    try:
        yield
    except ImportRefused as exc:
        if not getattr(exc, "audited", False):  # an inner step may have recorded it already
            record(session, object_type, object_id, what, exc, size)
            exc.audited = True
        raise
