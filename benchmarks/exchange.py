"""A team's round through the exchange: hand in, merge, and the same package again.

    .venv/bin/python benchmarks/exchange.py [--talks 2000] [--issues 500] [--attachments-mb 200]

Real (temporary) workstations: an office with one team inspecting one unit, the team's workstation
made from the office's setup package. On the team workstation, `--talks` signed talks (each created,
recorded and signed through app.core.domain.talks, audited), `--issues` working papers (through
app.core.domain.register.issue_edits) and `--attachments-mb` MB of imported material (1 MB files of
random bytes, which do not compress) — made first, not counted. Then each measured step runs in a
fresh process of this script, so that its peak resident memory (`peak_mb`, the process's own
getrusage maximum, the interpreter and the page caches included) is the step's alone:

  hand_in:     ours=…s peak_mb=…   review and hand-in of everything (target ≤ 60 s, ≤ 400 MB)
  merge:       ours=…s peak_mb=…   the office merges it (target ≤ 60 s, ≤ 400 MB)
  merge_again: ours=…s peak_mb=…   the same package once more, refused as a replay (target ≤ 2 s)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.domain.organisation import inspections, staff, teams, terms, units  # noqa: E402
from app.core.domain.register import issue_edits  # noqa: E402
from app.core.domain.register.issue_record import IssueDraft  # noqa: E402
from app.core.domain.talks import writes as talk_writes  # noqa: E402
from app.core.domain.talks.types import QA, IntervieweeCategory, TalkForm, TalkKind  # noqa: E402
from app.core.exchange import hand_in, merge, review, setup_package  # noqa: E402
from app.core.exchange.errors import ExchangeError  # noqa: E402
from app.core.security import accounts  # noqa: E402
from app.core.security.roles import Role  # noqa: E402
from app.core.store.keyslots import KdfParams  # noqa: E402
from app.core.workstation import NewAccount, Workstation  # noqa: E402

PASSWORD = "Bench-Mark-2026!"
TEAM_PASSWORD = "Bench-Team-2026!"
PASSPHRASE = "基准测试传递口令-2026"
ANSWER = "我们局在公务接待方面存在超标准问题，去年有三次接待陪餐人数超过规定，还安排了酒水。" * 8


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build(work: Path, n_talks: int, n_issues: int, attachments_mb: int) -> None:
    office_ws = Workstation(work / "office")
    names = ("sysadmin", "secadmin", "auditor", "office", "leader1", "member1")
    roles = (
        Role.SYSADMIN,
        Role.SECURITY_OFFICER,
        Role.AUDITOR,
        Role.OFFICE,
        Role.TEAM_LEADER,
        Role.TEAM_MEMBER,
    )
    office_ws.create(
        "基准测试",
        [
            NewAccount(n, n, r, PASSWORD, must_change_password=False)
            for n, r in zip(names, roles, strict=True)
        ],
        kdf=KdfParams.fast_for_tests(),
    )
    office = office_ws.unlock("office", PASSWORD)
    ids = {
        u: office.conn.execute("SELECT id FROM users WHERE username = ?", (u,)).fetchone()[0] for u in names
    }
    for u in ("leader1", "member1"):
        staff.add_staff(office, ids[u], "巡察干部", "")
    term = terms.create_term(office, "第九届", "2026-01-01", "2030-12-31")
    rnd = terms.create_round(office, term.id, 1, "regular", starts_on="2026-03-02")
    team = teams.create_team(office, rnd.id, "第一巡察组")
    teams.add_member(office, team.id, ids["leader1"], "leader")
    teams.add_member(office, team.id, ids["member1"], "member")
    unit = units.create_unit(office, "市水务集团有限公司", "enterprise")
    insp = inspections.create_inspection(office, team.id, unit.id, began_on="2026-03-02")
    out = work / "setup.xpk"
    setup_package.export_setup(
        office,
        team.id,
        out,
        passphrase=PASSPHRASE,
        medium_no="基准-001",
        passwords={"leader1": PASSWORD, "member1": PASSWORD},
        kdf=KdfParams.fast_for_tests(),
        scrypt_n=1 << 12,
    )
    office.close()
    setup_package.install_setup(work / "team", out, PASSPHRASE)
    team_ws = Workstation(work / "team")
    for u in ("leader1", "member1"):
        s = team_ws.unlock(u, PASSWORD)
        accounts.change_own_password(s, PASSWORD, TEAM_PASSWORD)
        s.close()
    member = team_ws.unlock("member1", TEAM_PASSWORD)
    form = TalkForm(
        start_at="2026-03-10 09:00",
        end_at="2026-03-10 10:30",
        place="三楼会议室",
        interviewee_name="李红梅",
        interviewee_unit="市水务集团有限公司",
        interviewee_position="副总经理",
        interviewee_category=IntervieweeCategory.LEADERSHIP,
        interviewer_ids=[ids["leader1"], ids["member1"]],
        recorder_id=ids["member1"],
        kind=TalkKind.INDIVIDUAL,
        outline=["请谈谈落实中央八项规定精神的情况。"],
        record=[QA(f"问题{k}", ANSWER) for k in range(6)],
        key_points="公务接待超标准。",
    )
    with member.transaction():
        for _ in range(n_talks):
            talk = talk_writes.create_talk(member, insp.id, form)
            talk_writes.mark_recorded(member, talk.id)
            talk_writes.sign_talk(member, talk.id, "2026-03-11")
        for k in range(n_issues):
            issue_edits.create_issue(
                member,
                insp.id,
                IssueDraft(
                    title=f"违规发放津贴补贴{k}", found_on="2026-03-10", facts=ANSWER, found_by="周清源"
                ),
            )
    for k in range(attachments_mb):
        values = member.record_values()
        data = os.urandom(1 << 20)
        with member.transaction() as conn:
            conn.execute(
                "INSERT INTO attachments (id, created_at, updated_at, author_id, workstation_id, owner_type, owner_id,"
                " inspection_id, filename, kind, media_type, size, sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    *values.values(),
                    "talk",
                    str(uuid.uuid4()),
                    insp.id,
                    f"扫描{k}.bin",
                    "other",
                    "application/octet-stream",
                    len(data),
                    "0" * 64,
                ),
            )
            conn.execute(
                "INSERT INTO attachment_blobs (attachment_id, content) VALUES (?, ?)", (values["id"], data)
            )
            member.audit("attachment_store", "attachment", values["id"], "1 MB")
    member.close()


def phase(name: str, work: Path) -> None:
    started = time.perf_counter()
    if name == "hand_in":
        leader = Workstation(work / "team").unlock("leader1", TEAM_PASSWORD)
        started = time.perf_counter()
        result = hand_in.hand_in(
            leader, work / "h1.xpk", medium_no="基准-002", confirm=review.review(leader).token
        )
        elapsed = time.perf_counter() - started
        size = result.path.stat().st_size / 1e6
        leader.close()
        print(
            f"hand_in: ours={elapsed:.2f}s peak_mb={peak_mb():.0f} ({result.rows} rows, {size:.0f} MB package)"
        )
        return
    office = Workstation(work / "office").unlock("office", PASSWORD)
    started = time.perf_counter()
    try:
        result = merge.merge(office, work / "h1.xpk", medium_no="基准-002")
        note = f"{result.added} added"
    except ExchangeError as exc:
        note = f"refused: {exc.message}"
    elapsed = time.perf_counter() - started
    office.close()
    print(f"{name}: ours={elapsed:.2f}s peak_mb={peak_mb():.0f} ({note})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=2000)
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--attachments-mb", type=int, default=200)
    parser.add_argument("--phase", choices=("hand_in", "merge", "merge_again"), default=None)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    if args.phase:
        phase(args.phase, args.work)
        return
    work = Path(tempfile.mkdtemp(prefix="xuncha-bench-exchange-"))
    try:
        started = time.perf_counter()
        build(work, args.talks, args.issues, args.attachments_mb)
        print(
            f"built the team's round ({args.talks} talks, {args.issues} issues, {args.attachments_mb} MB) "
            f"in {time.perf_counter() - started:.1f}s"
        )
        for name in ("hand_in", "merge", "merge_again"):
            subprocess.run([sys.executable, __file__, "--phase", name, "--work", str(work)], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
