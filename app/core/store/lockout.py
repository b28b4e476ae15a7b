"""Failed-attempt counters and the lockout, kept in the key slot file (the part of KeySlots for it).

Failed sign-ins (and failed restores, recovery codes, unlocks, confirmations) are counted in the
slot file, outside the database, because a wrong password cannot open the database to write them
down; the next successful sign-in moves them into the audit trail. They are written when no key is
known, so they cannot be under the file's HMAC keyed from the database key. Two things cover them:

- `counters_mac`, an HMAC over the counters keyed from what the file itself says without a password
  (its database UUID, workstation id and current HMAC, so counters copied from another file or an
  older version of this one do not fit). It is checked at every load, before any password is tried:
  counters that do not match it lock every account for the lockout time, and a `counters_tampered`
  attempt is noted for each, to be audited at the next sign-in. It protects against an edit made by
  hand (a text editor, a script that does not reimplement this function); it does NOT protect
  against someone who reads this code, since its key is no secret.
- `counters_seen`, a snapshot under the database-key HMAC: every save made with the key (every
  successful sign-in, unlock, confirmation) copies every counter into it, and each counter also keeps
  a `total` that only grows. At the next unlock (`check_counters`, run by `verify_mac`) the live
  counters must be what the snapshot and the failures since imply: the total not lower, the count
  exactly what those failures give, a lock they set (or the snapshot holds) still in place. An edit
  that lowers what was counted before the last save, even with a recomputed `counters_mac`, is
  caught: those accounts are locked again and the sign-in of such an account is refused.

What neither can catch: a re-MACed edit of failures counted since the last save with the key, and
the whole file replaced by a copy taken after the last successful sign-in (counters and snapshot
agree, both genuine), which is indistinguishable from "no attempt since"; nor a lock's end moved
earlier but not before the snapshot's time plus the lockout. Nothing is checked between guesses
without a key, so guesses are only caught afterwards. An attacker holding the files can in any case
guess offline on a copy; what bounds that is the Argon2id cost of each guess, not this counter.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from app.core.errors import AccountLocked

UNKNOWN_ACCOUNT = "__unknown__"
TAMPERED = "counters_tampered"


def _when(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _int(value: object) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def well_formed_snapshot(snapshot: object) -> bool:
    if snapshot is None:
        return True
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("buckets"), dict):
        return False
    return all(
        isinstance(b, dict) and isinstance(b.get("count"), int) and isinstance(b.get("total"), int)
        for b in snapshot["buckets"].values()
    )


class LockoutCounters:
    """Mixin of KeySlots: `data["failures"]` (live, outside the MAC) and `data["counters_seen"]` (inside)."""

    data: dict[str, Any]
    policy: dict[str, int]

    def has_slot(self, username: str) -> bool:  # pragma: no cover - provided by KeySlots
        raise NotImplementedError

    def _save_counters_only(self) -> None:  # pragma: no cover - provided by KeySlots
        raise NotImplementedError

    def slot_names(self) -> list[str]:  # pragma: no cover - provided by KeySlots
        raise NotImplementedError

    # ---- the counters' own MAC (keyed without a password) -----------------------------------------
    def counters_mac(self) -> str:
        label = "xuncha:lockout-counters:" + "|".join(
            str(self.data.get(k, "")) for k in ("db_uuid", "workstation_id", "mac")
        )
        body = json.dumps(self.data["failures"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        key = hashlib.sha256(label.encode("utf-8")).digest()
        return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()

    def check_counters_mac(self, now: datetime | None = None) -> bool:
        """True when the counters are as this program wrote them; else lock every account (fail closed)."""
        if "counters_seen" not in self.data and "counters_mac" not in self.data:
            return True  # a file from before counter MACs: the next save with the key adds both
        if hmac.compare_digest(str(self.data.get("counters_mac", "")), self.counters_mac()):
            return True
        now = now or datetime.now(UTC)
        until = (now + timedelta(minutes=self._lockout_minutes())).isoformat()
        old = self.data["failures"] if isinstance(self.data.get("failures"), dict) else {}
        fresh: dict[str, Any] = {}
        for name in [*self.slot_names(), UNKNOWN_ACCOUNT]:
            entry = old.get(name) if isinstance(old.get(name), dict) else {}
            total = max(_int(entry.get("total")), self._expected(name, 0)[1])
            attempts = [
                a for a in entry.get("attempts") or [] if isinstance(a, dict) and isinstance(a.get("at"), str)
            ]
            fresh[name] = {
                "count": self._expected(name, total)[0],
                "total": total,
                "locked_until": until if name != UNKNOWN_ACCOUNT else None,
                "attempts": attempts[-99:] + [{"at": now.isoformat(), "reason": TAMPERED}],
            }
        self.data["failures"] = fresh
        self._save_counters_only()
        return False

    def _failure_key(self, username: str) -> str:
        # A name that is no account is never written down: it may be a password typed into the wrong
        # field. Such attempts are counted together under one anonymous key.
        return username if self.has_slot(username) else UNKNOWN_ACCOUNT

    def _failures(self, username: str) -> dict[str, Any]:
        key = self._failure_key(username)
        entry = self.data["failures"].setdefault(key, {"count": 0, "locked_until": None, "attempts": []})
        entry.setdefault(
            "total", int(entry.get("count", 0))
        )  # written before totals: the count is all we know
        return entry

    def _max_failures(self) -> int:
        return int(self.policy.get("max_failures", 5))

    def _lockout_minutes(self) -> int:
        return int(self.policy.get("lockout_minutes", 10))

    def record_refused(self, username: str, reason: str, now: datetime | None = None) -> None:
        """Note an attempt refused without checking the password (e.g. while locked), for the audit."""
        entry = self._failures(username)
        at = (now or datetime.now(UTC)).isoformat()
        entry["attempts"] = (entry.get("attempts") or [])[-99:] + [{"at": at, "reason": reason}]
        self._save_counters_only()

    def check_not_locked(self, username: str, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        if not self.has_slot(username):
            return  # the anonymous bucket never locks anyone out
        entry = self.data["failures"].get(username)
        until = _when(entry.get("locked_until")) if entry else None
        if until is not None and now < until:
            minutes = max(1, int((until - now).total_seconds() // 60) + 1)
            raise AccountLocked(f"密码错误次数过多，账号已锁定，请约 {minutes} 分钟后再试。")

    def record_failure(self, username: str, reason: str, now: datetime | None = None) -> bool:
        """Count a failed attempt; returns True when this attempt locked the account."""
        now = now or datetime.now(UTC)
        entry = self._failures(username)
        entry["count"] = int(entry.get("count", 0)) + 1
        entry["total"] = int(entry["total"]) + 1
        entry["attempts"] = (entry.get("attempts") or [])[-99:] + [{"at": now.isoformat(), "reason": reason}]
        locked = False
        if self.has_slot(username) and entry["count"] >= self._max_failures():
            entry["locked_until"] = (now + timedelta(minutes=self._lockout_minutes())).isoformat()
            entry["count"] = 0
            entry["attempts"][-1]["locked"] = True
            locked = True
        self._save_counters_only()
        return locked

    def take_pending_attempts(self) -> list[dict[str, Any]]:
        """Every failed attempt not yet in the audit trail, oldest first (clears them in memory)."""
        pending: list[dict[str, Any]] = []
        for username, entry in self.data["failures"].items():
            for attempt in entry.get("attempts") or []:
                pending.append({"username": username, **attempt})
            entry["attempts"] = []
        pending.sort(key=lambda a: a["at"])
        return pending

    def drop_last_attempt(self, username: str, reason: str) -> None:
        """Forget the newest pending attempt of `username` when it was already audited (in an open session)."""
        attempts = self.data["failures"].get(self._failure_key(username), {}).get("attempts") or []
        if attempts and attempts[-1].get("reason") == reason:
            attempts.pop()

    def clear_failures(self, username: str) -> None:
        entry = self._failures(username)
        entry["count"] = 0
        entry["locked_until"] = None

    # ---- the snapshot under the MAC --------------------------------------------------------------
    def take_counters_snapshot(self, now: datetime | None = None) -> None:
        """Copy every live counter into `counters_seen` (called by every save made with the key)."""
        buckets = {}
        for key, entry in self.data["failures"].items():
            buckets[key] = {
                "count": _int(entry.get("count")),
                "total": _int(entry.get("total", entry.get("count"))),
                "locked_until": entry.get("locked_until"),
            }
        self.data["counters_seen"] = {"at": (now or datetime.now(UTC)).isoformat(), "buckets": buckets}

    def _expected(self, key: str, total: int) -> tuple[int, int, list[datetime]]:
        """What the snapshot and `total` imply for `key`: (count, the snapshot's total, lock ends due)."""
        snapshot = self.data.get("counters_seen") or {}
        seen = snapshot.get("buckets", {}).get(key)
        if seen is None:
            return 0, 0, []  # nothing known of this counter at the last save
        count0, total0 = _int(seen.get("count")), _int(seen.get("total"))
        since, limit = max(total - total0, 0), self._max_failures()
        locked_since = key != UNKNOWN_ACCOUNT and self.has_slot(key) and count0 + since >= limit
        due = [t for t in (_when(seen.get("locked_until")),) if t is not None]
        seen_at = _when(snapshot.get("at"))
        if locked_since and seen_at is not None:
            due.append(seen_at + timedelta(minutes=self._lockout_minutes()))
        return ((count0 + since - limit) % limit if locked_since else count0 + since), total0, due

    def check_counters(self, now: datetime | None = None) -> list[str]:
        """Live counters that disagree with the snapshot: re-lock them, note it; returns their names.

        Only meaningful once the file's MAC has been checked (the snapshot is then genuine).
        """
        snapshot = self.data.get("counters_seen")
        if not snapshot:
            return []  # a file from before snapshots: the next save with the key writes one
        now = now or datetime.now(UTC)
        found = []
        for key in snapshot["buckets"]:
            live = self.data["failures"].get(key) or {}
            count, total = _int(live.get("count")), _int(live.get("total", live.get("count")))
            expected, total0, due = self._expected(key, total)
            until = _when(live.get("locked_until"))
            if total >= total0 and count == expected and all(until is not None and until >= t for t in due):
                continue
            found.append(key)
            entry = self.data["failures"].setdefault(key, {"attempts": []})
            entry["total"] = max(total, total0)
            entry["count"] = self._expected(key, entry["total"])[0]
            if key != UNKNOWN_ACCOUNT and self.has_slot(key):
                entry["locked_until"] = (now + timedelta(minutes=self._lockout_minutes())).isoformat()
            entry["attempts"] = (entry.get("attempts") or [])[-99:] + [
                {"at": now.isoformat(), "reason": TAMPERED}
            ]
        if found:
            self._save_counters_only()
        return found
