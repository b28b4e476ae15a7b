"""The command line: the GUI by default, and admin subcommands that use the same core.

    python -m app [--data-dir DIR] [--demo]          start the GUI (on demo data with --demo)
    python -m app verify  --data-dir DIR --user NAME [--anchor CODE]
                                                     check pages, structure, key slots, audit chain and
                                                     signatures; with --anchor, that the database is not
                                                     older than a checkpoint or a printed copy's code
    python -m app backup  --data-dir DIR --user NAME FILE
    python -m app restore --data-dir DIR --user NAME FILE
    python -m app recover --data-dir DIR --user NAME  (recovery code, then the new password)
    python -m app passwd  --data-dir DIR --user NAME  (old password, then the new one)
    python -m app audit-export --data-dir DIR --user NAME FILE.xlsx [--for-investigation]
                                                     refused when the trail fails its check, unless
                                                     --for-investigation (then every sheet says so)
    python -m app audit-checkpoint --data-dir DIR --user NAME [--pdf FILE]
                                                     write an audit checkpoint; its code is the last line
    python -m app create-demo --data-dir DIR          a demo workstation, without starting the GUI
    python -m app verify-print --data-dir DIR --user NAME  (password, then the code read from a copy)
    python -m app rotate-key --data-dir DIR --user NAME    new database key (security officer)
    python -m app setup --data-dir DIR --org NAME --sysadmin U --security-officer U --auditor U --office U
                                                     a new workstation (the four passwords, in that order);
                                                     prints the recovery code (print it and seal it)
    python -m app start-check [--data-dir DIR]       build the first window the GUI shows (the unlock
                                                     window, or the setup wizard), name it and exit
    python -m app inspections | talk-add | talk-print …   case commands (app/cli_case.py)
    python -m app manual --output FILE.pdf            the user manual as a PDF (no password, no data
                                                     folder: --data-dir is accepted and not used)
    python -m app setup-package / hand-in / merge / wipe   the team workstation cycle (app/cli_exchange.py)
    python -m app archive propose|open|close|print|export|verify   立卷归档 (app/cli_archive.py)

Passwords come from the terminal, or from standard input (one per line) when it is not a terminal;
never from an argument. Exit status: 0 success, 1 a check failed, 2 usage, 3 refused (bad password,
no permission, damaged or foreign file).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from app import __version__, cli_archive, cli_exchange
from app.cli_case import CASE_COMMANDS, add_case_commands
from app.cli_io import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, read_secret
from app.cli_io import fail as _fail
from app.cli_io import out as _out
from app.cli_parser import ChineseArgumentParser
from app.paths import default_data_dir

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "main", "read_secret"]


def build_parser() -> ChineseArgumentParser:
    common = ChineseArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=None, help="数据目录（默认：用户数据文件夹）")

    parser = ChineseArgumentParser(prog="python -m app", description="巡察工作台", parents=[common])
    parser.add_argument("--demo", action="store_true", help="在演示数据上启动（临时目录，或空的 --data-dir）")
    parser.add_argument(
        "--version", action="version", version=f"巡察工作台 {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command")

    def user_cmd(name: str, help_text: str) -> ChineseArgumentParser:
        p = sub.add_parser(name, help=help_text, parents=[common])
        p.add_argument("--user", required=True, help="账号用户名")
        return p

    verify = user_cmd("verify", "校验数据库页、结构、密钥槽、审计链和签名")
    verify.add_argument("--anchor", default=None, help="审计检查点代码或打印件核验码：数据库不得早于它")
    user_cmd("backup", "创建加密备份").add_argument("file", type=Path)
    user_cmd("restore", "从备份恢复（系统管理员）").add_argument("file", type=Path)
    user_cmd("recover", "用恢复码为账号设置新密码")
    user_cmd("passwd", "修改自己的密码")
    export = user_cmd("audit-export", "导出审计日志（安全审计员）")
    export.add_argument("file", type=Path)
    export.add_argument(
        "--for-investigation", action="store_true", help="审计链未通过校验时仍导出（文件每页注明，供调查）"
    )
    checkpoint = user_cmd("audit-checkpoint", "写入审计检查点，最后一行输出其代码（安全审计员）")
    checkpoint.add_argument("--pdf", type=Path, default=None, help="同时把检查点打印页（PDF）写到该文件")
    sub.add_parser("create-demo", help="创建演示数据库（不启动界面）", parents=[common])
    user_cmd("verify-print", "核验打印件的核验码（密码之后输入核验码）")
    user_cmd("rotate-key", "更换数据库密钥并重新加密（安全保密管理员；其他会话须先退出）")
    setup = sub.add_parser("setup", help="初始化工作站（依次输入四个账号的密码）", parents=[common])
    setup.add_argument("--org", required=True, help="单位名称")
    for flag, label, _role in SETUP_ROLES:
        setup.add_argument(f"--{flag}", required=True, help=f"{label}的用户名")
    sub.add_parser(
        "start-check", help="建立界面的第一个窗口（登录或初始化向导），报告后退出", parents=[common]
    )
    manual = sub.add_parser(
        "manual",
        help="生成使用手册 PDF（不需登录，不读写数据目录；--data-dir 可给出但不使用）",
        parents=[common],
    )
    manual.add_argument("--output", "-o", type=Path, required=True, help="写入的 PDF 文件")
    add_case_commands(user_cmd)
    cli_exchange.add_parsers(sub, common)
    cli_archive.add_parsers(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    from app.core.errors import AuthenticationError, PermissionDenied, StoreError, UserError
    from app.core.security.hardening import harden_process

    harden_process()  # before any database opens: no core file may hold its plaintext
    data_dir: Path = args.data_dir or default_data_dir()
    try:
        if args.command is None:
            return _gui(args)
        if args.command in CASE_COMMANDS:
            return CASE_COMMANDS[args.command](args, data_dir, read_secret, _out)
        handler = COMMANDS[args.command]
        return handler(args, data_dir)
    except (AuthenticationError, PermissionDenied, StoreError) as exc:
        return _fail(exc.message, EXIT_REFUSED)
    except UserError as exc:
        return _fail(exc.message, EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("已中断。", EXIT_FAILED)
    except BrokenPipeError:
        # The reader of our output went away (`… | head -1`): no traceback, and nothing more written.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _gui(args) -> int:
    from app.ui.application import run

    data_dir = args.data_dir
    if args.demo:
        create_demo = _demo_builder()
        if create_demo is None:
            return _fail(NO_DEMO, EXIT_FAILED)
        if data_dir is None:
            data_dir = Path(tempfile.mkdtemp(prefix="xuncha-demo-"))
        if not (data_dir / "keyslots.json").exists():
            _out(f"正在创建演示数据库：{data_dir}")
            create_demo(data_dir)
        return run(data_dir, demo=True)
    return run(data_dir or default_data_dir())


def cmd_verify(args, data_dir: Path) -> int:
    from app.core.store.verify import verify_folder

    report = verify_folder(data_dir, args.user, read_secret("密码："), anchor=args.anchor)
    _out(report.text())
    if not report.ok:
        if report.first_bad_page:
            _out(f"第一个损坏的页：第 {report.first_bad_page} 页")
        if report.first_bad_entry:
            _out(f"第一个异常的审计条目：第 {report.first_bad_entry} 条")
    return EXIT_OK if report.ok else EXIT_FAILED


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r进度 {100 * done // max(total, 1):3d}%", end="", file=sys.stderr, flush=True)


def cmd_backup(args, data_dir: Path) -> int:
    from app.core.store.backup import create_backup
    from app.core.workstation import Workstation

    session = Workstation(data_dir).unlock(args.user, read_secret("密码："))
    try:
        info = create_backup(session, args.file, progress=_progress)
    finally:
        session.close()
    _out(f"备份完成并已校验：{info.path}（{info.size} 字节，SHA-256 {info.sha256[:16]}…）")
    return EXIT_OK


def cmd_restore(args, data_dir: Path) -> int:
    from app.core.store.backup import restore_backup

    info = restore_backup(data_dir, args.file, args.user, read_secret("密码："), progress=_progress)
    kept = f"；原数据库已保留在 {info.previous_copy}" if info.previous_copy else ""
    _out(f"已从 {info.created_at} 的备份恢复{kept}。")
    return EXIT_OK


def cmd_recover(args, data_dir: Path) -> int:
    from app.core.workstation import Workstation

    code = read_secret("恢复码：")
    new_password = read_secret("新密码：")
    new_code = Workstation(data_dir).recover(code, args.user, new_password)
    _out(f"已为 {args.user} 设置新密码；首次登录时须再次修改。")
    _out(f"原恢复码已作废。新的恢复码（请打印并密封保管）：{new_code}")
    return EXIT_OK


def cmd_passwd(args, data_dir: Path) -> int:
    from app.core.security.accounts import change_own_password
    from app.core.workstation import Workstation

    old = read_secret("原密码：")
    new = read_secret("新密码：")
    session = Workstation(data_dir).unlock(args.user, old)
    try:
        change_own_password(session, old, new)
    finally:
        session.close()
    _out("密码已修改。")
    return EXIT_OK


def cmd_audit_export(args, data_dir: Path) -> int:
    from app.core.security.audit_view import export_entries
    from app.core.workstation import Workstation

    session = Workstation(data_dir).unlock(args.user, read_secret("密码："))
    try:
        count = export_entries(session, args.file, for_investigation=args.for_investigation)
    finally:
        session.close()
    _out(f"已导出 {count} 条审计记录到 {args.file}")
    return EXIT_OK


def cmd_audit_checkpoint(args, data_dir: Path) -> int:
    from app.core.security.anchors import make_checkpoint
    from app.core.workstation import Workstation

    session = Workstation(data_dir).unlock(args.user, read_secret("密码："))
    try:
        if args.pdf is None:
            checkpoint = make_checkpoint(session)
        else:
            from app.core.printing.audit_checkpoint import print_checkpoint

            checkpoint, pdf = print_checkpoint(session)
            args.pdf.write_bytes(pdf)
    finally:
        session.close()
    if args.pdf is not None:
        _out(f"检查点打印页已写到 {args.pdf}")
    _out(f"审计检查点：第 {checkpoint.seq} 条，{checkpoint.at}，哈希 {checkpoint.hash}")
    _out(checkpoint.code)
    return EXIT_OK


NO_DEMO = "本程序不含演示数据（演示数据包未随程序安装）。"


def _demo_builder():
    """app.demo's create_demo, imported only when a demo is asked for; None in a bundle built
    without the demo package (build/xuncha.spec leaves it out)."""
    try:
        from app.demo.accounts import create_demo
    except ModuleNotFoundError as exc:
        if exc.name not in ("app.demo", "app.demo.accounts"):
            raise
        return None
    return create_demo


def cmd_create_demo(args, data_dir: Path) -> int:
    create_demo = _demo_builder()
    if create_demo is None:
        return _fail(NO_DEMO, EXIT_FAILED)
    create_demo(data_dir, progress=lambda step: _out(f"  {step}"))
    _out(f"演示数据库已创建：{data_dir}")
    return EXIT_OK


def cmd_verify_print(args, data_dir: Path) -> int:
    from app.core.official.authenticate import authenticate_code
    from app.core.workstation import Workstation

    session = Workstation(data_dir).unlock(args.user, read_secret("密码："))
    try:
        # The code is not a secret: typed visibly at a terminal, else the next line of standard input.
        code = input("核验码：") if sys.stdin is not None and sys.stdin.isatty() else read_secret("核验码：")
        result = authenticate_code(session, code)
    finally:
        session.close()
    _out(result.message)
    return EXIT_OK if result.genuine else EXIT_FAILED


def cmd_rotate_key(args, data_dir: Path) -> int:
    from app.core.store.rekey import rotate_key
    from app.core.workstation import Workstation

    session = Workstation(data_dir).unlock(args.user, read_secret("密码："))
    try:
        info = rotate_key(session, progress=_progress)
    finally:
        session.close()
    _out(f"数据库密钥已更换：{info.pages} 页已重新加密，{info.slots} 个密钥槽已改用新密钥。")
    _out("此前的密钥槽文件副本（旧密码）不能再打开本数据库；此前的备份仍用当时的密码打开。")
    return EXIT_OK


SETUP_ROLES = (  # option, label, Role value
    ("sysadmin", "系统管理员", "sysadmin"),
    ("security-officer", "安全保密管理员", "security_officer"),
    ("auditor", "安全审计员", "auditor"),
    ("office", "巡察办工作人员", "office"),
)


def cmd_setup(args, data_dir: Path) -> int:
    from app.core.security.roles import Role
    from app.core.workstation import NewAccount, Workstation

    accounts = []
    for flag, label, role in SETUP_ROLES:
        username = getattr(args, flag.replace("-", "_"))
        password = read_secret(f"{label}（{username}）的密码：")
        accounts.append(
            NewAccount(username=username, display_name=username, role=Role(role), password=password)
        )
    result = Workstation(data_dir).create(args.org, accounts)
    _out(f"工作站已初始化：{data_dir}（首次登录时须修改密码）")
    _out(f"恢复码（请打印并密封保管，不再显示）：{result.recovery_code}")
    return EXIT_OK


def cmd_start_check(args, data_dir: Path) -> int:
    """The installed program's start, without staying up: the first window is built and shown (Qt
    offscreen in build/test_bundle.sh, which times this as the cold start), named, and closed."""
    from PySide6.QtWidgets import QApplication

    from app.ui.application import AppController, make_application

    app = make_application()
    controller = AppController(data_dir)
    try:
        controller.start()
        app.processEvents()
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        names = [f"{type(w).__name__}「{w.windowTitle()}」" for w in shown]
        for window in shown:
            window.close()
    finally:
        controller.shutdown()
    if not names:
        return _fail("界面没有显示任何窗口。", EXIT_FAILED)
    _out(f"第一个窗口：{names[0]}")
    return EXIT_OK


def cmd_manual(args, _data_dir: Path) -> int:
    """The manual holds no case data: no sign-in, and the data folder is not touched."""
    from app.core.printing.manual import manual_pdf

    output: Path = args.output
    if output.suffix.lower() != ".pdf":
        output = output.with_name(output.name + ".pdf")
    pdf = manual_pdf()
    try:
        output.write_bytes(pdf)
    except OSError as exc:
        return _fail(f"无法写入 {output}：{exc.strerror or type(exc).__name__}", EXIT_FAILED)
    _out(f"使用手册已写入：{output}（{len(pdf) // 1024} KB）")
    return EXIT_OK


COMMANDS = {
    "verify": cmd_verify,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "recover": cmd_recover,
    "passwd": cmd_passwd,
    "audit-export": cmd_audit_export,
    "audit-checkpoint": cmd_audit_checkpoint,
    "create-demo": cmd_create_demo,
    "verify-print": cmd_verify_print,
    "rotate-key": cmd_rotate_key,
    "setup": cmd_setup,
    "start-check": cmd_start_check,
    "manual": cmd_manual,
    **cli_exchange.COMMANDS,
    **cli_archive.COMMANDS,
}
