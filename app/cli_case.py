"""Case commands of the command line: list inspections, write a talk from a file, print its copies.

    python -m app inspections --data-dir DIR --user NAME        the inspections NAME may see (id last)
    python -m app talk-add --data-dir DIR --user NAME --inspection ID FILE.json
                                                                a draft talk record from a JSON file
    python -m app talk-print --data-dir DIR --user NAME --talk ID [--copies N] --output FILE.pdf
                                                                registered, numbered copies, as PDF

They exist for scripted checks of an installed program (build/test_bundle.sh writes a talk and prints
its sealed copy with them) and for offices that prepare records in bulk. Each goes through the same
core functions as the GUI, so need-to-know, clearance, validation and the audit apply unchanged; the
PDF is an export (PrintAction.EXPORT), registered with its copy numbers like one made in the GUI.

The talk file holds the talk form's fields (app.core.domain.talks.types.TalkForm) as JSON, with the
interviewers and the recorder given by username: {"start_at": "2026-03-10 09:00", "interviewee_name":
"张三", "interviewers": ["leader1", "member1"], "recorder": "member1", "record": [{"question": "…",
"answer": "…"}], "classification": "秘密"}.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app.cli_evaluation import EVALUATION_COMMANDS, add_evaluation_commands
from app.core.errors import ValidationError

MAX_TALK_FILE = 4 * 1024 * 1024  # far above any talk record (the form's own limits apply after)


def add_case_commands(user_cmd: Callable) -> None:
    """Declare the case commands on the parser (user_cmd: a subcommand with --data-dir and --user)."""
    user_cmd("inspections", "列出本账号知悉范围内的巡察（每行最后为其编号 ID）")
    add = user_cmd("talk-add", "从 JSON 文件新建一份谈话记录（草稿），最后一行输出其 ID")
    add.add_argument("--inspection", required=True, help="巡察 ID（见 inspections 命令）")
    add.add_argument("file", type=Path, help="谈话记录 JSON 文件（字段见使用手册）")
    printing = user_cmd("talk-print", "把谈话记录的编号份数导出为 PDF（登记印制份号，记入审计）")
    printing.add_argument("--talk", required=True, help="谈话记录 ID")
    printing.add_argument("--copies", type=int, default=1, help="份数（1–50，默认 1）")
    printing.add_argument("--output", "-o", type=Path, required=True, help="写入的 PDF 文件")
    add_evaluation_commands(user_cmd)


def _signed_in(args, data_dir: Path, read_secret):
    from app.core.workstation import Workstation

    return Workstation(data_dir).unlock(args.user, read_secret("密码："))


def cmd_inspections(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.organisation.inspections import list_inspections

    session = _signed_in(args, data_dir, read_secret)
    try:
        found = list_inspections(session)
    finally:
        session.close()
    for item in found:
        out(f"第{item.round_number}轮\t{item.team_name}\t{item.unit_name}\t{item.phase.label}\t{item.id}")
    out(f"共 {len(found)} 项巡察。")
    return 0


def read_talk_file(path: Path) -> dict:
    """The talk file's JSON object, or a ValidationError naming what is wrong with it."""
    try:
        if path.stat().st_size > MAX_TALK_FILE:
            raise ValidationError(f"谈话记录文件过大（上限 {MAX_TALK_FILE // (1024 * 1024)} MB）：{path}")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ValidationError(f"无法读取谈话记录文件 {path}：{exc.strerror or type(exc).__name__}") from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(f"谈话记录文件不是 UTF-8 文本：{path}") from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"谈话记录文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{path}"
        ) from exc
    if not isinstance(data, dict):
        raise ValidationError("谈话记录文件须为一个 JSON 对象（{…}）。")
    return data


