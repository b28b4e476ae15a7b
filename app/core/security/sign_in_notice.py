"""What a sign-in tells the user about their own account (GB/T 22239: 上次登录信息).

The previous successful sign-in's time and the failed attempts on the account since then (wrong
passwords at sign-in, on the lock screen or when confirming a two-person step), read from the audit
trail after the pending attempts have been moved into it; and, when the password was reset by the
administrators, who reset it and when. A user who sees an older "previous sign-in" than they remember
notices that the data folder was rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.session import User

FAILED_ACTIONS = (
    "login_failed",
    "account_locked",
    "login_refused_locked",
    "unlock_failed",
    "unlock_refused_locked",
)
# Audited in the proposing administrator's session, naming the confirming account in the summary.
CONFIRM_FAILED_ACTIONS = ("dual_confirm_failed", "dual_confirm_refused_locked")


@dataclass(frozen=True)
class SignInNotice:
    previous_at: str | None  # the previous successful sign-in; None for the first one
    failures_since: int  # failed attempts on this account since then
    reset_by: str = ""  # who reset the password (the audit entry's summary names both administrators)
    reset_at: str = ""

    def text(self) -> str:
        """One or two lines for the window, in Chinese."""
        when = self.previous_at[:19].replace("T", " ") if self.previous_at else ""
        lines = [f"上次登录：{when}" if when else "这是此账号的首次登录。"]
        lines[0] += (
            f"；此后失败尝试 {self.failures_since} 次。" if self.failures_since else "；此后没有失败的尝试。"
        )
        if self.reset_at:
            lines.append(
                f"您的密码已于 {self.reset_at[:19].replace('T', ' ')} 被重置（{self.reset_by}），请立即修改。"
            )
        return "\n".join(lines)


def sign_in_notice(conn, user: User) -> SignInNotice:
    """The notice for `user`, whose row was read before this sign-in updated last_login_at."""
    marks = ",".join("?" * len(FAILED_ACTIONS))
    since = user.last_login_at or ""
    failures = conn.execute(
        f"SELECT count(*) FROM audit WHERE username = ? AND action IN ({marks}) AND at > ?",
        (user.username, *FAILED_ACTIONS, since),
    ).fetchone()[0]
    failures += conn.execute(
        "SELECT count(*) FROM audit WHERE action IN (?, ?) AND summary = ? AND at > ?",
        (*CONFIRM_FAILED_ACTIONS, user.username, since),
    ).fetchone()[0]
    reset_by = reset_at = ""
    if user.must_change_password:
        row = conn.execute(
            "SELECT at, username, summary FROM audit WHERE action = 'password_reset' AND object_id = ?"
            " AND seq > coalesce((SELECT max(seq) FROM audit WHERE action = 'password_change'"
            " AND object_id = ?), 0) ORDER BY seq DESC LIMIT 1",
            (user.id, user.id),
        ).fetchone()
        if row is not None:
            reset_at = row["at"]
            summary = row["summary"]
            reset_by = summary.split("；", 1)[1] if "；" in summary else row["username"]
    return SignInNotice(user.last_login_at, int(failures), reset_by, reset_at)
