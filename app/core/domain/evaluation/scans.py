"""Scanned forms (测评表扫描件): imported into the encrypted store, read box by box, reviewed, counted.

`import_scan` keeps the file as a BLOB inside the encrypted database with its sha256 (like every
attachment; nothing is written to disk), reads every page (app.core.imports.omr) and files what each
box read under the sheet's serial. A page whose marks, code or form are not found is kept as
unreadable (the paper form is then typed). A sheet counts only when all its pages were read and every
unclear item was decided by a person (`decide`): two marks where one is allowed, a faint mark, a box
between a mark and a fill. Nothing of a sheet is counted before that.

The serial on the page must be one the round printed; a serial already typed or scanned is refused
as a duplicate (each form counts once). Every import and decision is one audited transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from app.core.domain import _fields as f
from app.core.domain.evaluation.entry import count_sheet, find_sheet, new_sheet
from app.core.domain.evaluation.model import Form, check_answers
from app.core.domain.evaluation.surveys import Round, get_round, get_survey, is_issued, writable_round
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import omr
from app.core.printing import evaluation_layout
from app.core.session import Session

MAX_SCAN_BYTES = 60 * 1024 * 1024
MAX_PAGES = 400
SCAN_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def scan_type(data: bytes) -> str:
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError("扫描件为空。", field="scan")
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationError(f"扫描件不能超过 {MAX_SCAN_BYTES // (1024 * 1024)} MB。", field="scan")
    for magic, mime in SCAN_TYPES.items():
        if bytes(data[: len(magic)]) == magic:
            return mime
    raise ValidationError("扫描件须为 PNG、JPEG、TIFF 或 PDF 文件。", field="scan")


@dataclass
class ImportResult:
    scan_id: str
    pages: int = 0
    read: int = 0
    unreadable: list[str] = field(default_factory=list)  # why, per page
    duplicates: list[int] = field(default_factory=list)  # serials already in
    counted: int = 0  # sheets now counted
    to_review: int = 0  # items waiting for a person


def import_scan(session: Session, round_id: str, data: bytes) -> ImportResult:
    """Keep a scan (one or more pages) of the round's forms and read it; see the module notes."""
    rnd, survey = writable_round(session, round_id)
    mime = scan_type(data)
    layout = evaluation_layout.layout(survey.form)
    try:
        images = omr.open_images(bytes(data), MAX_PAGES)
    except omr.ScanRefused as exc:
        raise ValidationError(str(exc), field="scan") from None
    except Exception as exc:  # Pillow and pdfium raise many kinds on a damaged file
        raise ValidationError(f"扫描件无法打开（{type(exc).__name__}）。", field="scan") from None
    readings = [
        omr.read_page(omr.to_gray(im), lambda c: layout if c == survey.code else None) for im in images
    ]
    kinds = {i.key: i.kind for i in survey.form.choice_items()}
    values = session.record_values()
    result = ImportResult(values["id"], pages=len(images))
    with session.transaction() as conn:
        f.insert(
            conn,
            "eval_scans",
            {**values, "round_id": round_id, "inspection_id": rnd.inspection_id, "mime": mime, "size": len(data),
             "sha256": hashlib.sha256(data).hexdigest(), "data": bytes(data)},
        )  # fmt: skip
        touched: set[str] = set()
        for index, reading in enumerate(readings):
            sheet_id, note = _file_page(session, conn, rnd, reading, kinds)
            _page_row(session, conn, values["id"], round_id, index, reading, sheet_id, note)
            if sheet_id is None:
                if note.startswith("重复"):
                    result.duplicates.append(reading.serial)
                else:
                    result.unreadable.append(f"第{index + 1}页：{note}")
                continue
            result.read += 1
            touched.add(sheet_id)
        for sheet_id in touched:
            if _try_count(conn, sheet_id, survey.form, len(layout.pages)):
                result.counted += 1
        result.to_review = f.count(
            conn,
            "SELECT count(*) FROM eval_reviews r JOIN eval_sheets s ON s.id = r.sheet_id"
            " WHERE s.round_id = ? AND r.value IS NULL",
            (round_id,),
        )
        session.audit(
            "eval_scan_import",
            "eval_round",
            round_id,
            f"{result.pages} 页，识读 {result.read} 页，无法识读 {len(result.unreadable)} 页，"
            f"重复 {len(result.duplicates)} 页，待复核 {result.to_review} 项",
        )
    return result


