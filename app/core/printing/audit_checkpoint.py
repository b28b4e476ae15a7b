"""The printed audit checkpoint (审计检查点): one A4 page the auditor keeps on paper.

It shows the checkpoint's sequence, the chain's hash at that entry, the time, the workstation, the
code to type into `python -m app verify --anchor`, and the same as a QR code. Paper kept outside the
data folder is what catches the whole folder rolled back to an older copy (app.core.security.anchors).
The page carries no record text: a checkpoint is not classified.
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.printing.authentication import draw_qr
from app.core.printing.fonts import default_fonts
from app.core.security.anchors import Checkpoint, make_checkpoint
from app.core.session import Session


def local_time(iso_utc: str) -> str:
    return datetime.fromisoformat(iso_utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def checkpoint_pdf(checkpoint: Checkpoint, org_name: str, printed_by: str, workstation_id: str) -> bytes:
    fonts = default_fonts()
    buffer = io.BytesIO()
    # Start in our own font, or reportlab names an unembedded Helvetica in the PDF.
    canv = Canvas(
        buffer, pagesize=A4, invariant=True, pageCompression=1, initialFontName=fonts.song, initialFontSize=12
    )
    canv.setTitle("审计检查点")
    canv.setCreator("巡察工作台")
    width, height = A4
    left = 30 * mm
    y = height - 40 * mm
    canv.setFont(fonts.title, 22)
    canv.drawCentredString(width / 2, y, "审计日志检查点")
    y -= 16 * mm
    canv.setFont(fonts.song, 12)
    lines = [
        ("单位", org_name),
        ("工作站", workstation_id),
        ("审计序号", f"第 {checkpoint.seq} 条"),
        ("时间", local_time(checkpoint.at)),
        ("打印人", printed_by),
        ("链哈希", checkpoint.hash[:32]),
        ("", checkpoint.hash[32:]),
    ]
    for label, value in lines:
        canv.drawString(left, y, f"{label}：" if label else "")
        canv.drawString(left + 25 * mm, y, value)
        y -= 8 * mm
    y -= 6 * mm
    canv.setFont(fonts.hei, 16)
    canv.drawString(left, y, checkpoint.code)
    y -= 6 * mm
    size = 55 * mm
    draw_qr(canv, checkpoint.qr, left, y - size, size)
    y -= size + 10 * mm
    canv.setFont(fonts.song, 10.5)
    for line in (
        "请将本页妥善保存在数据目录之外（如保密柜）。",
        "校验时输入上面的检查点代码：python -m app verify --anchor 代码",
        "若数据库早于本检查点，或其审计日志在该序号处与本页不符，校验不通过：",
        "数据目录可能已被整体回滚到较早的副本。",
    ):
        canv.drawString(left, y, line)
        y -= 6.5 * mm
    canv.showPage()
    canv.save()
    return buffer.getvalue()


def print_checkpoint(session: Session) -> tuple[Checkpoint, bytes]:
    """Write an audit checkpoint (the auditor) and render its page."""
    checkpoint = make_checkpoint(session)
    org = session.conn.execute("SELECT value FROM meta WHERE key = 'org_name'").fetchone()
    who = f"{session.user.display_name}（{session.user.username}）"
    return checkpoint, checkpoint_pdf(checkpoint, org[0] if org else "", who, session.workstation_id)
