"""Numbered schema migrations.

Each module `mNNNN_name.py` here defines `VERSION = NNNN` and `def upgrade(conn) -> None`, and is
named in MIGRATIONS below, in order (no discovery: a reader and a freezer follow the same imports).
They run in order inside one transaction each, and PRAGMA user_version records the last one applied.
A migration that sets VACUUM_AFTER = True has the database rebuilt (VACUUM) once the run is done.
A database newer than this program is refused rather than touched.

What the migrations share (RECORD_COLUMNS, run_script) lives in `common`, which imports none of them.
"""

from __future__ import annotations

from types import ModuleType

from app.core.errors import StoreError
from app.core.store.migrations import (
    m0001_foundation,
    m0002_organisation,
    m0003_print_register,
    m0004_talks,
    m0005_documents,
    m0006_issue_register,
    m0007_official_documents,
    m0008_sheets,
    m0009_register_speed,
    m0010_signed_audit,
    m0011_search_fold,
    m0012_compartments,
    m0013_seal_owners,
    m0014_certified_keys,
    m0015_exchange,
    m0016_meetings_talk_plan,
    m0017_evaluation,
    m0018_paper_chain,
    m0019_briefings_work_plan_log,
    m0020_visits_spot_checks,
    m0021_archive,
)

# The migrations in the order they run. A new migration is a new module mNNNN_name.py, imported above
# and appended here; its VERSION is its position (1-based).
MIGRATIONS: tuple[ModuleType, ...] = (
    m0001_foundation,
    m0002_organisation,
    m0003_print_register,
    m0004_talks,
    m0005_documents,
    m0006_issue_register,
    m0007_official_documents,
    m0008_sheets,
    m0009_register_speed,
    m0010_signed_audit,
    m0011_search_fold,
    m0012_compartments,
    m0013_seal_owners,
    m0014_certified_keys,
    m0015_exchange,
    m0016_meetings_talk_plan,
    m0017_evaluation,
    m0018_paper_chain,
    m0019_briefings_work_plan_log,
    m0020_visits_spot_checks,
    m0021_archive,
)


def all_migrations() -> list[ModuleType]:
    versions = [m.VERSION for m in MIGRATIONS]
    if versions != list(range(1, len(MIGRATIONS) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, got {versions}")
    return list(MIGRATIONS)


def latest_version() -> int:
    return len(all_migrations())


def schema_version(conn) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn, target: int | None = None) -> list[int]:
    """Bring the schema up to `target` (default: latest). Returns the versions applied."""
    mods = all_migrations()
    target = len(mods) if target is None else target
    current = schema_version(conn)
    if current > len(mods):
        raise StoreError(f"数据库版本（{current}）比本程序支持的版本（{len(mods)}）新，请升级程序。")
    applied = []
    for mod in mods[current:target]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            mod.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {int(mod.VERSION)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(mod.VERSION)
    if any(getattr(mod, "VACUUM_AFTER", False) for mod in mods[current:target]):
        # The migration rewrote sensitive text in place: rebuild every page, so that no copy of the
        # old text survives in a page's unused space (secure_delete clears freed cells and pages only).
        conn.execute("VACUUM")
    return applied
