"""Helpers for the exchange tests: team workstations configured from the org world's office."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import QA, IntervieweeCategory, TalkForm, TalkKind
from app.core.exchange import setup_package
from app.core.security import accounts
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation

PASSPHRASE = "交接口令-2026-甲"
INITIAL = "Initial-2026!"
NEW = "Changed-2026!"
FAST_N = 1 << 10


@dataclass
class Team:
    folder: Path
    workstation: Workstation
    export: setup_package.SetupExport
    sessions: list

    def login(self, username: str):
        session = self.workstation.unlock(username, NEW)
        self.sessions.append(session)
        return session


def configure(world, team, folder: Path, tmp: Path, medium: str = "U盘-2026-001") -> Team:
    """Export the team's setup package at the office, install it into `folder`, set the passwords."""
    names = [
        r["username"]
        for r in world.office.conn.execute(
            "SELECT u.username FROM users u JOIN team_members m ON m.user_id = u.id WHERE m.team_id = ?",
            (team.id,),
        )
    ]
    out = tmp / f"setup-{team.name}.xpk"
    export = setup_package.export_setup(
        world.office,
        team.id,
        out,
        passphrase=PASSPHRASE,
        passwords={n: INITIAL for n in names},
        medium_no=medium,
        kdf=KdfParams.fast_for_tests(),
        scrypt_n=FAST_N,
    )
    setup_package.install_setup(folder, out, PASSPHRASE)
    ws = Workstation(folder)
    for name in names:
        session = ws.unlock(name, INITIAL)
        accounts.change_own_password(session, INITIAL, NEW)
        session.close()
    return Team(folder, ws, export, [])


def talk_form(world, leader: str = "leader1", member: str = "member1", **over) -> TalkForm:
    values = dict(
        start_at="2026-03-10 09:00",
        end_at="2026-03-10 10:30",
        place="三楼小会议室",
        interviewee_name="李红梅",
        interviewee_unit="市教育局",
        interviewee_position="党组成员、副局长",
        interviewee_category=IntervieweeCategory.LEADERSHIP,
        interviewer_ids=[world.users[leader], world.users[member]],
        recorder_id=world.users[member],
        kind=TalkKind.INDIVIDUAL,
        outline=["请谈谈分管领域落实中央八项规定精神的情况。"],
        record=[QA("请谈谈分管领域落实中央八项规定精神的情况。", "公务接待存在超标准问题。")],
        key_points="公务接待超标准。",
    )
    values.update(over)
    return TalkForm(**values)


def signed_talk(world, session, inspection_id: str, **over):
    talk = talk_writes.create_talk(session, inspection_id, talk_form(world, **over))
    talk_writes.mark_recorded(session, talk.id)
    return talk_writes.sign_talk(session, talk.id, "2026-03-11")
