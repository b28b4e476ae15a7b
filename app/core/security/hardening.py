"""Keep the process's memory out of crash output.

A core dump is the whole address space written to disk in plaintext: decrypted pages, record text
in Python strings and Qt models, the database key. The workstation rule is that nothing sensitive
reaches the disk in plaintext, crash output included, so every entry point (GUI and command line)
calls harden_process() before it opens a database.

- All platforms with `resource`: the core-file size limit is set to 0, soft and hard, so neither
  this process nor anything it starts can raise it again.
- Linux: the process is marked not dumpable (prctl PR_SET_DUMPABLE 0). The kernel then writes no
  core even through a core_pattern pipe such as systemd-coredump, and other processes of the same
  user can no longer ptrace it or read /proc/<pid>/mem.
- Windows: Windows Error Reporting is told not to show its crash dialog, which is where it offers
  to collect a dump.
"""

from __future__ import annotations

import ctypes
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002


def harden_process() -> list[str]:
    """Apply what the platform offers; returns what was applied (for the log line and the tests)."""
    applied: list[str] = []
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        applied.append("no-core-files")
    except (ImportError, ValueError, OSError):
        pass  # Windows has no `resource`; a hard limit already at 0 is fine too
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
            applied.append("not-dumpable")
    elif sys.platform == "win32":
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
        applied.append("no-error-report-dialog")
    return applied


def is_dumpable() -> bool | None:
    """Linux only: whether the kernel would write a core for this process (None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