def _file_page(session, conn, rnd: Round, reading: omr.PageReading, kinds) -> tuple[str | None, str]:
    if not reading.ok:
        return None, reading.note
    if reading.round_no != rnd.number:
        return None, f"这是第{reading.round_no}轮的测评表，不是本轮的"
    if not is_issued(conn, rnd.id, reading.serial):
        return None, f"编号 {reading.serial} 不是本轮印发的"
    sheet = find_sheet(conn, rnd.id, reading.serial)
    if sheet is None:
        sheet = new_sheet(session, conn, rnd, reading.serial, "scan", "pending")
    elif sheet.source != "scan" or sheet.status == "counted":
        return None, f"重复：编号 {reading.serial} 已经计入"
    elif conn.execute(
        "SELECT 1 FROM eval_pages WHERE sheet_id = ? AND page_no = ? AND status = 'read'",
        (sheet.id, reading.page_no),
    ).fetchone():
        return None, f"重复：编号 {reading.serial} 第{reading.page_no}页已经导入"
    items = omr.read_choices(kinds, reading.boxes)
    for item in items:
        review = item.value is None
        for b in item.boxes:
            conn.execute(
                "INSERT INTO eval_marks (sheet_id, item_key, option_key, state, fill, crop) VALUES (?,?,?,?,?,?)",
                (sheet.id, item.item_key, b.box.option_key, b.state, round(b.fill, 4),
                 omr.crop(reading, b.box) if review else None),
            )  # fmt: skip
        if review:
            conn.execute(
                "INSERT INTO eval_reviews (sheet_id, item_key, reason) VALUES (?, ?, ?)",
                (sheet.id, item.item_key, item.reason),
            )
    return sheet.id, ""


def _page_row(session, conn, scan_id, round_id, index, reading, sheet_id, note) -> None:
    f.insert(
        conn,
        "eval_pages",
        {**session.record_values(), "scan_id": scan_id, "round_id": round_id, "page_index": index,
         "sheet_id": sheet_id, "page_no": reading.page_no or None, "status": "read" if sheet_id else "unreadable",
         "note": note},
    )  # fmt: skip


def _try_count(conn, sheet_id: str, form: Form, pages: int) -> bool:
    """Count a scanned sheet when all its pages are in and every unclear item is decided."""
    have = f.count(
        conn,
        "SELECT count(DISTINCT page_no) FROM eval_pages WHERE sheet_id = ? AND status = 'read'",
        (sheet_id,),
    )
    open_items = f.count(
        conn, "SELECT count(*) FROM eval_reviews WHERE sheet_id = ? AND value IS NULL", (sheet_id,)
    )
    if have < pages or open_items:
        conn.execute("UPDATE eval_sheets SET status = ?, updated_at = ? WHERE id = ?",
                     ("review" if open_items else "pending", f.now(), sheet_id))  # fmt: skip
        return False
    answers: dict[str, list[str]] = {}
    for r in conn.execute(
        "SELECT item_key, option_key, state FROM eval_marks WHERE sheet_id = ?", (sheet_id,)
    ):
        answers.setdefault(r["item_key"], [])
        if r["state"] == omr.MARKED:
            answers[r["item_key"]].append(r["option_key"])
    values = {k: ",".join(v) for k, v in answers.items()}
    for r in conn.execute("SELECT item_key, value FROM eval_reviews WHERE sheet_id = ?", (sheet_id,)):
        values[r["item_key"]] = r["value"]
    count_sheet(conn, sheet_id, check_answers(form, values))
    return True


