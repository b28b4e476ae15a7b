"""Naming the objects of audit entries: 谈话记录 第4号, 市农业农村局, an account's name.

Each query returns one column, `name`, for the row with id = ?: only what identifies the record
without its content (numbers, organisational names, account names). Split from audit_labels (the
words for actions and types).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.security.audit_labels import _MENTION

# Each query returns one column, `name`, for the row with id = ?. Only what identifies the record
# without its content: numbers, organisational names, account names.
_NAME_QUERIES: dict[str, str] = {
    "user": "SELECT username AS name FROM users WHERE id = ?",
    "unit": "SELECT name FROM units WHERE id = ?",
    "team": "SELECT name FROM teams WHERE id = ?",
    "term": "SELECT name FROM terms WHERE id = ?",
    "round": "SELECT '第' || number || '轮' AS name FROM rounds WHERE id = ?",
    "batch": "SELECT '第' || number || '批' AS name FROM batches WHERE id = ?",
    "compartment": "SELECT u.name || '（第' || r.number || '轮）' ||"
    " CASE c.kind WHEN 'leads' THEN '问题线索分区' ELSE '信访人分区' END AS name FROM compartments c"
    " JOIN inspections i ON i.id = c.inspection_id"
    " JOIN units u ON u.id = i.unit_id JOIN rounds r ON r.id = i.round_id WHERE c.id = ?",
    "inspection": "SELECT u.name || '（第' || r.number || '轮）' AS name FROM inspections i"
    " JOIN units u ON u.id = i.unit_id JOIN rounds r ON r.id = i.round_id WHERE i.id = ?",
    "talk": "SELECT '谈话记录 第' || number || '号' AS name FROM talks WHERE id = ?",
    "meeting": "SELECT '会议 第' || number || '号' AS name FROM meetings WHERE id = ?",
    "visit": "SELECT '走访 第' || number || '号' AS name FROM visits WHERE id = ?",
    "spot_check": "SELECT '个人有关事项抽查 第' || number || '号' AS name FROM spot_checks WHERE id = ?",
    "talk_plan_line": "SELECT '谈话计划 第' || number || '号' AS name FROM talk_plan_lines WHERE id = ?",
    "briefing_request": "SELECT '情况通报 第' || number || '号' AS name FROM briefing_requests WHERE id = ?",
    "briefing_item": "SELECT '情况通报 第' || r.number || '号第' || x.ordinal || '项' AS name FROM briefing_items x"
    " JOIN briefing_requests r ON r.id = x.request_id WHERE x.id = ?",
    "work_plan": "SELECT '巡察工作方案 第' || version || '版' AS name FROM work_plans WHERE id = ?",
    "team_log_entry": "SELECT '巡察日志（' || entry_on || '）' AS name FROM team_log_entries WHERE id = ?",
    "request_item": "SELECT '调阅资料 第' || number || '号' AS name FROM request_items WHERE id = ?",
    "excerpt": "SELECT '资料摘录 第' || number || '号' AS name FROM excerpts WHERE id = ?",
    "issue": "SELECT coalesce(number, '问题（未编号）') AS name FROM issues WHERE id = ?",
    "staff": "SELECT u.username AS name FROM staff s JOIN users u ON u.id = s.user_id WHERE s.id = ?",
    "leadership": "SELECT u.name || ' 班子成员' AS name FROM leadership l JOIN units u ON u.id = l.unit_id"
    " WHERE l.id = ?",
    "official_document": "SELECT '正式文书 第' || serial || '号' AS name FROM official_documents WHERE id = ?",
    "seal": "SELECT name FROM seals WHERE id = ?",
    "lead": "SELECT '问题线索（' || received_on || ' 受理）' AS name FROM leads WHERE id = ?",
    "petition": "SELECT '信访件（' || substr(created_at, 1, 10) || ' 登记）' AS name FROM petitions WHERE id = ?",
    "reading": "SELECT '阅读记录（调阅资料 第' || r.number || '号）' AS name FROM readings x"
    " JOIN request_items r ON r.id = x.item_id WHERE x.id = ?",
    "eval_template": "SELECT name FROM eval_templates WHERE id = ?",
    "eval_survey": "SELECT name || '（表码 ' || code || '）' AS name FROM eval_surveys WHERE id = ?",
    "eval_round": "SELECT s.name || ' 第' || r.number || '轮' AS name FROM eval_rounds r"
    " JOIN eval_surveys s ON s.id = r.survey_id WHERE r.id = ?",
    "classification_scheme": "SELECT name FROM classification_schemes WHERE id = ?",
    "classification_node": "SELECT name FROM classification_nodes WHERE id = ?",
    "archive": "SELECT u.name || '（' || a.year || ' 年度档案）' AS name FROM archives a"
    " JOIN inspections i ON i.id = a.inspection_id JOIN units u ON u.id = i.unit_id WHERE a.id = ?",
    "archive_item": "SELECT archive_no AS name FROM archive_items WHERE id = ?",
    # an exchange package, by its register row (a conflict by the package it came with)
    "exchange": "SELECT (CASE kind WHEN 'setup' THEN '配置包' WHEN 'receipt' THEN '合并回执' ELSE '移交包' END)"
    " || '（第' || package_seq || '号，介质 ' || medium_no || '）' AS name FROM exchange_register"
    " WHERE id = ?1 UNION ALL SELECT '合并冲突（' || table_name || '）' FROM exchange_conflicts WHERE id = ?1",
}
# A printed or exported document names the record it was printed from; try these in order.
_FALLBACK = (
    "talk",
    "meeting",
    "visit",
    "talk_plan_line",
    "briefing_request",
    "work_plan",
    "inspection",
    "issue",
    "official_document",
    "request_item",
    "unit",
    "round",
)


def object_names(conn, entries: Iterable) -> dict[str, str]:
    """{object id: its name} for the entries' objects that can be named (see the module's rules)."""
    names: dict[str, str] = {}
    tried: set[str] = set()

    def look_up(object_id: str, kinds: tuple[str, ...]) -> None:
        if not object_id or object_id in tried:
            return
        tried.add(object_id)
        for kind in kinds:
            row = conn.execute(_NAME_QUERIES[kind], (object_id,)).fetchone()
            if row is not None and row["name"]:
                names[object_id] = row["name"]
                return

    for entry in entries:
        look_up(entry.object_id, (entry.object_type,) if entry.object_type in _NAME_QUERIES else _FALLBACK)
        for mention in _MENTION.finditer(entry.summary or ""):
            look_up(mention.group("id"), _FALLBACK)
    return names
