"""The library of evaluation and questionnaire templates (测评表、问卷模板库).

The built-in templates ship as JSON in resources/templates/evaluation/ (read through
app.paths, i.e. importlib.resources); `install_builtins` copies them into the database once, where
the office edits them like its own. Writes need Cap.ORG_MANAGE (the office); every case role may
read the library (a template holds no case data). Every write is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.domain.evaluation.model import Form, FormKind, form_to_body, parse_body
from app.core.errors import NotFound
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.paths import resource

BUILTIN = (
    "leadership_team",
    "leadership_people",
    "cadre_selection",
    "strict_governance",
    "rectification_satisfaction",
)


@dataclass
class Template:
    id: str
    name: str
    kind: FormKind
    builtin: str
    form: Form

    COLUMNS = "id, name, kind, body, builtin"

    @classmethod
    def from_row(cls, row) -> Template:
        return cls(row["id"], row["name"], FormKind(row["kind"]), row["builtin"], parse_body(row["body"]))


def builtin_body(key: str) -> dict:
    """A built-in template's JSON body, read from the package resources."""
    if key not in BUILTIN:
        raise NotFound("没有该内置模板。")
    return json.loads(resource("templates", "evaluation", f"{key}.json").read_text("utf-8"))


def install_builtins(session: Session) -> list[Template]:
    """Copy the built-in templates the library does not yet hold into it; returns those added."""
    session.require(Cap.ORG_MANAGE)
    have = {r[0] for r in session.conn.execute("SELECT builtin FROM eval_templates WHERE builtin != ''")}
    added = []
    with session.transaction() as conn:
        for key in BUILTIN:
            if key in have:
                continue
            form = parse_body(builtin_body(key))
            added.append(_insert(session, conn, form, key))
        if added:
            session.audit("eval_templates_installed", "eval_template", "", f"{len(added)} 个内置模板")
    return added


def _insert(session: Session, conn, form: Form, builtin: str = "") -> Template:
    values = session.record_values()
    f.insert(
        conn,
        "eval_templates",
        {
            **values,
            "name": form.name,
            "kind": form.kind.value,
            "body": json.dumps(form_to_body(form), ensure_ascii=False),
            "builtin": builtin,
        },
    )
    return Template(values["id"], form.name, form.kind, builtin, form)


def create_template(session: Session, body: str | dict) -> Template:
    """A new template of the office's own (checked by model.parse_body)."""
    session.require(Cap.ORG_MANAGE)
    form = parse_body(body)
    with session.transaction() as conn:
        template = _insert(session, conn, form)
        session.audit("eval_template_create", "eval_template", template.id, form.name)
    return template


def update_template(session: Session, template_id: str, body: str | dict) -> Template:
    """Edit a template; copies already taken by inspections keep their own text."""
    session.require(Cap.ORG_MANAGE)
    get_template(session, template_id)
    form = parse_body(body)
    with session.transaction() as conn:
        f.update(
            conn,
            "eval_templates",
            template_id,
            {
                "name": form.name,
                "kind": form.kind.value,
                "body": json.dumps(form_to_body(form), ensure_ascii=False),
            },
        )
        session.audit("eval_template_update", "eval_template", template_id, form.name)
    return get_template(session, template_id)


def archive_template(session: Session, template_id: str) -> None:
    """Take a template out of the library (inspections' copies stay)."""
    session.require(Cap.ORG_MANAGE)
    get_template(session, template_id)
    with session.transaction() as conn:
        f.update(conn, "eval_templates", template_id, {"archived": 1})
        session.audit("eval_template_archive", "eval_template", template_id, "")


def list_templates(session: Session) -> list[Template]:
    visibility.require_case_read(session)
    rows = session.conn.execute(
        f"SELECT {Template.COLUMNS} FROM eval_templates WHERE archived = 0 ORDER BY kind, name"
    ).fetchall()
    return [Template.from_row(r) for r in rows]


def get_template(session: Session, template_id: str) -> Template:
    visibility.require_case_read(session)
    row = session.conn.execute(
        f"SELECT {Template.COLUMNS} FROM eval_templates WHERE id = ? AND archived = 0", (template_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该测评表模板。")
    return Template.from_row(row)
