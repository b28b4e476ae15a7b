"""After a merge: the search indexes of the records it wrote, and the per-inspection counters.

The talks' index (keyed by the office's own talk number), the review search (readings, excerpts,
imported material) and the excerpt numbers are each workstation's own; a merge fills them for
what it brought, inside its transaction, as the operations that write those records do.
"""

from __future__ import annotations

from app.core.domain.review import search as review_search
from app.core.domain.review.reading import OWNER_TYPE
from app.core.domain.review.search import HitKind
from app.core.domain.talks import index as talk_index


class Touched:
    def __init__(self) -> None:
        self.talks: set[str] = set()
        self.readings: set[str] = set()
        self.excerpts: set[str] = set()
        self.attachments: set[str] = set()

    def note(self, table: str, row: dict) -> None:
        if table == "talks":
            self.talks.add(row["id"])
        elif table in ("talk_addenda", "talk_interviewers"):
            self.talks.add(row["talk_id"])
        elif table == "readings":
            self.readings.add(row["id"])
        elif table == "excerpts":
            self.excerpts.add(row["id"])
        elif table == "attachments":
            self.attachments.add(row["id"])


def _item_inspection(conn, item_id: str) -> str:
    row = conn.execute("SELECT inspection_id FROM request_items WHERE id = ?", (item_id,)).fetchone()
    return row[0] if row else ""


def apply(conn, touched: Touched) -> None:
    for talk_id in sorted(touched.talks):
        talk_index.reindex(conn, talk_id)
    for rid in sorted(touched.readings):
        row = conn.execute("SELECT item_id, notes FROM readings WHERE id = ?", (rid,)).fetchone()
        review_search.index_text(
            conn, HitKind.READING, rid, _item_inspection(conn, row["item_id"]), row["item_id"], row["notes"]
        )
    for rid in sorted(touched.excerpts):
        row = conn.execute(
            "SELECT inspection_id, item_id, passage FROM excerpts WHERE id = ?", (rid,)
        ).fetchone()
        review_search.index_text(
            conn, HitKind.EXCERPT, rid, row["inspection_id"], row["item_id"], row["passage"]
        )
        conn.execute(
            "INSERT INTO excerpt_numbers (inspection_id, last_number)"
            " SELECT inspection_id, max(number) FROM excerpts WHERE inspection_id = ?"
            " ON CONFLICT(inspection_id) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
            (row["inspection_id"],),
        )
    for rid in sorted(touched.attachments):
        row = conn.execute(
            "SELECT owner_type, owner_id, inspection_id, extracted_text FROM attachments WHERE id = ?", (rid,)
        ).fetchone()
        if row["owner_type"] == OWNER_TYPE:
            review_search.index_text(
                conn,
                HitKind.MATERIAL,
                rid,
                row["inspection_id"] or "",
                row["owner_id"],
                row["extracted_text"],
            )
