"""Review before a hand-in: what will leave the team workstation, and what stays behind.

The team leader sees the records that will leave, counted by kind (those changed since the last
package the office acknowledged), the records not yet signed (talks recorded but not signed by the
interviewee, working papers not signed by the leader), the borrowed items not yet returned, and the
drafts, which never leave. The summary's `token` is what the leader confirms: a hand-in whose
records changed after the review is refused, so what leaves is what was reviewed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.core.exchange import identity as ident
from app.core.exchange import tables
from app.core.exchange.records import Openers, portable, row_hash, scoped_rows
from app.core.exchange.tables import INS, KIND_LABELS, TableSpec
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass(frozen=True)
class Summary:
    leaving: dict[str, int]  # kind label -> records that will leave
    unsigned_talks: int
    unsigned_issues: int
    not_returned: int
    draft_talks: int
    form_drafts: int
    tables: dict[str, int] = field(default_factory=dict)
    token: str = ""

    def lines(self) -> list[str]:
        out = [f"{kind}：{n} 条" for kind, n in self.leaving.items() if n]
        out.append(f"未签字的谈话记录：{self.unsigned_talks} 份（随包移交，标注未签字）")
        out.append(f"未签批的问题底稿：{self.unsigned_issues} 份")
        out.append(f"调阅资料未归还：{self.not_returned} 件")
        out.append(
            f"草稿（不移交，留待清理）：谈话记录 {self.draft_talks} 份，表单草稿 {self.form_drafts} 份"
        )
        return out


def changed_rows(session: Session, team_id: str, office_ws: str) -> Iterator[tuple[TableSpec, dict, str]]:
    """Every record in scope whose hash differs from what the office acknowledged, with its hash."""
    conn = session.conn
    base = {
        (r["table_name"], r["record_id"]): r["team_hash"]
        for r in conn.execute(
            "SELECT table_name, record_id, team_hash FROM exchange_base WHERE peer_workstation_id = ?",
            (office_ws,),
        )
    }
    openers = Openers(session)
    for spec in tables.HAND_IN:
        for row in scoped_rows(conn, spec, team_id):
            record = portable(spec, row, openers)
            digest = row_hash(record)
            if base.get((spec.name, tables.record_id(spec, record))) != digest:
                yield spec, record, digest


def _count(conn, sql: str, team_id: str) -> int:
    return int(conn.execute(sql, {"team": team_id}).fetchone()[0])


def summarise(session: Session, team_id: str, office_ws: str) -> Summary:
    conn = session.conn
    leaving = dict.fromkeys(KIND_LABELS.values(), 0)
    per_table: dict[str, int] = {}
    hashes = hashlib.sha256()
    for spec, record, digest in changed_rows(session, team_id, office_ws):
        if spec.key == ("id",):  # a record (link rows and attachment contents count with theirs)
            leaving[KIND_LABELS[spec.kind]] += 1
        per_table[spec.name] = per_table.get(spec.name, 0) + 1
        hashes.update(f"{spec.name}|{tables.record_id(spec, record)}|{digest}\n".encode())
    summary = Summary(
        leaving,
        _count(conn, f"SELECT count(*) FROM talks WHERE {INS} AND status = 'recorded'", team_id),
        _count(conn, f"SELECT count(*) FROM issues WHERE {INS} AND signed_on IS NULL", team_id),
        _count(
            conn,
            f"SELECT count(*) FROM request_items WHERE {INS} AND received_on IS NOT NULL AND returned_on IS NULL",
            team_id,
        ),
        _count(conn, f"SELECT count(*) FROM talks WHERE {INS} AND status = 'draft'", team_id),
        _count(conn, "SELECT count(*) FROM drafts", team_id),
        per_table,
    )
    body = json.dumps(
        [summary.leaving, summary.tables, hashes.hexdigest()], sort_keys=True, ensure_ascii=False
    )
    return Summary(**{**summary.__dict__, "token": hashlib.sha256(body.encode()).hexdigest()[:16]})


def review(session: Session) -> Summary:
    """What a hand-in would carry now (the team leader: Cap.ISSUE_SIGN), audited."""
    session.require(Cap.ISSUE_SIGN)
    values = ident.team_settings(session.conn)
    summary = summarise(session, values["team_id"], values["office_workstation_id"])
    session.audit("exchange_review", "exchange", "", f"待移交 {sum(summary.tables.values())} 行")
    return summary
