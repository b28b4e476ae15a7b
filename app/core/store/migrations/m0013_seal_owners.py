"""Each issuer its own seal (issue 16): a seal belongs to the office or to one inspection team.

`seals.owner` names the issuing body whose seal it is: '' for the office (巡察办), else a team's name
as the organisation knows it (teams.name, "第一巡察组": the same body across rounds). One seal is
active per owner, no longer one in all: `seals_one_active` gives way to `seals_one_active_per_owner`.
Seals stored before this migration were the office's.
"""

from app.core.store.migrations.common import run_script

# Its number is m0013; until m0012 of the same wave has landed it is the 12th in MIGRATIONS.
VERSION = 13

SCRIPT = """
DROP INDEX IF EXISTS seals_one_active;
CREATE UNIQUE INDEX IF NOT EXISTS seals_one_active_per_owner ON seals(owner) WHERE active = 1;
"""


def upgrade(conn) -> None:
    # Idempotent, like the migrations before it: a folder whose version was set back keeps the column.
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(seals)")}
    if "owner" not in columns:
        conn.execute("ALTER TABLE seals ADD COLUMN owner TEXT NOT NULL DEFAULT ''")
    run_script(conn, SCRIPT)
