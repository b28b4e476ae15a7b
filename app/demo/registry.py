"""The ordered list of demo populators, one per module that has demo data.

A populator is `fn(ctx: DemoContext) -> None`. It signs in as whichever demo account does that work
in real life (`ctx.session("office")`, `ctx.session("leader1")`), so demo data goes through the same
rules and audit as real work, and leaves what later populators need in `ctx.data` (e.g. the
organisation's ids under "org"). Append new populators at the end of `populators()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.session import Session
from app.core.workstation import Workstation

DEMO_PASSWORD = "Demo-2026!"


@dataclass
class DemoContext:
    workstation: Workstation
    data: dict[str, Any] = field(default_factory=dict)
    _sessions: dict[str, Session] = field(default_factory=dict)

    def session(self, username: str) -> Session:
        if username not in self._sessions:
            self._sessions[username] = self.workstation.unlock(username, DEMO_PASSWORD)
        return self._sessions[username]

    def close(self) -> None:
        for session in self._sessions.values():
            if not session.closed:
                session.close()
        self._sessions.clear()


def _organisation(ctx: DemoContext) -> None:
    from app.demo.org import populate_organisation

    ctx.data["org"] = populate_organisation(ctx.session("office"), ctx.session("sysadmin"))


def _documents(ctx: DemoContext) -> None:
    from app.demo.review import populate_review

    ctx.data["documents"] = populate_review(ctx.session("member1"), ctx.session("leader1"), ctx.data["org"])


def _talk_plans(ctx: DemoContext) -> None:
    from app.demo.plans import populate_talk_plans

    ctx.data["talk_plans"] = populate_talk_plans(ctx.session, ctx.data["org"])


def _meetings(ctx: DemoContext) -> None:
    from app.demo.plans import populate_meetings

    ctx.data["meetings"] = populate_meetings(ctx.session, ctx.data["org"])


def _before_entry(ctx: DemoContext) -> None:
    from app.demo.before_entry import populate_briefings, populate_work_plans

    made = populate_briefings(ctx.session, ctx.data["org"])
    ctx.data["before_entry"] = populate_work_plans(ctx.session, ctx.data["org"], made)


def _team_logs(ctx: DemoContext) -> None:
    from app.demo.before_entry import populate_team_logs

    populate_team_logs(ctx.session, ctx.data["org"], ctx.data["before_entry"])


def _talks(ctx: DemoContext) -> None:
    from app.demo.talks import populate_talks

    ctx.data["talks"] = populate_talks(ctx.session, ctx.data["org"])


def _issues(ctx: DemoContext) -> None:
    from app.demo.register import populate_issues

    ctx.data["issues"] = populate_issues(ctx)


def _visits(ctx: DemoContext) -> None:
    from app.demo.visits import populate_visits

    ctx.data["visits"] = populate_visits(ctx)


def _seals(ctx: DemoContext) -> None:
    from app.demo.seals import populate_seals

    ctx.data["seals"] = populate_seals(ctx.session("secadmin"))


def _evaluation(ctx: DemoContext) -> None:
    from app.demo.evaluation import populate_evaluation

    ctx.data["evaluation"] = populate_evaluation(ctx)


def _archive(ctx: DemoContext) -> None:
    from app.demo.archive import populate_archive

    ctx.data["archive"] = populate_archive(ctx.session("office"))


def populators() -> list[Callable[[DemoContext], None]]:
    return [
        _organisation,
        _documents,
        _talk_plans,
        _talks,
        _meetings,
        _before_entry,
        _issues,
        _visits,
        _team_logs,
        _seals,
        _evaluation,
        _archive,
    ]
