"""The register (问题台账) as a paged query for a lazy view: filters, sorts, a count and a page.

RegisterFilter narrows by scope (term, round, team, unit, inspection), status, classification,
tags, level, seriousness, disposition, signed or not, rectification overdue, text in the title or
number (through the FTS5 indexes of m0009, folded by m0011) and the date found; RegisterSort orders by number,
title, date, status, seriousness, category, unit or last change, with the id as tie-breaker. A lazy
model calls register_count once, then register_page for the rows it needs; opening the register
(its first page) is audited. Rows are RegisterRows: what the table shows, nothing of the paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.deadlines import today
from app.core.domain.register.issue_record import (
    STATUS_ORDER,
    Disposition,
    IssueLevel,
    IssueStatus,
    IssueTag,
    Seriousness,
    mask_to_tags,
)
from app.core.domain.register.numbering import UNSIGNED_SORT_PREFIX
from app.core.errors import ValidationError
from app.core.security import visibility
from app.core.session import Session
from app.core.store.sql_functions import bigram_words
from app.core.store.text_fold import fold


@dataclass
class RegisterFilter:
    """What the register view filters on; None/empty means 'any'."""

    term_id: str | None = None
    round_id: str | None = None
    team_id: str | None = None
    unit_id: str | None = None
    inspection_id: str | None = None
    statuses: tuple[IssueStatus | str, ...] = ()
    scheme_id: str | None = None
    category_id: str | None = None  # a category or a sub-category
    secondary_id: str | None = None
    tag: IssueTag | str | None = None
    level: IssueLevel | str | None = None
    seriousness: Seriousness | str | None = None
    disposition: Disposition | str | None = None
    signed: bool | None = None
    overdue: bool | None = None  # rectification overdue (as of `today`)
    text: str = ""  # in title or number
    found_from: str | None = None
    found_to: str | None = None
    today: str | None = None  # for overdue; default: the current date


class RegisterSortKey(StrEnum):
    NUMBER = "number"
    TITLE = "title"
    FOUND_ON = "found_on"
    STATUS = "status"
    SERIOUSNESS = "seriousness"
    CATEGORY = "category"
    UNIT = "unit"
    UPDATED = "updated"


STATUS_RANK_SQL = (
    "CASE i.status " + " ".join(f"WHEN '{s.value}' THEN {k}" for k, s in enumerate(STATUS_ORDER)) + " END"
)
SERIOUSNESS_RANK_SQL = "CASE i.seriousness WHEN 'general' THEN 0 WHEN 'serious' THEN 1 ELSE 2 END"

# Each sort key's expression; the expression indexes of m0006 match the rank expressions exactly.
_SORT_SQL = {
    RegisterSortKey.NUMBER: "i.number_sort",  # unsigned issues carry '~' + created_at: last
    RegisterSortKey.TITLE: "i.title",
    RegisterSortKey.FOUND_ON: "i.found_on",
    RegisterSortKey.STATUS: STATUS_RANK_SQL,
    RegisterSortKey.SERIOUSNESS: SERIOUSNESS_RANK_SQL,
    RegisterSortKey.CATEGORY: "(SELECT name FROM classification_nodes WHERE id = i.category_id)",
    RegisterSortKey.UNIT: "(SELECT u.name FROM inspections x JOIN units u ON u.id = x.unit_id"
    " WHERE x.id = i.inspection_id)",
    RegisterSortKey.UPDATED: "i.updated_at",
}


@dataclass(frozen=True)
class RegisterSort:
    key: RegisterSortKey | str = RegisterSortKey.NUMBER
    descending: bool = False


@dataclass
class RegisterRow:
    """One line of the register view: what the table shows, nothing of the paper's text."""

    id: str
    number: str | None
    title: str
    status: IssueStatus
    seriousness: Seriousness
    tags: frozenset[IssueTag]
    level: IssueLevel
    found_on: str
    disposition: Disposition
    category_name: str
    subcategory_name: str
    unit_name: str
    team_name: str
    round_number: int
    inspection_id: str
    overdue: bool
    signed: bool = field(init=False)

    def __post_init__(self) -> None:
        self.signed = self.number is not None


# Overdue rectification of one issue, as of the date bound to :today: its earliest pending deadline
# (kept in issues.rect_due by rectification_store.refresh_due) has passed.
OVERDUE_SQL = "(i.rect_due IS NOT NULL AND i.rect_due < :today)"

_ROW_COLUMNS = (
    "i.id, i.number, i.title, i.status, i.seriousness, i.tags, i.level, i.found_on, i.disposition,"
    " i.category_id, i.subcategory_id, i.inspection_id, " + OVERDUE_SQL + " AS overdue"
)


