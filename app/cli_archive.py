"""立卷归档 on the command line (issue 23).

    python -m app archive propose --data-dir D --user office --inspection 青石镇
    python -m app archive open    --data-dir D --user office --inspection 青石镇 --fonds X012 --org XCB --filer 陈巡明
    python -m app archive close   --data-dir D --user office --inspection 青石镇 --checker 李档案
    python -m app archive addendum --data-dir D --user office --inspection 青石镇 --text … [--item 档号]
    python -m app archive print   --data-dir D --user office --inspection 青石镇 --what catalogue --out F.pdf
    python -m app archive export  --data-dir D --user office --inspection 青石镇 --out F.xcxp [--report R.pdf]
                                  (password, then the transfer passphrase; --folder DIR writes the tree instead)
    python -m app archive retention --data-dir D --user office --kind talk --period 永久
    python -m app archive verify  PATH [--report R.pdf]   (a package file: the transfer passphrase; a folder: none)

`--inspection` takes an inspection id or the name of its unit (the latest inspection of that unit).
Secrets are read as every command reads them (app.cli_io); exit 0 only on success (verify: all checks pass).
"""

from __future__ import annotations

from pathlib import Path

from app.cli_io import EXIT_FAILED, EXIT_OK, EXIT_USAGE, fail, out, read_secret


def add_parsers(sub, common) -> None:
    arch = sub.add_parser(
        "archive", help="立卷归档：应归档文件、编号、封存、打印、导出电子档案、四性检测", parents=[common]
    )
    acts = arch.add_subparsers(dest="archive_action")

    def act(name: str, help_text: str, *, login: bool = True):
        p = acts.add_parser(name, help=help_text, parents=[common])
        if login:
            p.add_argument("--user", required=True, help="账号用户名（巡察办或本组组长）")
            p.add_argument("--inspection", required=True, help="巡察编号，或被巡察单位名称")
        return p

    act("propose", "列出应归档文件及缺项")
    p = act("open", "建立档案并为各件编号")
    p.add_argument("--fonds", required=True, help="全宗号")
    p.add_argument("--org", required=True, help="机构代码")
    p.add_argument("--filer", required=True, help="立卷人")
    p.add_argument("--year", type=int, default=None, help="年度（默认今年）")
    p = act("close", "封存档案（档案内的记录此后只读）")
    p.add_argument("--checker", required=True, help="检查人")
    p = act("addendum", "为已封存的档案登记补充说明（更正只以补充说明的形式）")
    p.add_argument("--text", required=True, help="补充说明")
    p.add_argument("--item", default=None, help="所说明的归档文件的档号（不给出则为全卷）")
    p = act("print", "打印归档文件目录、备考表或归档章（PDF）")
    p.add_argument("--what", choices=("catalogue", "box-sheet", "stamps"), default="catalogue")
    p.add_argument("--out", type=Path, required=True, help="写入的 PDF 文件")
    p = act("export", "导出电子档案（加密包或目录），导出前后做四性检测")
    p.add_argument("--out", type=Path, default=None, help="写入的加密电子档案包文件")
    p.add_argument("--folder", type=Path, default=None, help="改为写成目录（交档案室系统，不加密）")
    p.add_argument("--report", type=Path, default=None, help="四性检测报告 PDF 写到该文件")
    p = acts.add_parser("retention", help="设置某类归档文件的保管期限（巡察办）", parents=[common])
    p.add_argument("--user", required=True, help="账号用户名（巡察办）")
    p.add_argument("--kind", required=True, help="文件类别：" + "、".join(KIND_NAMES))
    p.add_argument("--period", required=True, help="保管期限：永久、30年 或 10年")
    p = act("verify", "对电子档案包或目录做四性检测", login=False)
    p.add_argument("path", type=Path, help="电子档案包文件或目录")
    p.add_argument("--report", type=Path, default=None, help="四性检测报告 PDF 写到该文件")


KIND_NAMES = (
    "official_document",
    "unit_report",
    "talk_plan",
    "meeting",
    "talk",
    "working_paper",
    "fact_sheet",
    "request_list",
    "assessment",
    "evaluation_report",
    "rectification_ledger",
)


def _unlock(data_dir: Path, user: str):
    from app.core.workstation import Workstation

    return Workstation(data_dir).unlock(user, read_secret("密码："))


