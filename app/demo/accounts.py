"""The demo workstation: the six demo accounts and realistic Chinese data from every module.

Demo accounts (password `Demo-2026!`): sysadmin, secadmin, auditor, office, leader1, member1. The
password appears here, in the README and on the unlock window of a demo database, nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.security.roles import Role
from app.core.session import Session
from app.core.store.keyslots import KdfParams
from app.core.workstation import NewAccount, Workstation

DEMO_PASSWORD = "Demo-2026!"
DEMO_ORG = "中共某市委巡察工作领导小组办公室"

DEMO_ACCOUNTS: list[tuple[str, str, Role, str]] = [
    ("sysadmin", "王建国", Role.SYSADMIN, "系统管理员"),
    ("secadmin", "李保华", Role.SECURITY_OFFICER, "安全保密管理员"),
    ("auditor", "赵审言", Role.AUDITOR, "安全审计员"),
    ("office", "陈巡明", Role.OFFICE, "市委巡察办综合科科长"),
    ("leader1", "刘正纲", Role.TEAM_LEADER, "第一巡察组组长"),
    ("member1", "周清源", Role.TEAM_MEMBER, "第一巡察组组员"),
]


def demo_accounts() -> list[NewAccount]:
    return [
        NewAccount(
            name,
            display,
            role,
            DEMO_PASSWORD,
            clearance="机密" if role == Role.OFFICE else "秘密",
            post=post,
            must_change_password=False,
        )
        for name, display, role, post in DEMO_ACCOUNTS
    ]


def create_demo(
    folder: Path, *, kdf: KdfParams | None = None, progress: Callable[[str], None] | None = None
) -> Workstation:
    """Create a demo workstation in an empty (or missing) folder and fill it with demo data."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        from app.core.errors import StoreError

        raise StoreError(f"演示数据只能创建在空目录中：{folder} 不是空的。")
    ws = Workstation(folder)
    ws.create(DEMO_ORG, demo_accounts(), kdf=kdf, demo=True)
    # Imported here so that each module's demo code loads only when a demo is made.
    from app.demo.registry import DemoContext, populators

    ctx = DemoContext(ws)
    try:
        for populate in populators():
            if progress:
                progress(populate.__name__.strip("_"))
            populate(ctx)
    finally:
        ctx.close()
    return ws


def signed_in(ws: Workstation, username: str) -> Session:
    return ws.unlock(username, DEMO_PASSWORD)
