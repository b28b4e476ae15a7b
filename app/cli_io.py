"""What every command of the command line shares: reading a secret, printing, the exit codes.

Passwords come from the terminal, or from standard input (one per line) when it is not a terminal;
never from an argument.
"""

from __future__ import annotations

import getpass
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


def read_secret(prompt: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise SystemExit(fail(f"未能从标准输入读到{prompt.rstrip('：: ')}。", EXIT_USAGE))
    return line.rstrip("\r\n")


def fail(message: str, code: int) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def out(message: str) -> None:
    print(message, flush=True)
