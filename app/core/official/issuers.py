"""The issuing bodies (发文机关) and what each document's head and imprint say, set once by the office.

An issuing body is known by the name a document is signed with (发文机关署名, a version's `issuer`):
the office itself, and each inspection team ("中共某市委第一巡察组"). For each the office sets, once,
in the settings: its 发文机关标志 (the red name at the head), its 机关代字 (the letters of its document
numbers, "某巡办发" → "某巡办发〔2026〕3号"), the 印发机关 of its imprint and, for reports going up,
its 签发人 (a team's is its leader unless set). The 抄送机关 are set per kind of document. Until the
office sets them they are derived from the workstation's organisation name and the teams.

The settings live in the encrypted database (the meta table, as JSON under one key); reading them
needs case access, changing them the office (Cap.ORG_MANAGE), and every change is audited.

`head_for` puts them together with a document's kind (which parts it has, app.core.official.kinds),
its serial number and its date into the printing layer's Head. `seal_owner` names whose seal a
document takes (app.core.official.seals): the office's on what the office issues, a team's on what the
team issues (each team body knows its team's name, `team`, which the office does not edit), and no
seal on what no known body issues.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace

from app.core.domain import _fields as f
from app.core.errors import ValidationError
from app.core.official.assemble import _place, committee_name
from app.core.official.kinds import DocKind, Part
from app.core.printing.masthead import Head
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.workstation_info import workstation_info

META_KEY = "official_issuing_bodies"
OBJECT_TYPE = "issuing_bodies"  # the change notice of a settings change


@dataclass(frozen=True)
class IssuingBody:
    name: str  # 发文机关署名: a document whose issuer reads so is issued by this body
    mark: str  # 发文机关标志
    code: str  # 机关代字
    printer: str = ""  # 印发机关 (empty: the body itself)
    signer: str = ""  # 签发人 (empty: a team's leader; the office's reports have none)
    team: str = ""  # the team's name in the organisation (teams.name); empty for the office


@dataclass(frozen=True)
class IssuingSettings:
    office: IssuingBody
    teams: tuple[IssuingBody, ...] = ()
    cc: dict[str, str] = field(default_factory=dict)  # DocKind value -> 抄送机关

    def body(self, issuer: str) -> IssuingBody | None:
        issuer = issuer.strip()
        for body in (self.office, *self.teams):
            if body.name == issuer:
                return body
        return None


_NUMERALS = "一二三四五六七八九十"


def _team_code(place: str, team_name: str) -> str:
    """'某市', '第一巡察组' -> '某巡一组'."""
    m = re.search(rf"第([{_NUMERALS}]+)巡察组", team_name)
    return f"{place[:1]}巡{m.group(1)}组" if m else f"{place[:1]}巡组"


def default_settings(session: Session) -> IssuingSettings:
    """What the head and imprint say before the office has set anything."""
    org = workstation_info(session).org_name
    committee = committee_name(org)
    place = _place(committee)
    office = IssuingBody(org, f"{org}文件", f"{place[:1]}巡办发", org)
    names = sorted({r["name"] for r in session.conn.execute("SELECT DISTINCT name FROM teams")})
    teams = tuple(
        IssuingBody(f"{committee}{n}", f"{committee}{n}", _team_code(place, n), f"{committee}{n}", team=n)
        for n in names
    )
    cc = {
        DocKind.FEEDBACK_LETTER.value: f"{place}纪委监委，{place}委组织部",
        DocKind.RECTIFICATION_NOTICE.value: f"{place}纪委监委，{place}委组织部",
        DocKind.INSPECTION_REPORT.value: "",
        DocKind.TRANSFER_LETTER.value: "",
        DocKind.STATISTICS_REPORT.value: "",
    }
    return IssuingSettings(office, teams, cc)


def _stored(session: Session) -> IssuingSettings | None:
    row = session.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return None
    data = json.loads(row["value"])
    return IssuingSettings(
        IssuingBody(**data["office"]),
        tuple(IssuingBody(**t) for t in data.get("teams", [])),
        data.get("cc", {}),
    )


def issuing_settings(session: Session) -> IssuingSettings:
    """The issuing bodies as set by the office, or derived (see the module's docstring). Not audited."""
    visibility.require_case_read(session)
    stored = _stored(session)
    defaults = default_settings(session)
    if stored is None:
        return defaults
    # Entries saved before bodies knew their team take it from the derived entry of the same name.
    by_name = {t.name: t.team for t in defaults.teams}
    teams = tuple(t if t.team else replace(t, team=by_name.get(t.name, "")) for t in stored.teams)
    # Teams added since the office last saved get their derived entry.
    known = {t.team for t in teams} | {t.name for t in teams}
    extra = tuple(t for t in defaults.teams if t.team not in known and t.name not in known)
    return IssuingSettings(replace(stored.office, team=""), teams + extra, stored.cc)


def _body(body: IssuingBody, where: str, team: str = "") -> IssuingBody:
    return IssuingBody(
        name=f.text(body.name, "name", f"{where}的署名", max_len=60),
        mark=f.text(body.mark, "mark", f"{where}的发文机关标志", max_len=40),
        code=f.text(body.code, "code", f"{where}的机关代字", max_len=20),
        printer=f.text(body.printer, "printer", f"{where}的印发机关", required=False, max_len=60),
        signer=f.text(body.signer, "signer", f"{where}的签发人", required=False, max_len=30),
        team=team,
    )


def set_issuing_settings(session: Session, settings: IssuingSettings) -> IssuingSettings:
    """Keep the office's settings of the issuing bodies (Cap.ORG_MANAGE). Audited."""
    session.require(Cap.ORG_MANAGE)
    office = _body(settings.office, "巡察办")
    team_names = {t.team for t in default_settings(session).teams}
    teams = tuple(
        _body(t, t.name or "巡察组", t.team if t.team in team_names else "") for t in settings.teams
    )
    if len({t.team for t in teams if t.team}) != len([t for t in teams if t.team]):
        raise ValidationError("同一巡察组只能有一个发文机关。", field="team")
    names = [office.name, *(t.name for t in teams)]
    if len(set(names)) != len(names):
        raise ValidationError("发文机关的署名不能重复。", field="name")
    cc = {}
    for kind in DocKind:
        value = f.text(
            settings.cc.get(kind.value, ""), "cc", f"{kind.label}的抄送机关", required=False, max_len=200
        )
        cc[kind.value] = value
    data = {"office": asdict(office), "teams": [asdict(t) for t in teams], "cc": cc}
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (META_KEY, json.dumps(data, ensure_ascii=False, sort_keys=True)),
        )
        session.audit("official_issuers_set", OBJECT_TYPE, "", f"巡察办及 {len(teams)} 个巡察组")
    return IssuingSettings(office, teams, cc)