def add_written_text(session: Session, sheet_id: str, item_key: str, text: str) -> None:
    """Type the handwriting of a scanned sheet's text item (文字意见, 具体问题): boxes are read, writing is not."""
    row = session.conn.execute(
        "SELECT round_id, source, serial FROM eval_sheets WHERE id = ?", (sheet_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该测评表。")
    rnd, survey = writable_round(session, row["round_id"])
    if row["source"] != "scan":
        raise Conflict("键盘录入的测评表请在录入时填写文字意见。")
    item = survey.form.item(item_key)
    if item.kind != "text":
        raise ValidationError("只有文字题需要补录文字。", field="item_key")
    clean = check_answers(survey.form, {item_key: text}).get(item_key, "")
    with session.transaction() as conn:
        conn.execute("DELETE FROM eval_answers WHERE sheet_id = ? AND item_key = ?", (sheet_id, item_key))
        if clean:
            conn.execute(
                "INSERT INTO eval_answers (sheet_id, item_key, value) VALUES (?, ?, ?)",
                (sheet_id, item_key, clean),
            )
        session.audit("eval_written_text", "eval_round", rnd.id, f"编号 {row['serial']} 第“{item_key}”项")


@dataclass(frozen=True)
class WrittenItem:
    """A text item of a scanned sheet, with what was typed for it so far."""

    sheet_id: str
    serial: int
    item_key: str
    label: str
    text: str


def written_items(session: Session, round_id: str) -> list[WrittenItem]:
    """Every text item of the round's scanned sheets, by serial (the typist's list; not audited:
    the texts carry no serial when printed, and this list shows them only to the team)."""
    rnd = get_round(session, round_id)
    survey = get_survey(session, rnd.survey_id)
    texts = [i for i in survey.form.items() if i.kind == "text"]
    out: list[WrittenItem] = []
    for sheet in session.conn.execute(
        "SELECT id, serial FROM eval_sheets WHERE round_id = ? AND source = 'scan' ORDER BY serial",
        (round_id,),
    ).fetchall():
        typed = {
            r["item_key"]: r["value"]
            for r in session.conn.execute(
                "SELECT item_key, value FROM eval_answers WHERE sheet_id = ?", (sheet["id"],)
            )
        }
        for item in texts:
            out.append(
                WrittenItem(
                    sheet["id"],
                    int(sheet["serial"]),
                    item.key,
                    item.label or item.section.text,
                    typed.get(item.key, ""),
                )
            )
    return out


@dataclass(frozen=True)
class WrittenPage:
    png: bytes  # b"" when the page is not among the imported ones
    top: float  # where the question starts, as a share of the page's height


def written_page(session: Session, sheet_id: str, item_key: str, width: int = 900) -> WrittenPage:
    """The scanned page that holds a text item, as PNG (the typist reads the handwriting from it).
    Audited as a view of the scan."""
    row = session.conn.execute(
        "SELECT round_id, serial FROM eval_sheets WHERE id = ?", (sheet_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该测评表。")
    rnd = get_round(session, row["round_id"])
    form = get_survey(session, rnd.survey_id).form
    question = form.item(item_key).section.text
    layout = evaluation_layout.layout(form)
    page_no, top = len(layout.pages), 0.0
    for p in layout.pages:
        found = next((t for t in p.texts if t.text and question.startswith(t.text)), None)
        if found is not None:
            page_no, top = p.number, max(0.0, (found.y - 8) / evaluation_layout.PAGE_H)
            break
    page = session.conn.execute(
        "SELECT p.page_index, s.data FROM eval_pages p JOIN eval_scans s ON s.id = p.scan_id"
        " WHERE p.sheet_id = ? AND p.page_no = ? AND p.status = 'read' ORDER BY p.created_at DESC LIMIT 1",
        (sheet_id, page_no),
    ).fetchone()
    if page is None:
        return WrittenPage(b"", 0.0)
    import io

    images = omr.open_images(bytes(page["data"]), MAX_PAGES)
    image = images[int(page["page_index"])].convert("L")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)))
    out = io.BytesIO()
    image.save(out, "PNG")
    session.audit("eval_scan_view", "eval_round", rnd.id, f"编号 {row['serial']} 第{page_no}页")
    return WrittenPage(out.getvalue(), top)


@dataclass
class ReviewBox:
    option_key: str
    label: str
    state: str
    fill: float
    crop: bytes


@dataclass
class ReviewItem:
    sheet_id: str
    serial: int
    item_key: str
    label: str
    kind: str
    reason: str
    boxes: list[ReviewBox]


def review_queue(session: Session, round_id: str) -> list[ReviewItem]:
    """The items waiting for a person, with each box's crop next to its choice."""
    rnd = get_round(session, round_id)
    from app.core.domain.evaluation.surveys import get_survey

    form = get_survey(session, rnd.survey_id).form
    out = []
    rows = session.conn.execute(
        "SELECT r.sheet_id, r.item_key, r.reason, s.serial FROM eval_reviews r JOIN eval_sheets s ON s.id = r.sheet_id"
        " WHERE s.round_id = ? AND r.value IS NULL ORDER BY s.serial, r.item_key",
        (round_id,),
    ).fetchall()
    for row in rows:
        item = form.item(row["item_key"])
        labels = {o.key: o.label for o in item.options}
        boxes = [
            ReviewBox(
                m["option_key"],
                labels.get(m["option_key"], m["option_key"]),
                m["state"],
                m["fill"],
                m["crop"] or b"",
            )
            for m in session.conn.execute(
                "SELECT option_key, state, fill, crop FROM eval_marks WHERE sheet_id = ? AND item_key = ? ORDER BY option_key",
                (row["sheet_id"], row["item_key"]),
            )
        ]
        out.append(
            ReviewItem(
                row["sheet_id"],
                int(row["serial"]),
                row["item_key"],
                item.label,
                item.kind,
                row["reason"],
                boxes,
            )
        )
    return out


def decide(session: Session, sheet_id: str, item_key: str, value: str) -> bool:
    """A person's reading of an unclear item ("" when no valid choice); True when the sheet now counts."""
    row = session.conn.execute("SELECT round_id FROM eval_sheets WHERE id = ?", (sheet_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该测评表。")
    rnd, survey = writable_round(session, row["round_id"])
    pending = session.conn.execute(
        "SELECT value FROM eval_reviews WHERE sheet_id = ? AND item_key = ?", (sheet_id, item_key)
    ).fetchone()
    if pending is None:
        raise NotFound("该项不需要复核。")
    if pending["value"] is not None:
        raise Conflict("该项已经复核过了。")
    clean = check_answers(survey.form, {item_key: value}).get(item_key, "")
    pages = len(evaluation_layout.layout(survey.form).pages)
    with session.transaction() as conn:
        conn.execute(
            "UPDATE eval_reviews SET value = ?, reviewed_by = ?, reviewed_at = ? WHERE sheet_id = ? AND item_key = ?",
            (clean, session.user.id, f.now(), sheet_id, item_key),
        )
        counted = _try_count(conn, sheet_id, survey.form, pages)
        serial = conn.execute("SELECT serial FROM eval_sheets WHERE id = ?", (sheet_id,)).fetchone()[0]
        session.audit("eval_review_decide", "eval_round", rnd.id, f"编号 {serial} 第“{item_key}”项")
    return counted
