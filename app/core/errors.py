"""One family of exceptions for everything a user can cause.

Each carries a message in Chinese that a dialog or the command line can show as is; none of them
ever carries record text beyond what the user typed into the failing field.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix: bad input, a refused action, a wrong password."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the form field at fault, so the UI can show the message beside it

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """A field is missing or out of range."""


class PermissionDenied(UserError):
    """The session's role or team may not do this."""


class NotFound(UserError):
    """The record does not exist or is not visible to this session."""


class Conflict(UserError):
    """The action clashes with the state of other records (dependants, state machine, duplicates)."""


class AuthenticationError(UserError):
    """Wrong user name or password, or an account that may not sign in now."""


class AccountLocked(AuthenticationError):
    """Too many wrong passwords."""


class PasswordChangeRequired(UserError):
    """The account must change its password before doing anything else."""


class StoreError(UserError):
    """The database or one of its companion files is missing, damaged or foreign."""


class IntegrityFailure(StoreError):
    """A check found damage: a bad page, a broken audit chain, a tampered file."""


class Cancelled(UserError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self, message: str = "操作已取消，未做任何更改。") -> None:
        super().__init__(message)
