"""The ordered list of demo populators, one per module that has demo data.

Each populator takes the demo Workstation and signs in as whichever demo account does that work in
real life (the office creates rounds, teams record talks), so demo data goes through the same rules.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.workstation import Workstation


def populators() -> list[Callable[[Workstation], None]]:
    found: list[Callable[[Workstation], None]] = []
    return found