# Above this many matching rows, a page is read along the sort order's index and filtered row by row
# (it fills after a few hundred rows); below it, the filters' own indexes find the rows to sort.
SCAN_ALONG_SORT_ABOVE = 4000


def _register_where(session: Session, flt: RegisterFilter, *, along_sort: bool = False) -> tuple[str, dict]:
    """The WHERE clause and parameters for `flt`. With along_sort, column references are written
    `+i.col`, which keeps SQLite from using the filters' indexes (see register_page)."""
    i = "+i." if along_sort else "i."
    vis, vis_params = visibility.inspection_filter_sql(session, f"{i}inspection_id")
    clauses = []
    params: dict = {"today": flt.today or today()}
    text_clause: tuple[str, int, int] | None = None
    if vis_params:
        clauses.append(vis.replace("?", ":me"))
        params["me"] = vis_params[0]
    scope = {
        "term_id": "r2.term_id",
        "round_id": "x.round_id",
        "team_id": "x.team_id",
        "unit_id": "x.unit_id",
    }
    for attr, column in scope.items():
        value = getattr(flt, attr)
        if value:
            join = " JOIN rounds r2 ON r2.id = x.round_id" if attr == "term_id" else ""
            clauses.append(
                f"{i}inspection_id IN (SELECT x.id FROM inspections x{join} WHERE {column} = :{attr})"
            )
            params[attr] = value
    if flt.inspection_id:
        clauses.append(f"{i}inspection_id = :inspection_id")
        params["inspection_id"] = flt.inspection_id
    if flt.statuses:
        names = []
        for k, st in enumerate(flt.statuses):
            params[f"st{k}"] = f.choice(IssueStatus, st, "statuses", "状态").value
            names.append(f":st{k}")
        clauses.append(f"{i}status IN ({', '.join(names)})")
    if flt.scheme_id:
        clauses.append(
            f"{i}category_id IN (SELECT id FROM classification_nodes WHERE scheme_id = :scheme_id)"
        )
        params["scheme_id"] = flt.scheme_id
    if flt.category_id:
        # A category sits in category_id, a sub-category in subcategory_id (check_placement), so
        # one column is asked: an OR of two would keep SQLite from the (inspection_id, …) indexes.
        node = session.conn.execute(
            "SELECT parent_id IS NULL AS top FROM classification_nodes WHERE id = ?", (flt.category_id,)
        ).fetchone()
        if node is None:
            clauses.append(f"({i}category_id = :category_id OR {i}subcategory_id = :category_id)")
        else:
            clauses.append(f"{i}{'category_id' if node['top'] else 'subcategory_id'} = :category_id")
        params["category_id"] = flt.category_id
    if flt.secondary_id:
        clauses.append(f"{i}secondary_id = :secondary_id")
        params["secondary_id"] = flt.secondary_id
    if flt.tag:
        clauses.append("(i.tags & :tagbit) != 0")
        params["tagbit"] = f.choice(IssueTag, flt.tag, "tag", "标签").bit
    for attr, enum_cls, label in (
        ("level", IssueLevel, "问题层面"),
        ("seriousness", Seriousness, "严重程度"),
        ("disposition", Disposition, "处置方式"),
    ):
        value = getattr(flt, attr)
        if value is not None:  # '' is a value here: "not set"
            clauses.append(f"{i}{attr} = :{attr}")
            params[attr] = f.choice(enum_cls, value, attr, label).value
    if flt.signed is not None:
        # number_sort starts with UNSIGNED_SORT_PREFIX exactly until the issue is signed (see sign());
        # as a range it stays inside the (…, number_sort, id) indexes instead of reading each row.
        op = "<" if flt.signed else ">="
        clauses.append(f"{i}number_sort {op} :unsigned_prefix")
        params["unsigned_prefix"] = UNSIGNED_SORT_PREFIX
    if flt.overdue is not None:
        clauses.append(
            f"{i}rect_due < :today" if flt.overdue else f"({i}rect_due IS NULL OR {i}rect_due >= :today)"
        )
    term = fold(flt.text).strip() if flt.text else ""  # NUL and controls become spaces
    if term:
        index = _text_index(term)
        if index:  # the text indexes of m0009 (substring of title or number)
            params["text_match"] = _fts_phrase(bigram_words(term) if len(term) == 2 else term)
            hits = f.count(
                session.conn, f"SELECT count(*) FROM {index} WHERE {index} MATCH :text_match", params
            )
            params["text_hits"] = hits  # not a bound name: read by register_count
            text_clause = (index, hits, len(clauses))
            clauses.append("")  # filled in below, once the other clauses are known
        else:
            clauses.append(
                "(search_fold(i.title) LIKE :text ESCAPE '\\' OR search_fold(i.number) LIKE :text ESCAPE '\\')"
            )
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params["text"] = f"%{escaped}%"
    if flt.found_from:
        clauses.append(f"{i}found_on >= :found_from")
        params["found_from"] = f.iso_date(flt.found_from, "found_from", "起始日期")
    if flt.found_to:
        clauses.append(f"{i}found_on <= :found_to")
        params["found_to"] = f.iso_date(flt.found_to, "found_to", "截止日期")
    if text_clause:
        index, hits, at = text_clause
        # Many hits and another filter: let that filter's index lead and test the hits as a list
        # (+rowid), rather than fetching every hit's row to test the other filter.
        lead = "+" if along_sort or (hits > TEXT_LEADS_BELOW and len(clauses) > 1) else ""
        clauses[at] = f"{lead}i.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH :text_match)"
    return (" AND ".join(clauses) or "1 = 1"), params


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _text_index(term: str) -> str | None:
    """The FTS5 index that finds `term` in the title or number, or None when none can (one
    character, or two that are not both letters/digits): then LIKE scans the narrow title/number
    index through search_fold. Indexes and term are folded alike (traditional as simplified, case,
    pinyin glosses: app.core.store.text_fold), so each way finds the same issues."""
    if len(term) >= 3:
        return "issue_trigram"
    if len(term) == 2 and bigram_words(term):
        return "issue_bigram"
    return None


