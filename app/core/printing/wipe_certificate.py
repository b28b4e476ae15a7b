"""The printed wipe certificate (工作站清理证明): what a team workstation destroyed, when, by whom.

One or more A4 pages in the house fonts: the workstation, the team, the operator, the times, the
last hand-in the office acknowledged, then every destroyed file with its size and SHA-256, and the
certificate's own digest; signature lines for the operator and the office's witness. No record text.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.exchange.wipe import WipeCertificate
from app.core.printing.audit_checkpoint import local_time
from app.core.printing.fonts import default_fonts


def wipe_certificate_pdf(cert: WipeCertificate) -> bytes:
    fonts = default_fonts()
    buffer = io.BytesIO()
    canv = Canvas(
        buffer, pagesize=A4, invariant=True, pageCompression=1, initialFontName=fonts.song, initialFontSize=12
    )
    canv.setTitle("工作站清理证明")
    canv.setCreator("巡察工作台")
    width, height = A4
    left, bottom = 25 * mm, 30 * mm
    y = height - 35 * mm
    canv.setFont(fonts.title, 22)
    canv.drawCentredString(width / 2, y, "巡察组工作站清理证明")
    y -= 15 * mm
    canv.setFont(fonts.song, 12)
    for label, value in (
        ("单位", cert.org_name),
        ("巡察组", cert.team),
        ("工作站", cert.workstation_id),
        ("数据库", cert.db_uuid),
        ("操作人", cert.operator),
        ("开始时间", local_time(cert.started_at)),
        ("完成时间", local_time(cert.finished_at)),
        ("已确认移交", f"第 {cert.acknowledged_seq} 号移交包（巡察办已合并）"),
        (
            "清理内容",
            f"数据库（含 {cert.records} 份谈话记录和问题底稿、{cert.drafts} 份草稿）、密钥槽、审计链头、备份",
        ),
        ("证明编号", cert.id),
    ):
        canv.drawString(left, y, f"{label}：")
        canv.drawString(left + 26 * mm, y, value)
        y -= 7.5 * mm
    y -= 4 * mm
    canv.setFont(fonts.hei, 12)
    canv.drawString(left, y, "已销毁的文件（先覆写随机数据、写入磁盘，再删除；密钥槽最先销毁）")
    y -= 8 * mm
    for item in cert.files:
        if y < bottom + 30 * mm:
            canv.showPage()
            y = height - 30 * mm
        canv.setFont(fonts.song, 10)
        canv.drawString(left, y, f"{item.name}    {item.size:,} 字节")
        y -= 5 * mm
        canv.setFont(fonts.song, 8.5)
        canv.drawString(left + 6 * mm, y, f"SHA-256 {item.sha256}")
        y -= 6.5 * mm
    y -= 4 * mm
    canv.setFont(fonts.song, 10)
    canv.drawString(left, y, f"本证明摘要：{cert.digest}")
    y -= 14 * mm
    canv.setFont(fonts.song, 12)
    canv.drawString(left, y, "操作人签字：______________        巡察办见证人签字：______________")
    canv.showPage()
    canv.save()
    return buffer.getvalue()