def talk_form_from(session, inspection_id: str, data: dict):
    """A TalkForm from the file's object, interviewers and recorder named by username."""
    from app.core.domain.talks.rules import team_of
    from app.core.domain.talks.types import TalkForm
    from app.core.security import visibility

    visibility.require_inspection_visible(session, inspection_id)
    team = team_of(session.conn, inspection_id)
    marks = ",".join("?" * len(team))
    rows = (
        session.conn.execute(f"SELECT username, id FROM users WHERE id IN ({marks})", tuple(team))
        if team
        else []
    )
    by_name = {r["username"]: r["id"] for r in rows}

    def member(username: object, label: str) -> str:
        if not isinstance(username, str) or username not in by_name:
            raise ValidationError(f"{label}“{username}”不是本巡察组成员的用户名。", field=label)
        return by_name[username]

    interviewers = data.get("interviewers", [])
    if not isinstance(interviewers, list):
        raise ValidationError("interviewers 须为用户名的列表。", field="interviewers")
    record = data.get("record", [])
    if not isinstance(record, list) or not all(isinstance(b, dict) for b in record):
        raise ValidationError("record 须为 {question, answer} 对象的列表。", field="record")
    fields = {k: v for k, v in data.items() if k not in ("interviewers", "recorder", "interviewer_ids")}
    fields["interviewer_ids"] = [member(u, "谈话人") for u in interviewers]
    fields["recorder_id"] = member(data.get("recorder"), "记录人") if "recorder" in data else ""
    unknown = sorted(k for k in fields if k not in TalkForm.__dataclass_fields__ and k != "record")
    if unknown:
        raise ValidationError(f"谈话记录文件中有无法识别的字段：{'、'.join(unknown)}。")
    try:
        return TalkForm.from_dict(fields)
    except (TypeError, AttributeError) as exc:
        raise ValidationError(f"谈话记录文件的字段格式不对：{exc}") from exc


def cmd_talk_add(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.talks.writes import create_talk

    data = read_talk_file(args.file)  # before the password: a bad file costs no sign-in
    session = _signed_in(args, data_dir, read_secret)
    try:
        talk = create_talk(session, args.inspection, talk_form_from(session, args.inspection, data))
    finally:
        session.close()
    out(f"已保存第 {talk.number} 号谈话记录（草稿）：{talk.interviewee_name}")
    out(talk.id)
    return 0


def copy_paths(output: Path, numbers: list[int]) -> list[Path]:
    """Where each copy goes: the file itself for one copy, FILE-第N份.pdf for several."""
    if output.suffix.lower() != ".pdf":
        output = output.with_name(output.name + ".pdf")
    if len(numbers) == 1:
        return [output]
    return [output.with_name(f"{output.stem}-第{n}份{output.suffix}") for n in numbers]


def cmd_talk_print(args, data_dir: Path, read_secret, out) -> int:
    from app.core.domain.talks.printing import print_talk
    from app.core.printing.register import PrintAction

    if not 1 <= args.copies <= 50:
        raise ValidationError("份数须在 1 到 50 之间。", field="copies")
    folder = copy_paths(args.output, [1])[0].parent
    if not folder.is_dir():  # checked before any copy number is spent
        raise ValidationError(f"输出文件夹不存在：{folder}", field="output")
    session = _signed_in(args, data_dir, read_secret)
    try:
        job = print_talk(session, args.talk, args.copies, action=PrintAction.EXPORT)
    finally:
        session.close()
    written = []
    for path, pdf in zip(copy_paths(args.output, job.copy_numbers), job.pdfs, strict=True):
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            raise ValidationError(f"无法写入 {path}：{exc.strerror or type(exc).__name__}") from exc
        written.append(path)
    numbers = "、".join(f"第{n}份" for n in job.copy_numbers)
    out(f"已导出谈话记录 {numbers}（已登记）：{'，'.join(str(p) for p in written)}")
    return 0


CASE_COMMANDS = {
    "inspections": cmd_inspections,
    "talk-add": cmd_talk_add,
    "talk-print": cmd_talk_print,
    **EVALUATION_COMMANDS,
}
