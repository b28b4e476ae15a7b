"""个人有关事项抽查: the spot check of a leader's personal-matters report — who, which report, what it
was compared with (real estate, investments, travel documents, family members' businesses, ...) and
the discrepancies found.

Need to know: as for leads (app.core.domain.register.leads), only the office and the leader of the
inspection's team may know of a spot check (visibility.may_know_leads); to every other account a
spot check does not exist (NotFound, left out of lists). Its sensitive text — the person, the
report, what was compared and the discrepancies — is sealed in the inspection's leads compartment
(compartment_keys.SPOT_CHECKS), its plaintext columns blank, so the database file alone does not
tell whose report was checked. The date, the number and the classification stay in the clear.
Each write is one transaction with its audit entry; the audit names the number only.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.security import compartments, visibility
from app.core.security.compartment_keys import LEADS, SPOT_CHECKS
from app.core.security.roles import CLEARANCES, Cap
from app.core.session import Session

NOT_FOUND = "找不到该个人有关事项抽查记录，或您不在其知悉范围内。"
TABLE = SPOT_CHECKS.table


@dataclass
class SpotCheckForm:
    checked_on: str  # YYYY-MM-DD
    person_name: str
    report: str  # which report: '2025年度个人有关事项报告'
    person_post: str = ""
    compared: str = ""  # what it was compared with
    discrepancies: str = ""  # what did not match; blank: none found
    classification: str = "秘密"


@dataclass
class SpotCheck:
    id: str
    inspection_id: str
    number: int
    checked_on: str
    person_name: str
    person_post: str
    report: str
    compared: str
    discrepancies: str
    classification: str
    unit_name: str = ""
    locked: bool = False  # sealed, and this session holds no copy of the key yet

    @property
    def reference(self) -> str:
        return f"个人有关事项抽查 第{self.number}号"

    @property
    def found(self) -> bool:
        """Whether a discrepancy was recorded (不一致)."""
        return bool(self.discrepancies.strip())

    def form(self) -> SpotCheckForm:
        return SpotCheckForm(
            self.checked_on,
            self.person_name,
            self.report,
            self.person_post,
            self.compared,
            self.discrepancies,
            self.classification,
        )


_COLUMNS = "s.id, s.inspection_id, s.number, s.checked_on, s.classification, s.sealed, un.name AS unit_name"
_FROM = " FROM spot_checks s JOIN inspections i ON i.id = s.inspection_id JOIN units un ON un.id = i.unit_id"


def _known(session: Session, inspection_id: str) -> bool:
    return session.can(Cap.LEADS_READ) and visibility.may_know_leads(session, inspection_id)


def require_access(session: Session, inspection_id: str, *, write: bool = False) -> None:
    """The office, or the leader of the inspection's team; else refused (as for leads)."""
    session.require(Cap.LEADS_WRITE if write else Cap.LEADS_READ)
    visibility.require_inspection_visible(session, inspection_id)
    if write:
        visibility.require_inspection_writable(session, inspection_id)
    if not visibility.may_know_leads(session, inspection_id):
        raise PermissionDenied("个人有关事项抽查情况仅限本组组长和巡察办知悉。")


def _from_row(session: Session, row, keys: compartments.Keys) -> SpotCheck:
    opened = keys.values(row["inspection_id"], row["id"], row["sealed"], TABLE) if row["sealed"] else None
    locked = bool(row["sealed"]) and opened is None
    values = (
        SPOT_CHECKS.blank_values()
        if opened is None
        else {n: str(opened.get(n, "")) for n in SPOT_CHECKS.fields}
    )
    if locked:
        values["person_name"] = compartments.LOCKED
    return SpotCheck(
        id=row["id"],
        inspection_id=row["inspection_id"],
        number=row["number"],
        checked_on=row["checked_on"],
        classification=row["classification"],
        unit_name=row["unit_name"],
        locked=locked,
        **values,
    )


def _row(session: Session, spot_check_id: str):
    level, levels = visibility.clearance_filter_sql(session, "s.classification")
    row = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE s.id = ? AND {level}", (spot_check_id, *levels)
    ).fetchone()
    if row is None or not _known(session, row["inspection_id"]):
        raise NotFound(NOT_FOUND)
    try:
        visibility.require_inspection_visible(session, row["inspection_id"])
    except (NotFound, PermissionDenied):
        raise NotFound(NOT_FOUND) from None
    return row


def require_known(session: Session, spot_check_id: str | None) -> None:
    """NotFound unless the session may know of this spot check (for citing it as evidence)."""
    if not session.can(Cap.LEADS_READ):
        raise NotFound(NOT_FOUND)
    _row(session, str(spot_check_id or ""))