# Fewer text hits than this: the text index leads (each hit's row is then read and tested).
TEXT_LEADS_BELOW = 1000


def _has_filters(flt: RegisterFilter) -> bool:
    return any(
        getattr(flt, fl.name) not in (None, "", ()) for fl in fields(RegisterFilter) if fl.name != "today"
    )


def register_count(session: Session, filters: RegisterFilter | None = None) -> int:
    """How many issues match (for the view's row count). Not audited: the first page is."""
    where, params = _register_where(session, filters or RegisterFilter())
    if where.startswith("i.rowid IN (SELECT rowid FROM issue_") and " AND " not in where:
        return params["text_hits"]  # the text alone: the index's count is the answer (m0009 triggers)
    return f.count(session.conn, f"SELECT count(*) FROM issues i WHERE {where}", params)


# Sorts by a small set of values page through one group at a time, each in number order.
_GROUP_COLUMN = {
    RegisterSortKey.STATUS: "i.status",
    RegisterSortKey.SERIOUSNESS: "i.seriousness",
    RegisterSortKey.CATEGORY: "i.category_id",
    RegisterSortKey.UNIT: "i.inspection_id",
}


def register_page(
    session: Session,
    filters: RegisterFilter | None = None,
    sort: RegisterSort | None = None,
    offset: int = 0,
    limit: int = 200,
    *,
    matching: int | None = None,
) -> list[RegisterRow]:
    """One page of the register, ordered by `sort` with the id as tie-breaker (stable paging).

    Status, seriousness, category and unit sort by their group (workflow order, tree order, unit
    name) and by number within a group. A lazy Qt model calls register_count once, then
    register_page for the rows it needs. Opening the register (offset 0) is audited as a view;
    later pages of the same view are not. `matching` is register_count's answer for these filters
    when the caller has it (the lazy model always has): it saves counting again to plan the query.
    """
    flt = filters or RegisterFilter()
    sort = sort or RegisterSort()
    key = f.choice(RegisterSortKey, sort.key, "sort", "排序字段")
    if offset < 0 or not 1 <= limit <= 5000:
        raise ValidationError("分页参数无效。", field="limit")
    where, params = _register_where(session, flt)
    if key in _GROUP_COLUMN:
        raw = _grouped_rows(session, key, where, params, offset, limit, sort.descending)
    else:
        if matching is None and (_has_filters(flt) or params.get("me")):
            # Only whether there are more than the threshold matters: stop counting there.
            matching = f.count(
                session.conn,
                f"SELECT count(*) FROM (SELECT 1 FROM issues i WHERE {where} LIMIT :cap)",
                {**params, "cap": SCAN_ALONG_SORT_ABOVE + 1},
            )
        if matching is not None and matching > SCAN_ALONG_SORT_ABOVE:
            where, params = _register_where(session, flt, along_sort=True)
        direction = "DESC" if sort.descending else "ASC"
        # The page's columns straight away: fetching ids first and then their rows reads each twice.
        raw = session.conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM issues i WHERE {where}"
            f" ORDER BY {_SORT_SQL[key]} {direction}, i.id {direction} LIMIT :limit OFFSET :offset",
            {**params, "limit": int(limit), "offset": int(offset)},
        ).fetchall()
    rows = _rows_of(session.conn, raw)
    if offset == 0:
        session.audit("issue_register_view", "issue", "", f"{len(rows)} 条")
    return rows