def _leader_name(session: Session, inspection_id: str | None) -> str:
    if not inspection_id:
        return ""
    row = session.conn.execute(
        "SELECT u.display_name FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " AND m.position = 'leader' JOIN users u ON u.id = m.user_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchone()
    return row["display_name"] if row else ""


def doc_number(code: str, issued_on: str, serial: int) -> str:
    """'某巡办发', '2026-05-20', 3 -> '某巡办发〔2026〕3号' (no 第, no leading zeros)."""
    return f"{code}〔{issued_on[:4]}〕{int(serial)}号" if code else ""


def kind_code(code: str, kind: DocKind) -> str:
    """The 机关代字 for a kind with its own sequence: '某巡办发' + 专题报告 -> '某巡办专报'."""
    if not code or not kind.own_sequence:
        return code
    return (code[:-1] if code.endswith("发") else code) + kind.sequence_code


def head_for(
    session: Session,
    kind: DocKind,
    issuer: str,
    issued_on: str,
    serial: int,
    inspection_id: str | None,
    *,
    year: int | None = None,
) -> Head:
    """The head and imprint of one document: the parts its kind has, filled from the settings.

    `serial` is the document's number in its sequence (its kind's, for the kinds with their own, in
    `year`; the global serial otherwise)."""
    settings = issuing_settings(session)
    body = settings.body(issuer) or IssuingBody(issuer, issuer, "", issuer)
    body = replace(body, code=kind_code(body.code, kind))
    printed_on = issued_on
    if year:
        issued_on = f"{int(year):04d}{issued_on[4:]}"  # the number's year is the sequence's
    parts = kind.parts
    signer = ""
    if Part.SIGNER in parts:
        signer = body.signer or (_leader_name(session, inspection_id) if body is not settings.office else "")
    return Head(
        # A 函's head names the body itself (信函格式); the standard head its 发文机关标志.
        mark=body.name if Part.LETTER in parts else body.mark if Part.MASTHEAD in parts else "",
        doc_number=doc_number(body.code, issued_on, serial) if Part.DOC_NUMBER in parts else "",
        signer=signer,
        letter=Part.LETTER in parts,
        cc=settings.cc.get(kind.value, "") if Part.IMPRINT in parts else "",
        printer=(body.printer or body.name) if Part.IMPRINT in parts else "",
        printed_on=printed_on,
    )


def seal_owner(session: Session, issuer: str) -> str:
    """Whose seal goes on what `issuer` signs: '' for the office, a team's name for a team's body.

    A document signed by no known body takes no seal (ValidationError): the office's seal goes only on
    what the office issues."""
    settings = issuing_settings(session)
    body = settings.body(issuer)
    if body is settings.office:
        return ""
    if body is not None and body.team:
        return body.team
    raise ValidationError(
        f"该公文的发文机关是“{issuer.strip()}”，不是已登记的发文机关；"
        f"巡察办的印章只能加盖在以“{settings.office.name}”名义发出的公文上。",
        field="seal",
    )
