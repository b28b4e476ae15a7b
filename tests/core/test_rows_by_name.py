"""Rows become records by column name, never by position.

(a) Behaviour: the demo workstation is read through a broad set of readers from every area, as the
office, a team leader, the auditor and the system administrator; then every table is rebuilt with
an extra column placed FIRST and another LAST (FTS tables aside), and the same readers must return
exactly the same records. A reader that took `row[3]` for a column would now read its neighbour.

(b) Static: no module in app/ reads a database row by position (see tests/core/rowscan.py for what
counts as a row and as a positional read; a one-column scalar read may stay).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.domain.organisation import coverage, inspections, staff, teams, terms, units
from app.core.domain.register import (
    classification,
    evidence,
    figures,
    issue_reads,
    leads,
    open_items,
    petitions,
    progress,
    rectification_reads,
    register_query,
)
from app.core.domain.review import access, listing, reading
from app.core.domain.review import search as review_search
from app.core.domain.talks import links
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import search as talk_search
from app.core.errors import UserError
from app.core.official import assemble, copies, documents, seals
from app.core.official.kinds import DocKind
from app.core.printing import register as print_register
from app.core.printing.register import CopyStatus
from app.core.security import accounts, audit_view
from app.core.session import Session
from app.core.sheets import ledger
from app.core.store.connection import DB_FILE, open_connection
from app.core.store.keyslots import KdfParams
from app.demo.accounts import create_demo, signed_in
from tests.core.official_support import demo_seal_png, ensure_issue_records
from tests.core.rowscan import scan

APP = Path(__file__).resolve().parents[2] / "app"
TODAY = "2026-06-30"  # a fixed date for every reader that computes overdue / custody state
UNIT = "市住房和城乡建设局"  # leader1's inspection in round 2, which gets official documents

EXTRA_FIRST = "extra_first TEXT DEFAULT 'a column placed first'"
EXTRA_LAST = "extra_last INTEGER DEFAULT 424242"


# ---- the demo, with official documents printed and sealed -----------------------------------------


def add_official_records(ws) -> None:
    """The demo has no official documents: make one of each kind for leader1's inspection of UNIT,
    save a second version, print copies (sealed), return one and recall the rest."""
    sessions = {u: signed_in(ws, u) for u in ("office", "leader1", "member1", "secadmin")}
    office = sessions["office"]
    try:
        row = office.conn.execute(
            "SELECT i.id AS inspection_id, i.round_id FROM inspections i JOIN units u ON u.id = i.unit_id"
            " JOIN rounds r ON r.id = i.round_id WHERE u.name = ? AND r.number = 2",
            (UNIT,),
        ).fetchone()
        inspection_id, round_id = row["inspection_id"], row["round_id"]
        ensure_issue_records(sessions["member1"], sessions["leader1"], office, inspection_id)
        seals.store_seal(sessions["secadmin"], "巡察办公章", demo_seal_png(size=200))
        for kind in DocKind:
            author = sessions["leader1"] if kind == DocKind.TRANSFER_LETTER else office
            scope = {"round_id": round_id} if kind.round_level else {"inspection_id": inspection_id}
            draft = assemble.assemble(author, kind, today=TODAY, **scope)
            doc = documents.create_document(author, kind, draft, **scope)
            edited = dataclasses.replace(draft, body=draft.body + "\n（修改稿）")
            documents.save_version(author, doc.id, edited, based_on=1)
            # The office's seal only on what the office issues (not the team's report and feedback).
            own = kind not in (DocKind.INSPECTION_REPORT, DocKind.FEEDBACK_LETTER)
            copies.print_copies(office, doc.id, 3, recipients=["甲", "乙", "存档"], seal=own)
            copies.set_status(office, doc.id, 1, CopyStatus.RETURNED)
            copies.recall(office, doc.id, "收回")
    finally:
        for session in sessions.values():
            session.close()


# ---- what the readers return ----------------------------------------------------------------------


class _Recorder:
    """Calls readers, keeping each result (or the user-facing error it raised) under a name."""

    def __init__(self) -> None:
        self.results: dict[str, object] = {}

    def __call__(self, name: str, fn: Callable[[], object]) -> object:
        try:
            value = fn()
        except UserError as error:  # refused for this role: the refusal must be the same too
            value = (type(error).__name__, str(error))
            self.results[name] = value
            return None
        self.results[name] = value
        return value


def _read_inspection(rec: _Recorder, who: str, s: Session, insp: inspections.Inspection) -> None:
    i = insp.id
    p = f"{who}/{insp.unit_name}"
    rec(f"{p}/inspection", lambda: inspections.get_inspection(s, i))
    rec(f"{p}/phase_history", lambda: inspections.phase_history(s, i))
    for talk in rec(f"{p}/talks", lambda: talk_queries.list_talks(s, i)) or []:
        rec(f"{p}/talk/{talk.id}", lambda t=talk.id: talk_queries.get_talk(s, t))
        rec(f"{p}/talk/{talk.id}/issues", lambda t=talk.id: links.issues_from_talk(s, t))
    rec(f"{p}/team_candidates", lambda: talk_queries.team_candidates(s, i))
    for item in rec(f"{p}/review_items", lambda: listing.list_items(s, i, today=TODAY)) or []:
        j = item.id
        rec(f"{p}/review_item/{j}", lambda j=j: listing.get_item(s, j, today=TODAY))
        rec(f"{p}/review_item/{j}/custody", lambda j=j: listing.custody_history(s, j))
        rec(f"{p}/review_item/{j}/readings", lambda j=j: reading.list_readings(s, j))
        rec(f"{p}/review_item/{j}/material", lambda j=j: reading.list_material(s, j))
    rec(f"{p}/custody_summary", lambda: listing.custody_summary(s, i, today=TODAY))
    rec(f"{p}/excerpts", lambda: reading.list_excerpts(s, i))
    rec(f"{p}/team_people", lambda: [tuple(x) for x in access.team_people(s, i)])
    for issue in rec(f"{p}/issues", lambda: issue_reads.list_issues(s, i)) or []:
        k = issue.id
        rec(f"{p}/issue/{k}", lambda k=k: issue_reads.get_issue(s, k))
        rec(f"{p}/issue/{k}/history", lambda k=k: issue_reads.history(s, k))
        rec(f"{p}/issue/{k}/evidence", lambda k=k: evidence.list_evidence(s, k))
        rec(
            f"{p}/issue/{k}/rectification",
            lambda k=k: rectification_reads.find_rectification(s, k, today=TODAY),
        )
        rec(f"{p}/issue/{k}/rect_events", lambda k=k: rectification_reads.events(s, k))
        rec(f"{p}/issue/{k}/progress", lambda k=k: progress.list_progress(s, k))
        rec(f"{p}/issue/{k}/leads", lambda k=k: leads.leads_for_issue(s, k))
        rec(f"{p}/issue/{k}/petitions", lambda k=k: petitions.petitions_for_issue(s, k))
    rec(f"{p}/rectification_ledger", lambda: rectification_reads.list_for_inspection(s, i, today=TODAY))
    rec(f"{p}/sheet_ledger", lambda: ledger.load_rows(s.conn, i, today=TODAY))
    for lead in rec(f"{p}/leads", lambda: leads.list_leads(s, inspection_id=i, today=TODAY)) or []:
        rec(f"{p}/lead/{lead.id}", lambda k=lead.id: leads.get_lead(s, k, today=TODAY))
    for petition in rec(f"{p}/petitions", lambda: petitions.list_petitions(s, i)) or []:
        rec(f"{p}/petition/{petition.id}", lambda k=petition.id: petitions.get_petition(s, k))
    for doc in rec(f"{p}/official", lambda: documents.list_documents(s, inspection_id=i)) or []:
        rec(f"{p}/official/{doc.id}", lambda k=doc.id: documents.get_document(s, k))
        rec(f"{p}/official/{doc.id}/versions", lambda k=doc.id: documents.list_versions(s, k))
        rec(f"{p}/official/{doc.id}/text", lambda k=doc.id: documents.get_version(s, k))
    rec(f"{p}/figures", lambda: figures.compute(s, figures.Scope(inspection_id=i), today=TODAY))


def read_everything(sessions: dict[str, Session], audit_entries: int) -> dict[str, object]:
    """Every reader's answer, keyed by who asked and what; `audit_entries` old entries of the trail.

    The same sessions serve both reads: signing in again would move the users' last_login_at.
    """
    rec = _Recorder()
    for who in ("office", "leader1"):
        s = sessions[who]
        for term in rec(f"{who}/terms", lambda s=s: terms.list_terms(s)) or []:
            rec(f"{who}/term/{term.id}", lambda s=s, t=term.id: terms.get_term(s, t))
            rec(f"{who}/coverage/{term.id}", lambda s=s, t=term.id: coverage.for_term(s, t))
            rec(
                f"{who}/open_items/{term.id}",
                lambda s=s, t=term.id: open_items.open_items(s, term_id=t, today=TODAY),
            )
            rec(
                f"{who}/figures/{term.id}",
                lambda s=s, t=term.id: figures.compute(s, figures.Scope(term_id=t), today=TODAY),
            )
        for rnd in rec(f"{who}/rounds", lambda s=s: terms.list_rounds(s)) or []:
            rec(f"{who}/round/{rnd.id}", lambda s=s, r=rnd.id: terms.get_round(s, r))
            rec(f"{who}/batches/{rnd.id}", lambda s=s, r=rnd.id: terms.list_batches(s, r))
            rec(
                f"{who}/round_docs/{rnd.id}",
                lambda s=s, r=rnd.id: documents.list_documents(s, round_id=r),
            )
            rec(
                f"{who}/round_leads/{rnd.id}",
                lambda s=s, r=rnd.id: leads.list_leads(s, round_id=r, today=TODAY),
            )
        for team in rec(f"{who}/teams", lambda s=s: teams.list_teams(s)) or []:
            rec(f"{who}/team/{team.id}", lambda s=s, t=team.id: teams.get_team(s, t))
            rec(f"{who}/members/{team.id}", lambda s=s, t=team.id: teams.list_members(s, t))
            rec(f"{who}/conflicts/{team.id}", lambda s=s, t=team.id: staff.recusal_conflicts(s, t))
        for unit in rec(f"{who}/units", lambda s=s: units.list_units(s)) or []:
            rec(f"{who}/unit/{unit.id}", lambda s=s, u=unit.id: units.get_unit(s, u))
            rec(f"{who}/leadership/{unit.id}", lambda s=s, u=unit.id: units.list_leadership(s, u))
        for entry in rec(f"{who}/staff", lambda s=s: staff.list_staff(s)) or []:
            rec(f"{who}/staff/{entry.id}", lambda s=s, k=entry.id: staff.get_staff(s, k))
            rec(
                f"{who}/staff_user/{entry.user_id}",
                lambda s=s, k=entry.user_id: staff.staff_for_user(s, k),
            )
        rec(f"{who}/recusals", lambda s=s: staff.list_recusals(s))
        rec(f"{who}/eligible", lambda s=s: staff.eligible_accounts(s))
        rec(f"{who}/schemes", lambda s=s: classification.list_schemes(s, tree=True))
        for insp in rec(f"{who}/inspections", lambda s=s: inspections.list_inspections(s)) or []:
            _read_inspection(rec, who, s, insp)
        rec(f"{who}/search_inspections", lambda s=s: inspections.search_inspections(s, "局"))
        rec(
            f"{who}/register_count",
            lambda s=s: register_query.register_count(s, register_query.RegisterFilter(today=TODAY)),
        )
        rec(
            f"{who}/register_page",
            lambda s=s: register_query.register_page(s, register_query.RegisterFilter(today=TODAY)),
        )
        rec(
            f"{who}/register_text",
            lambda s=s: register_query.register_page(
                s, register_query.RegisterFilter(text="采购", today=TODAY)
            ),
        )
        rec(
            f"{who}/register_overdue",
            lambda s=s: register_query.register_page(
                s, register_query.RegisterFilter(overdue=True, today=TODAY)
            ),
        )
        for key in register_query.RegisterSortKey:
            sort = register_query.RegisterSort(key)
            rec(
                f"{who}/register_sorted/{key}",
                lambda s=s, o=sort: register_query.register_page(
                    s, register_query.RegisterFilter(today=TODAY), o
                ),
            )
        rec(f"{who}/talk_search", lambda s=s: talk_search.search_talks(s, "项目"))
        rec(f"{who}/talk_search2", lambda s=s: talk_search.search_talks(s, "党组"))
        rec(f"{who}/review_search", lambda s=s: review_search.search(s, "工程"))
        rec(f"{who}/review_search2", lambda s=s: review_search.search(s, "会议"))
        rec(f"{who}/all_talks", lambda s=s: talk_queries.list_talks(s))
        rec(f"{who}/all_leads", lambda s=s: leads.list_leads(s, today=TODAY))
        rec(f"{who}/figures", lambda s=s: figures.compute(s, today=TODAY))
        rec(f"{who}/copies", lambda s=s: copies.list_copies(s))
        rec(f"{who}/outstanding", lambda s=s: copies.outstanding(s))
        rec(f"{who}/prints", lambda s=s: print_register.list_prints(s))
        rec(f"{who}/active_seal", lambda s=s: seals.active_seal(s))
        rec(f"{who}/seal_register", lambda s=s: seals.seal_register(s))
    auditor, sysadmin = sessions["auditor"], sessions["sysadmin"]
    rec("auditor/audit", lambda: audit_view.list_entries(auditor, limit=audit_entries, newest_first=False))
    rec("auditor/seal_register", lambda: seals.seal_register(auditor))
    rec("auditor/copies", lambda: copies.list_copies(auditor))
    rec("auditor/prints", lambda: print_register.list_prints(auditor))
    rec("sysadmin/accounts", lambda: accounts.list_accounts(sysadmin))
    rec("sysadmin/policy", lambda: accounts.load_policy(sysadmin))
    for user in rec.results["sysadmin/accounts"]:
        rec(f"sysadmin/account/{user.id}", lambda k=user.id: accounts.get_user(sysadmin, k))
        rec(
            f"sysadmin/account_name/{user.username}",
            lambda n=user.username: accounts.user_by_name(sysadmin, n),
        )
    rec("secadmin/seals", lambda: seals.list_seals(sessions["secadmin"]))
    return rec.results


# ---- rebuilding every table with columns around the old ones ---------------------------------------

_CONSTRAINT = re.compile(r"(?is)^\s*(CONSTRAINT|PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)\b")


def _strip_comments(sql: str) -> str:
    out, i, quote = [], 0, ""
    while i < len(sql):
        ch = sql[i]
        if quote:
            out.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"`[":
            quote = "]" if ch == "[" else ch
            out.append(ch)
        elif sql.startswith("--", i):
            while i < len(sql) and sql[i] != "\n":
                i += 1
            continue
        elif sql.startswith("/*", i):
            i = sql.index("*/", i) + 2
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _body(sql: str) -> tuple[str, list[str], str]:
    """('CREATE TABLE x', the items between the outer parentheses, what follows them)."""
    start = sql.index("(")
    depth, quote, items, begin = 0, "", [], start + 1
    for i in range(start, len(sql)):
        ch = sql[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                items.append(sql[begin:i])
                return sql[:start], items, sql[i + 1 :]
        elif ch == "," and depth == 1:
            items.append(sql[begin:i])
            begin = i + 1
    raise AssertionError(f"unbalanced CREATE TABLE: {sql[:80]}")


def widened_sql(sql: str, new_name: str) -> str:
    """The table's CREATE statement under `new_name` with EXTRA_FIRST before its columns, EXTRA_LAST after."""
    _, items, tail = _body(_strip_comments(sql))
    columns = [x.strip() for x in items if not _CONSTRAINT.match(x)]
    constraints = [x.strip() for x in items if _CONSTRAINT.match(x)]
    body = ",\n  ".join([EXTRA_FIRST, *columns, EXTRA_LAST, *constraints])
    return f'CREATE TABLE "{new_name}" (\n  {body}\n){tail}'