def fetch(session: Session, spot_check_id: str) -> SpotCheck:
    """The spot check, opened, if the session may know of it (NotFound otherwise); not audited."""
    if not session.can(Cap.LEADS_READ):
        raise NotFound(NOT_FOUND)
    return _from_row(session, _row(session, spot_check_id), compartments.keys_for(session, LEADS))


def get_spot_check(session: Session, spot_check_id: str) -> SpotCheck:
    """Open a spot check; the view is audited (its number only)."""
    check = fetch(session, spot_check_id)
    session.audit("spot_check_view", "spot_check", spot_check_id, f"第{check.number}号")
    return check


def list_spot_checks(session: Session, inspection_id: str | None = None) -> list[SpotCheck]:
    """The spot checks the session may know of (one inspection or all), newest first; audited."""
    session.require(Cap.LEADS_READ)
    where, params = visibility.inspection_filter_sql(session, "s.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "s.classification")
    sql, args = [where, level], [*params, *levels]
    if inspection_id:
        require_access(session, inspection_id)
        sql.append("s.inspection_id = ?")
        args.append(inspection_id)
    rows = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE {' AND '.join(sql)} ORDER BY s.checked_on DESC, s.number DESC", args
    ).fetchall()
    keys = compartments.keys_for(session, LEADS)
    result = [_from_row(session, r, keys) for r in rows if _known(session, r["inspection_id"])]
    session.audit("spot_checks_list", "inspection", inspection_id or "", f"{len(result)} 条")
    return result


def _clean(form: SpotCheckForm) -> tuple[dict, dict]:
    """(plain columns, sealed values) of a valid form; ValidationError names the field."""
    if form.classification not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    plain = {
        "checked_on": f.iso_date(form.checked_on, "checked_on", "抽查日期"),
        "classification": form.classification,
    }
    sealed = {
        "person_name": f.text(form.person_name, "person_name", "被抽查人姓名", max_len=40),
        "person_post": f.text(form.person_post, "person_post", "被抽查人职务", required=False, max_len=80),
        "report": f.text(form.report, "report", "抽查的报告", max_len=100),
        "compared": f.long_text(form.compared, "compared", "核对内容", required=False, max_len=5000),
        "discrepancies": f.long_text(
            form.discrepancies, "discrepancies", "发现的不一致情况", required=False, max_len=10000
        ),
    }
    return plain, sealed


def create_spot_check(session: Session, inspection_id: str, form: SpotCheckForm) -> SpotCheck:
    """Record a spot check, numbered next in the inspection, its text sealed; audited."""
    require_access(session, inspection_id, write=True)
    visibility.require_clearance_writable(session, form.classification)
    plain, sealed = _clean(form)
    record = session.record_values()
    keys = compartments.keys_for(session, LEADS)
    with session.transaction() as conn:
        number = f.count(
            conn,
            "SELECT COALESCE(MAX(number), 0) + 1 FROM spot_checks WHERE inspection_id = ?",
            (inspection_id,),
        )
        blob = keys.encrypt(inspection_id, TABLE, record["id"], sealed)
        f.insert(
            conn,
            TABLE,
            {
                **record,
                **SPOT_CHECKS.blank_values(),
                **plain,
                "inspection_id": inspection_id,
                "number": number,
                "sealed": blob,
            },
        )
        session.audit("spot_check_create", "spot_check", record["id"], f"第{number}号")
    return fetch(session, record["id"])


def update_spot_check(session: Session, spot_check_id: str, form: SpotCheckForm) -> SpotCheck:
    check = fetch(session, spot_check_id)
    require_access(session, check.inspection_id, write=True)
    if check.locked:
        raise Conflict(compartments.NOT_YET)
    visibility.require_clearance_writable(session, form.classification)
    plain, sealed = _clean(form)
    keys = compartments.keys_for(session, LEADS)
    with session.transaction() as conn:
        blob = keys.encrypt(check.inspection_id, TABLE, spot_check_id, sealed)
        f.update(conn, TABLE, spot_check_id, {**plain, "sealed": blob})
        session.audit("spot_check_update", "spot_check", spot_check_id, f"第{check.number}号")
    return fetch(session, spot_check_id)


def delete_spot_check(session: Session, spot_check_id: str) -> None:
    """Delete a spot check no working paper cites."""
    check = fetch(session, spot_check_id)
    require_access(session, check.inspection_id, write=True)
    cited = session.conn.execute(
        "SELECT 1 FROM issue_evidence WHERE kind = 'spot_check' AND ref_id = ? LIMIT 1", (spot_check_id,)
    ).fetchone()
    if cited is not None:
        raise Conflict("该抽查记录已作为问题底稿的证据引用，不能删除。")
    with session.transaction() as conn:
        conn.execute("DELETE FROM spot_checks WHERE id = ?", (spot_check_id,))
        session.audit("spot_check_delete", "spot_check", spot_check_id, f"第{check.number}号")
