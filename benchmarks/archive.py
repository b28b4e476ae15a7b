"""立卷归档 of a large inspection: number, close, export the encrypted package, four checks twice.

    .venv/bin/python benchmarks/archive.py [--talks 250] [--meetings 50] [--attachments-mb 200]

A real (temporary) office workstation with one inspection: `--talks` signed talk records and
`--meetings` meetings with minutes (300 items by default), and `--attachments-mb` MB of meeting
material (1 MB files of random bytes, which do not compress) — made first, not counted. Measured:
opening the archive (each item's PDF made, paged and hashed), closing it, and the export of the
encrypted package with the four checks before writing and again after re-opening it:

  archive: ours=…s items=N mb=M   (target ≤ 60 s)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.domain.archive import filing, package  # noqa: E402
from app.core.domain.meetings import writes as meeting_writes  # noqa: E402
from app.core.domain.meetings.types import MeetingForm  # noqa: E402
from app.core.domain.organisation import inspections, staff, teams, terms, units  # noqa: E402
from app.core.domain.talks import writes as talk_writes  # noqa: E402
from app.core.domain.talks.types import QA, IntervieweeCategory, TalkForm, TalkKind  # noqa: E402
from app.core.security.roles import Role  # noqa: E402
from app.core.store.keyslots import KdfParams  # noqa: E402
from app.core.workstation import NewAccount, Workstation  # noqa: E402

PASSWORD = "Bench-Mark-2026!"
ANSWER = "我们局在公务接待方面存在超标准问题，去年有三次接待陪餐人数超过规定，还安排了酒水。" * 4


def build(work: Path, n_talks: int, n_meetings: int, attachments_mb: int) -> str:
    ws = Workstation(work / "office")
    names = ("sysadmin", "secadmin", "auditor", "office", "leader1", "member1")
    roles = (
        Role.SYSADMIN,
        Role.SECURITY_OFFICER,
        Role.AUDITOR,
        Role.OFFICE,
        Role.TEAM_LEADER,
        Role.TEAM_MEMBER,
    )
    ws.create(
        "基准测试",
        [
            NewAccount(n, n, r, PASSWORD, must_change_password=False)
            for n, r in zip(names, roles, strict=True)
        ],
        kdf=KdfParams.fast_for_tests(),
    )
    office = ws.unlock("office", PASSWORD)
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
        record=[QA(f"问题{k}", ANSWER) for k in range(4)],
        key_points="公务接待超标准。",
    )
    meetings = []
    with office.transaction():
        for _ in range(n_talks):
            talk = talk_writes.create_talk(office, insp.id, form)
            talk_writes.mark_recorded(office, talk.id)
            talk_writes.sign_talk(office, talk.id, "2026-03-11")
        for k in range(n_meetings):
            meetings.append(
                meeting_writes.create_meeting(
                    office,
                    insp.id,
                    MeetingForm(
                        kind="group",
                        held_on="2026-03-12",
                        title=f"座谈会{k + 1}",
                        minutes="与会人员围绕选人用人、作风建设发言。" * 10,
                    ),
                ).id
            )
    for k in range(attachments_mb):
        values = office.record_values()
        data = os.urandom(1 << 20)
        with office.transaction() as conn:
            conn.execute(
                "INSERT INTO attachments (id, created_at, updated_at, author_id, workstation_id, owner_type, owner_id,"
                " inspection_id, filename, kind, media_type, size, sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    *values.values(),
                    "meeting",
                    meetings[k % len(meetings)],
                    insp.id,
                    f"会议材料{k}.png",
                    "png",
                    "image/png",
                    len(data),
                    hashlib.sha256(data).hexdigest(),
                ),
            )
            conn.execute(
                "INSERT INTO attachment_blobs (attachment_id, content) VALUES (?, ?)", (values["id"], data)
            )
    office.close()
    return insp.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=250)
    parser.add_argument("--meetings", type=int, default=50)
    parser.add_argument("--attachments-mb", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xuncha-bench-archive-"))
    try:
        insp = build(work, args.talks, args.meetings, args.attachments_mb)
        office = Workstation(work / "office").unlock("office", PASSWORD)
        started = time.perf_counter()
        archive = filing.open_archive(office, insp, fonds_no="X001", org_code="XCB", filer="巡察办")
        filing.close_archive(office, archive.id, checker="检查人")
        result = package.export_package(office, archive.id, work / "archive.xcxp", "Bench-Transfer-2026")
        elapsed = time.perf_counter() - started
        assert result.after.passed, result.after.summary()
        office.close()
        print(f"archive: ours={elapsed:.2f}s items={result.items} mb={result.bytes / 1e6:.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