def widen_every_table(conn) -> list[str]:
    """Rebuild every ordinary table with a column first and a column last; its indexes and triggers
    come back as they were, and rowids are kept (the full-text indexes are keyed by them)."""
    tables = [
        r["name"]
        for r in conn.execute("PRAGMA table_list")
        if r["schema"] == "main" and r["type"] == "table" and not r["name"].startswith("sqlite_")
    ]
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA legacy_alter_table = ON")  # triggers and views are kept as they are written
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            sql = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).fetchone()
            extras = [
                r["sql"]
                for r in conn.execute(
                    "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL",
                    (table,),
                )
            ]
            columns = [r["name"] for r in conn.execute(f'PRAGMA table_xinfo("{table}")') if r["hidden"] == 0]
            without_rowid = re.search(r"(?i)\bWITHOUT\s+ROWID\b", _body(_strip_comments(sql["sql"]))[2])
            keep = ([] if without_rowid else ["rowid"]) + [f'"{c}"' for c in columns]
            listed = ", ".join(keep)
            conn.execute(widened_sql(sql["sql"], f"{table}__wide"))
            conn.execute(f'INSERT INTO "{table}__wide" ({listed}) SELECT {listed} FROM "{table}"')
            conn.execute(f'DROP TABLE "{table}"')
            conn.execute(f'ALTER TABLE "{table}__wide" RENAME TO "{table}"')
            for statement in extras:
                conn.execute(statement)
            names = [r["name"] for r in conn.execute(f'PRAGMA table_xinfo("{table}")')]
            assert names[0] == "extra_first" and names[-1] == "extra_last" and names[1:-1] == columns, table
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, [tuple(p) for p in problems[:5]]
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
    return tables