def _groups(session: Session, key: RegisterSortKey, where: str, params: dict) -> list[tuple]:
    """The groups in display order, as values of the group column; some may match no rows."""
    if key == RegisterSortKey.STATUS:
        return [(s.value,) for s in STATUS_ORDER]
    if key == RegisterSortKey.SERIOUSNESS:
        return [(s.value,) for s in Seriousness]
    if key == RegisterSortKey.CATEGORY:  # categories are top-level nodes (check_placement); none last
        # Only categories with a matching issue: the presets hold dozens, most unused.
        rows = session.conn.execute(
            "SELECT n.id FROM classification_nodes n JOIN classification_schemes s ON s.id = n.scheme_id"
            f" WHERE n.parent_id IS NULL AND EXISTS (SELECT 1 FROM issues i WHERE i.category_id = n.id AND {where})"
            " ORDER BY s.sort_order, s.name, n.sort_order, n.name",
            params,
        )
        return [(r["id"],) for r in rows] + [(None,)]
    # UNIT: the visible inspections grouped under their unit, units by name.
    vis, vis_params = visibility.inspection_filter_sql(session, "x.id")
    units: dict[str, list[str]] = {}
    for r in session.conn.execute(
        f"SELECT x.id, u.name FROM inspections x JOIN units u ON u.id = x.unit_id WHERE {vis}", vis_params
    ):
        units.setdefault(r["name"], []).append(r["id"])
    return [tuple(units[name]) for name in sorted(units)]


def _grouped_rows(
    session: Session, key: RegisterSortKey, where: str, params: dict, offset: int, limit: int, desc: bool
) -> list:
    """A page of a grouped sort: groups in order, each in number order. A group is counted only
    when the page starts beyond it, so the first page reads just the rows it shows."""
    conn = session.conn
    column = _GROUP_COLUMN[key]
    groups = _groups(session, key, where, params)
    if desc:
        groups.reverse()
    direction = "DESC" if desc else "ASC"
    rows: list = []
    skip = offset
    for values in groups:
        if values == (None,):
            cond, extra = f"{column} IS NULL", {}
        else:
            extra = {f"g{k}": v for k, v in enumerate(values)}
            cond = f"{column} IN ({', '.join(':' + name for name in extra)})"
        if skip:
            n = f.count(conn, f"SELECT count(*) FROM issues i WHERE {where} AND {cond}", {**params, **extra})
            if skip >= n:
                skip -= n
                continue
        rows += conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM issues i WHERE {where} AND {cond}"
            f" ORDER BY i.number_sort {direction}, i.id {direction} LIMIT :limit OFFSET :offset",
            {**params, **extra, "limit": limit - len(rows), "offset": skip},
        ).fetchall()
        skip = 0
        if len(rows) >= limit:
            break
    return rows


def _rows_of(conn, raw: list) -> list[RegisterRow]:
    """RegisterRows from rows of _ROW_COLUMNS, in their order."""
    # A page's rows share a handful of inspections and categories: look each up once, not per row.
    names = {
        r["id"]: r["name"]
        for r in _rows_with_ids(
            conn,
            "SELECT id, name FROM classification_nodes",
            {v for r in raw for v in (r["category_id"], r["subcategory_id"])},
        )
    }
    places = {
        r["id"]: r
        for r in _rows_with_ids(
            conn,
            "SELECT x.id, u.name AS unit_name, t.name AS team_name, rd.number AS round_number"
            " FROM inspections x JOIN units u ON u.id = x.unit_id"
            " JOIN teams t ON t.id = x.team_id JOIN rounds rd ON rd.id = x.round_id",
            {r["inspection_id"] for r in raw},
            column="x.id",
        )
    }
    return [_register_row(r, names, places[r["inspection_id"]]) for r in raw if r["inspection_id"] in places]


def _rows_with_ids(conn, select: str, ids: set, column: str = "id") -> list:
    """The rows of `select` limited to `ids`."""
    ids.discard(None)
    if not ids:
        return []
    values = sorted(ids)
    marks = ", ".join("?" for _ in values)
    return conn.execute(f"{select} WHERE {column} IN ({marks})", values).fetchall()


def _register_row(r, names: dict, place) -> RegisterRow:
    return RegisterRow(
        id=r["id"],
        number=r["number"],
        title=r["title"],
        status=IssueStatus(r["status"]),
        seriousness=Seriousness(r["seriousness"]),
        tags=mask_to_tags(int(r["tags"])),
        level=IssueLevel(r["level"]),
        found_on=r["found_on"],
        disposition=Disposition(r["disposition"]),
        category_name=names.get(r["category_id"], ""),
        subcategory_name=names.get(r["subcategory_id"], ""),
        unit_name=place["unit_name"],
        team_name=place["team_name"],
        round_number=int(place["round_number"]),
        inspection_id=r["inspection_id"],
        overdue=bool(r["overdue"]),
    )
