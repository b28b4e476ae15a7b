"""Evaluation commands of the command line (民主测评、问卷调查), for scripted checks and bulk work.

    python -m app eval-new    --data-dir DIR --user NAME --inspection ID --template KEY [--purpose TEXT]
                                  a survey from a library template (built-in key such as
                                  leadership_people) and its first round; the last line is the round ID
    python -m app eval-forms  --data-dir DIR --user NAME --round ID --count N -o FILE.pdf
                                  N new numbered blank forms of a round (a registered export)
    python -m app eval-enter  --data-dir DIR --user NAME --round ID FILE.json [--second]
                                  typed forms from a JSON list of {"serial": 123456, "answers": {…}}
    python -m app eval-scan   --data-dir DIR --user NAME --round ID SCAN…
                                  scans (PNG, JPEG, TIFF, PDF) imported and read; unclear items wait
                                  for the review in the GUI
    python -m app eval-report --data-dir DIR --user NAME --round ID -o FILE.pdf [--xlsx FILE.xlsx]
                                  the round's report (an export, registered) and its tallies

Each goes through the same core functions as the GUI: need to know, validation and the audit apply.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app.core.errors import ValidationError

MAX_ENTRY_FILE = 8 * 1024 * 1024


def add_evaluation_commands(user_cmd: Callable) -> None:
    new = user_cmd("eval-new", "按模板为巡察建立一份测评及其第一轮，最后一行输出轮次 ID")
    new.add_argument("--inspection", required=True, help="巡察 ID（见 inspections 命令）")
    new.add_argument("--template", required=True, help="模板：内置模板代码（如 leadership_people）或模板 ID")
    new.add_argument("--purpose", default="动员会", help="测评场次（默认：动员会）")
    forms = user_cmd("eval-forms", "印制一轮测评的空白测评表（随机编号，登记印制）")
    forms.add_argument("--round", required=True, help="测评轮次 ID")
    forms.add_argument("--count", type=int, required=True, help="份数")
    forms.add_argument("--output", "-o", type=Path, required=True, help="写入的 PDF 文件")
    enter = user_cmd("eval-enter", "从 JSON 文件录入测评表（编号与答案）")
    enter.add_argument("--round", required=True, help="测评轮次 ID")
    enter.add_argument("--second", action="store_true", help="核对录入（第二遍，背对背）")
    enter.add_argument("file", type=Path, help='JSON 文件：[{"serial": 123456, "answers": {…}}, …]')
    scan = user_cmd("eval-scan", "导入测评表扫描件并识读")
    scan.add_argument("--round", required=True, help="测评轮次 ID")
    scan.add_argument("scans", type=Path, nargs="+", help="扫描件（PNG、JPEG、TIFF、PDF）")
    report = user_cmd("eval-report", "导出一轮测评的结果报告（PDF）和统计表（Excel）")
    report.add_argument("--round", required=True, help="测评轮次 ID")
    report.add_argument("--output", "-o", type=Path, required=True, help="写入的 PDF 文件")
    report.add_argument("--xlsx", type=Path, help="同时导出统计表到该 .xlsx 文件")


def _signed_in(args, data_dir: Path, read_secret):
    from app.core.workstation import Workstation

    return Workstation(data_dir).unlock(args.user, read_secret("密码："))


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ValidationError(
            f"无法写入 {path}：{exc.strerror or type(exc).__name__}", field="output"
        ) from exc


def _folder_exists(path: Path) -> None:
    if not path.parent.is_dir():
        raise ValidationError(f"输出文件夹不存在：{path.parent}", field="output")


def cmd_eval_new(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.evaluation import library, surveys
    from app.core.security.roles import Cap

    session = _signed_in(args, data_dir, read_secret)
    try:
        if session.can(Cap.ORG_MANAGE):
            library.install_builtins(session)
        found = [t for t in library.list_templates(session) if args.template in (t.id, t.builtin)]
        if not found:
            raise ValidationError(f"模板库中没有“{args.template}”。", field="template")
        survey = surveys.take_copy(session, args.inspection, found[0].id)
        rnd = surveys.add_round(session, survey.id, args.purpose)
    finally:
        session.close()
    out(f"已建立{survey.name}（表码 {survey.code:04d}）第{rnd.number}轮：")
    out(rnd.id)
    return 0


def cmd_eval_forms(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.evaluation.forms_print import print_forms
    from app.core.printing.register import PrintAction

    _folder_exists(args.output)
    session = _signed_in(args, data_dir, read_secret)
    try:
        pdf, serials = print_forms(session, args.round, args.count, PrintAction.EXPORT)  # written to a file
    finally:
        session.close()
    _write(args.output, pdf)
    out(f"已印制测评表 {len(serials)} 份：{args.output}")
    return 0


def cmd_eval_enter(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.evaluation.entry import enter_sheet

    if not args.file.is_file() or args.file.stat().st_size > MAX_ENTRY_FILE:
        raise ValidationError(f"找不到录入文件，或文件过大：{args.file}", field="file")
    try:
        rows = json.loads(args.file.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("录入文件不是有效的 UTF-8 JSON。", field="file") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValidationError("录入文件须为测评表的列表。", field="file")
    session = _signed_in(args, data_dir, read_secret)
    statuses: dict[str, int] = {}
    try:
        for row in rows:
            sheet = enter_sheet(
                session, args.round, row.get("serial"), row.get("answers") or {}, second=args.second
            )
            statuses[sheet.status] = statuses.get(sheet.status, 0) + 1
    finally:
        session.close()
    labels = {"counted": "已计入", "pending": "待核对录入", "review": "两遍不一致待复核"}
    out(
        "已录入 " + "，".join(f"{labels[k]} {n} 份" for k, n in sorted(statuses.items()))
        if statuses
        else "没有录入。"
    )
    return 0


def cmd_eval_scan(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.evaluation.scans import MAX_SCAN_BYTES, import_scan

    for path in args.scans:
        if not path.is_file() or path.stat().st_size > MAX_SCAN_BYTES:
            raise ValidationError(f"找不到扫描件，或文件过大：{path}", field="scans")
    session = _signed_in(args, data_dir, read_secret)
    try:
        for path in args.scans:
            r = import_scan(session, args.round, path.read_bytes())
            out(f"{path.name}：{r.pages} 页，识读 {r.read} 页，计入 {r.counted} 份，重复 {len(r.duplicates)} 页，"
                f"待复核 {r.to_review} 项" + "".join(f"\n  {u}" for u in r.unreadable))  # fmt: skip
    finally:
        session.close()
    return 0


def cmd_eval_report(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.evaluation.outputs import export_tally, print_report
    from app.core.printing.register import PrintAction

    _folder_exists(args.output)
    if args.xlsx is not None:
        _folder_exists(args.xlsx)
    session = _signed_in(args, data_dir, read_secret)
    try:
        pdf, copy = print_report(session, args.round, action=PrintAction.EXPORT)
        tally = export_tally(session, args.round) if args.xlsx is not None else None
    finally:
        session.close()
    _write(args.output, pdf)
    out(f"已导出测评结果报告（份号 {copy:06d}）：{args.output}")
    if tally is not None:
        _write(args.xlsx, tally.data)
        out(f"已导出测评统计表（{tally.rows} 行，份号 {tally.copy_number:06d}）：{args.xlsx}")
    return 0


EVALUATION_COMMANDS = {
    "eval-new": cmd_eval_new,
    "eval-forms": cmd_eval_forms,
    "eval-enter": cmd_eval_enter,
    "eval-scan": cmd_eval_scan,
    "eval-report": cmd_eval_report,
}