def _differences(before: dict, after: dict) -> list[str]:
    out = [f"{k}: missing after" for k in before if k not in after]
    out += [f"{k}: new after" for k in after if k not in before]
    for key, value in before.items():
        if key in after and after[key] != value:
            out.append(f"{key}:\n  before {str(value)[:400]}\n  after  {str(after[key])[:400]}")
    return out


def test_readers_return_the_same_records_when_every_table_gains_a_first_and_a_last_column(tmp_path: Path):
    folder = tmp_path / "ws"
    ws = create_demo(folder, kdf=KdfParams.fast_for_tests())
    add_official_records(ws)
    sessions = {
        name: signed_in(ws, name) for name in ("office", "leader1", "auditor", "sysadmin", "secadmin")
    }
    try:
        audit_entries = audit_view.count_entries(sessions["auditor"])
        before = read_everything(sessions, audit_entries)

        conn = open_connection(folder / DB_FILE, sessions["sysadmin"].db_key)  # no sign-in: nothing moves
        try:
            widened = widen_every_table(conn)
        finally:
            conn.close()
        assert {"users", "inspections", "talks", "issues", "request_items", "audit", "print_copies"} <= set(
            widened
        )

        after = read_everything(sessions, audit_entries)
    finally:
        for session in sessions.values():
            session.close()
    assert not _differences(before, after), "\n".join(_differences(before, after)[:20])

    # The readers saw real data: records from every area, for both case roles.
    filled = {
        k
        for k, v in before.items()
        if v and not (isinstance(v, tuple) and v[0].endswith(("Denied", "Found")))
    }
    areas = (
        "talks", "talk_search", "review_items", "excerpts", "review_search", "custody_summary", "issues",
        "register_page", "register_text", "rectification_ledger", "sheet_ledger", "leads", "petitions",
        "official", "versions", "copies", "prints", "seal_register", "figures", "phase_history", "teams",
        "members", "units", "leadership", "schemes",
    )  # fmt: skip
    for area in areas:
        for who in ("office", "leader1"):
            if area == "seal_register" and who == "leader1":
                continue  # the seal register is the office's
            assert any(k.startswith(who + "/") and area in k.split("/") for k in filled), (who, area)
    for key in ("office/staff", "office/recusals", "auditor/audit", "auditor/copies", "sysadmin/accounts"):
        assert key in filled, key
    assert any(k.startswith("office/coverage/") for k in filled)
    assert any(k.startswith("office/open_items/") for k in filled)
    assert len(before["auditor/audit"]) == audit_entries