def find_inspection(session, text: str) -> str:
    from app.core.errors import NotFound
    from app.core.security import visibility

    where, params = visibility.inspection_filter_sql(session, "x.id")
    row = session.conn.execute(
        f"SELECT x.id FROM inspections x JOIN units u ON u.id = x.unit_id WHERE (x.id = ? OR u.name = ?) AND {where}"
        " ORDER BY x.created_at DESC LIMIT 1",
        (text, text, *params),
    ).fetchone()
    if row is None:
        raise NotFound(f"找不到巡察“{text}”，或您不在其知悉范围内。")
    return row["id"]


def _report_out(report, path: Path | None, heading: str, stage: str) -> None:
    for line in report.lines:
        if not line.passed:
            out(f"  不通过 {line.check} {line.item}：{line.detail}")
    out(report.summary().splitlines()[0])
    if path is not None:
        from app.core.domain.archive.package import checks_report_pdf

        path.write_bytes(checks_report_pdf(report, heading=heading, stage=stage))
        out(f"四性检测报告已写到 {path}")


def cmd_archive(args, data_dir: Path) -> int:
    action = getattr(args, "archive_action", None)
    if action is None:
        return fail(
            "请给出操作：propose、open、close、addendum、print、export、retention 或 verify。", EXIT_USAGE
        )
    if action == "verify":
        return _verify(args)
    from app.core.domain.archive import filing, package, prints, proposal

    session = _unlock(data_dir, args.user)
    try:
        if action == "retention":
            filing.set_retention(session, args.kind, args.period)
            out(f"已设置：{args.kind} 保管期限 {args.period}（此后编号的档案适用）。")
            return EXIT_OK
        insp = find_inspection(session, args.inspection)
        if action == "propose":
            found = proposal.propose(session, insp)
            out(
                f"{found.heading}：应归档 {len(found.candidates)} 件，齐备 {len(found.ready)} 件，缺 {len(found.missing)} 件"
            )
            for c in found.candidates:
                out(
                    f"  {'√' if c.ready else '×'} {c.category.label} {c.retention.label} {c.kind_label}《{c.title}》{c.problem}"
                )
            return EXIT_OK if not found.missing else EXIT_FAILED
        if action == "open":
            archive = filing.open_archive(
                session, insp, fonds_no=args.fonds, org_code=args.org, filer=args.filer, year=args.year
            )
            out(f"档案已建立：{len(filing.list_items(session, archive.id))} 件已编号。")
            return EXIT_OK
        archive = filing.find_archive(session, insp)
        if archive is None:
            return fail("该巡察尚未建立档案，请先运行 archive open。", EXIT_FAILED)
        if action == "close":
            archive = filing.close_archive(session, archive.id, checker=args.checker)
            out(f"档案已封存（{archive.closed_on}）：该巡察的记录此后只读。")
            return EXIT_OK
        if action == "addendum":
            item_id = None
            if args.item:
                match = [it for it in filing.list_items(session, archive.id) if it.archive_no == args.item]
                if not match:
                    return fail(f"本档案中没有档号为 {args.item} 的文件。", EXIT_FAILED)
                item_id = match[0].id
            filing.add_addendum(session, archive.id, args.text, item_id=item_id)
            out("补充说明已登记。")
            return EXIT_OK
        if action == "print":
            render = {
                "catalogue": prints.catalogue_pdf,
                "box-sheet": prints.box_sheet_pdf,
                "stamps": prints.stamps_pdf,
            }[args.what]
            args.out.write_bytes(render(session, archive.id))
            out(f"已写到 {args.out}")
            return EXIT_OK
        if action == "export":
            if (args.out is None) == (args.folder is None):
                return fail("请给出 --out（加密包）或 --folder（目录）之一。", EXIT_USAGE)
            if args.folder is not None:
                result = package.export_folder(session, archive.id, args.folder)
            else:
                result = package.export_package(session, archive.id, args.out, read_secret("传递口令："))
            out(
                f"电子档案已写到 {result.path}：{result.items} 件，{result.files} 个文件，{result.bytes} 字节。"
            )
            _report_out(result.after, args.report, str(result.path.name), "导出后检测")
            return EXIT_OK if result.after.passed else EXIT_FAILED
    finally:
        session.close()
    return fail(f"未知操作：{action}", EXIT_USAGE)


def _verify(args) -> int:
    from app.core.domain.archive import checks, package

    path: Path = args.path
    if path.is_dir():
        report = checks.check_folder(path)
    elif path.is_file():
        report = package.verify_package(path, read_secret("传递口令："))
    else:
        return fail(f"找不到 {path}", EXIT_USAGE)
    _report_out(report, args.report, path.name, "接收检测")
    return EXIT_OK if report.passed else EXIT_FAILED


COMMANDS = {"archive": cmd_archive}
