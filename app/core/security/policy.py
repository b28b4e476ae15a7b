"""The security policy: password rules, lockout and idle lock, set by the security officer.

Defaults follow the rules for 秘密 machines; an account cleared for 机密 gets the stricter rule
(10 characters, changed weekly) whatever the policy says.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from app.core.errors import ValidationError


@dataclass(frozen=True)
class Policy:
    min_length: int = 8
    min_classes: int = 3
    max_age_days: int = 30
    max_failures: int = 5
    lockout_minutes: int = 10
    idle_lock_minutes: int = 10

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_rows(cls, rows: dict[str, int]) -> Policy:
        known = {f.name for f in fields(cls)}
        return cls(**{k: int(v) for k, v in rows.items() if k in known})


MAX_PASSWORD = 256

LIMITS: dict[str, tuple[int, int, str]] = {
    "min_length": (8, 64, "密码最短长度"),
    "min_classes": (3, 4, "密码字符种类"),
    "max_age_days": (1, 30, "密码有效期（天）"),
    "max_failures": (3, 10, "允许的连续错误次数"),
    "lockout_minutes": (1, 1440, "锁定时长（分钟）"),
    "idle_lock_minutes": (1, 60, "无操作自动锁屏（分钟）"),
}


def validate_policy(values: dict[str, int]) -> Policy:
    for key, value in values.items():
        if key not in LIMITS:
            raise ValidationError(f"未知的策略项：{key}", field=key)
        low, high, label = LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):
            raise ValidationError(f"{label}必须在 {low} 到 {high} 之间。", field=key)
    return Policy(**values)


def effective_rules(policy: Policy, clearance: str) -> tuple[int, int]:
    """(min_length, max_age_days) for an account of this clearance."""
    if clearance == "机密":
        return max(policy.min_length, 10), min(policy.max_age_days, 7)
    return policy.min_length, policy.max_age_days


def character_classes(password: str) -> int:
    classes = [
        any(c.islower() and c.isascii() for c in password),
        any(c.isupper() and c.isascii() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or not c.isascii() for c in password),
    ]
    return sum(classes)


def check_password(password: str, policy: Policy, clearance: str = "秘密", username: str = "") -> None:
    """Raise ValidationError naming the first rule the password breaks."""
    if not isinstance(password, str):
        raise ValidationError("请填写密码。", field="password")
    if len(password) > MAX_PASSWORD:
        raise ValidationError(f"密码不能超过 {MAX_PASSWORD} 个字符。", field="password")
    if any(ch < " " or "\ud800" <= ch <= "\udfff" for ch in password):
        raise ValidationError("密码含有不允许的字符（控制字符或无法识别的字符）。", field="password")
    min_length, _ = effective_rules(policy, clearance)
    if len(password) < min_length:
        raise ValidationError(f"密码至少需要 {min_length} 个字符。", field="password")
    if character_classes(password) < policy.min_classes:
        raise ValidationError(
            f"密码需包含大写字母、小写字母、数字、符号中的至少 {policy.min_classes} 类。", field="password"
        )
    if username and username.lower() in password.lower():
        raise ValidationError("密码不能包含用户名。", field="password")