# ---- no positional reads in the code ----------------------------------------------------------------


def test_no_module_reads_a_row_by_position():
    findings = scan(APP)
    by_file: dict[str, int] = {}
    for finding in findings:
        by_file[finding.path] = by_file.get(finding.path, 0) + 1
    summary = "\n".join(f"{path}: {n}" for path, n in sorted(by_file.items()))
    detail = "\n".join(str(f) for f in findings[:60])
    assert not findings, f"rows read by position, per file:\n{summary}\n\nfirst ones:\n{detail}"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("r = conn.execute('SELECT a, b FROM t').fetchone()\nx = r[1]", 1),
        ("x = conn.execute('SELECT count(*) FROM t').fetchone()[0]", 0),
        ("ids = [r[0] for r in conn.execute('SELECT id FROM t')]", 0),
        ("ids = [r[0] for r in conn.execute('SELECT id, name FROM t')]", 1),
        ("for a, b in conn.execute('SELECT a, b FROM t'):\n    pass", 1),
        ("rows = conn.execute(sql).fetchall()\nx = Thing(*rows[0])", 1),
        ("d = dict(conn.execute('SELECT key, value FROM meta').fetchall())", 1),
        ("r = conn.execute('SELECT a, b FROM t').fetchone()\nx = r['a']", 0),
    ],
)
def test_the_scan_tells_positional_reads_from_reads_by_name(tmp_path: Path, source: str, expected: int):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(
        "def f(conn, sql):\n" + "".join(f"    {line}\n" for line in source.splitlines())
    )
    assert len(scan(package)) == expected, scan(package)
