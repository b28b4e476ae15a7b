"""The team workstation cycle on the command line: setup-package, hand-in, merge, wipe.

    python -m app setup-package --data-dir OFFICE --user office --team 第一巡察组 --medium NO --out FILE
                    (password, transfer passphrase, the team accounts' initial password)
    python -m app setup-package --data-dir NEW --install FILE      (transfer passphrase)
    python -m app hand-in --data-dir TEAM --user leader --medium NO --out FILE [--receipt FILE] [--yes]
                    (password; shows the review, then asks to confirm unless --yes)
    python -m app merge --data-dir OFFICE --user office --medium NO FILE [--receipt-out FILE]
    python -m app merge --data-dir OFFICE --user office --conflicts          (list the open ones)
    python -m app merge --data-dir OFFICE --user office --resolve ID --keep office|team
    python -m app merge --data-dir OFFICE --user office --archive | --show REGISTER_ID  (kept packages)
    python -m app wipe --data-dir TEAM --user leader --certificate FILE.pdf [--backup FILE ...] --yes

Secrets are read as every command reads them (app.cli_io); exit 0 only on success.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli_io import EXIT_FAILED, EXIT_OK, EXIT_USAGE, fail, out, read_secret


def add_parsers(sub, common) -> None:
    setup = sub.add_parser(
        "setup-package",
        help="导出巡察组配置包（巡察办），或用 --install 在空数据目录上建立工作站",
        parents=[common],
    )
    setup.add_argument("--user", default=None, help="账号用户名（导出时）")
    setup.add_argument("--team", default=None, help="巡察组名称或编号（导出时）")
    setup.add_argument("--medium", default=None, help="存储介质登记编号（导出时）")
    setup.add_argument("--out", type=Path, default=None, help="写入的配置包文件（导出时）")
    setup.add_argument("--install", type=Path, default=None, help="在空数据目录上导入此配置包")
    hand = sub.add_parser("hand-in", help="巡察组组长审核并导出移交包", parents=[common])
    hand.add_argument("--user", required=True, help="账号用户名（组长）")
    hand.add_argument("--medium", required=True, help="存储介质登记编号")
    hand.add_argument("--out", type=Path, default=None, help="写入的移交包文件（不给出则只审核）")
    hand.add_argument("--receipt", type=Path, default=None, help="先导入巡察办的合并回执")
    hand.add_argument("--yes", action="store_true", help="不再询问，确认移交审核所列内容")
    merge = sub.add_parser("merge", help="巡察办合并移交包、列出或处理合并冲突", parents=[common])
    merge.add_argument("--user", required=True, help="账号用户名（巡察办）")
    merge.add_argument("file", type=Path, nargs="?", default=None, help="移交包文件")
    merge.add_argument("--medium", default=None, help="存储介质登记编号")
    merge.add_argument("--receipt-out", type=Path, default=None, help="把合并回执写到该文件（交巡察组导入）")
    merge.add_argument("--conflicts", action="store_true", help="列出未处理的合并冲突")
    merge.add_argument("--resolve", default=None, help="处理该编号的合并冲突")
    merge.add_argument(
        "--keep", choices=("office", "team"), default=None, help="保留巡察办或采用巡察组的版本"
    )
    merge.add_argument("--archive", action="store_true", help="列出收到的交换包存档（含存储介质登记编号）")
    merge.add_argument("--show", default=None, help="显示该登记编号的存档交换包所含内容（只读，不写出）")
    wipe = sub.add_parser("wipe", help="清理巡察组工作站（须已导入最后一次移交的合并回执）", parents=[common])
    wipe.add_argument("--user", required=True, help="账号用户名（组长）")
    wipe.add_argument(
        "--certificate", type=Path, required=True, help="清理证明 PDF 写到该文件（数据目录之外）"
    )
    wipe.add_argument(
        "--backup", type=Path, action="append", default=[], help="一并清理的备份文件（可多次给出）"
    )
    wipe.add_argument("--yes", action="store_true", help="确认清理（不可撤销）")


def _unlock(data_dir: Path, user: str):
    from app.core.workstation import Workstation

    return Workstation(data_dir).unlock(user, read_secret("密码："))


def cmd_setup_package(args, data_dir: Path) -> int:
    from app.core.exchange import setup_package

    if args.install is not None:
        manifest = setup_package.install_setup(data_dir, args.install, read_secret("传递口令："))
        out(
            f"巡察组工作站已建立：{data_dir}（账号：{'、'.join(manifest.get('accounts', []))}；首次登录须修改密码）"
        )
        return EXIT_OK
    if not (args.user and args.team and args.medium and args.out):
        return fail("导出配置包须给出 --user、--team、--medium 和 --out。", EXIT_USAGE)
    session = _unlock(data_dir, args.user)
    try:
        passphrase = read_secret("传递口令：")
        initial = read_secret("巡察组账号的初始密码：")
        team_id = setup_package.find_team(session, args.team)
        result = setup_package.export_for_team(session, team_id, args.out, passphrase, initial, args.medium)
    finally:
        session.close()
    out(f"配置包已写到 {result.path}：{len(result.accounts)} 个账号，工作站 {result.team_workstation_id}")
    out(f"该工作站的恢复码（请打印并密封保管，不再显示）：{result.recovery_code}")
    return EXIT_OK


def _confirmed(args) -> bool:
    if args.yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    return input("确认以上内容？输入“是”确认：").strip() == "是"


def cmd_hand_in(args, data_dir: Path) -> int:
    from app.core.exchange import hand_in, receipt, review

    session = _unlock(data_dir, args.user)
    try:
        if args.receipt is not None:
            seq = receipt.acknowledge(session, args.receipt, medium_no=args.medium)
            out(f"已导入合并回执：第 {seq} 号移交包已由巡察办合并。")
        if args.out is None:
            if args.receipt is None:
                for line in review.review(session).lines():
                    out(line)
            return EXIT_OK
        summary = review.review(session)
        out("即将移交：")
        for line in summary.lines():
            out(f"  {line}")
        if not _confirmed(args):
            return fail("未确认，未移交（非交互运行时请加 --yes）。", EXIT_FAILED)
        result = hand_in.hand_in(session, args.out, medium_no=args.medium, confirm=summary.token)
    finally:
        session.close()
    out(
        f"第 {result.seq} 号移交包已写到 {result.path}：{result.rows} 行记录，{result.audit_entries} 条审计记录。"
    )
    return EXIT_OK


def cmd_merge(args, data_dir: Path) -> int:
    from app.core.exchange import conflicts, merge, receipt, register

    session = _unlock(data_dir, args.user)
    try:
        if args.archive:
            for entry, path in register.archive(session):
                out(
                    f"{entry.id}  {entry.created_at[:19]}  第 {entry.package_seq} 号  介质 {entry.medium_no}  {path.name}"
                )
            return EXIT_OK
        if args.show:
            manifest, counts = register.archive_contents(session, args.show)
            out(
                f"第 {manifest.get('seq')} 号移交包，{str(manifest.get('created_at', ''))[:19]} 由 {manifest.get('leader', '')} 导出"
            )
            for table, n in sorted(counts.items()):
                out(f"  {table}：{n}")
            return EXIT_OK
        if args.conflicts:
            for view in conflicts.list_open(session):
                out(f"{view.id}  {view.table}  {view.record_id}  不同字段：{'、'.join(view.differing())}")
            return EXIT_OK
        if args.resolve:
            if args.keep is None:
                return fail("处理冲突须给出 --keep office 或 --keep team。", EXIT_USAGE)
            conflicts.resolve(
                session, args.resolve, conflicts.KEEP_OFFICE if args.keep == "office" else conflicts.TAKE_TEAM
            )
            out("冲突已处理。")
            return EXIT_OK
        if args.file is None or not args.medium:
            return fail("合并须给出移交包文件和 --medium。", EXIT_USAGE)
        result = merge.merge(session, args.file, medium_no=args.medium)
        out(
            f"已合并第 {result.seq} 号移交包：新增 {result.added}，更新 {result.updated}，"
            f"未变 {result.unchanged}，冲突 {len(result.conflicts)}，审计记录 {result.audit_entries}。"
        )
        if result.conflicts:
            out(
                "有冲突待处理：python -m app merge --conflicts 列出，--resolve 编号 --keep office|team 处理。"
            )
        if args.receipt_out is not None:
            receipt.write_receipt(session, result.register_id, args.receipt_out, medium_no=args.medium)
            out(f"合并回执已写到 {args.receipt_out}（交巡察组导入后才可清理其工作站）。")
    finally:
        session.close()
    return EXIT_OK


def cmd_wipe(args, data_dir: Path) -> int:
    from app.core.exchange import wipe
    from app.core.printing.wipe_certificate import wipe_certificate_pdf

    if not args.yes:
        return fail("清理不可撤销，请加 --yes 确认。", EXIT_USAGE)
    if args.certificate.resolve().is_relative_to(data_dir.resolve()):
        return fail("清理证明须写到数据目录之外。", EXIT_USAGE)
    session = _unlock(data_dir, args.user)
    try:
        cert = wipe.wipe(session, backups=args.backup)
    finally:
        if not session.closed:
            session.close()
    try:
        args.certificate.write_bytes(wipe_certificate_pdf(cert))
    except OSError as exc:
        fail(f"无法写入清理证明 {args.certificate}：{exc.strerror or exc}", EXIT_FAILED)
        for item in cert.files:
            out(f"{item.name}  {item.size}  {item.sha256}")
        return EXIT_FAILED
    out(
        f"工作站已清理：{len(cert.files)} 个文件已覆写并删除。清理证明：{args.certificate}（摘要 {cert.digest[:16]}…）"
    )
    return EXIT_OK


COMMANDS = {
    "setup-package": cmd_setup_package,
    "hand-in": cmd_hand_in,
    "merge": cmd_merge,
    "wipe": cmd_wipe,
}
