"""The other long lists at scale, in the window as the user sees them (issue 17: at most 0.05 s each).

    .venv/bin/python benchmarks/lists.py [--talks 2000] [--items 2000] [--audit 100000] [--folder DIR]

A copy of the demo (fast KDF) is filled in a child process, through the core's own write functions:
`--talks` talk records and `--items` lines of the request list (调阅清单) in leader1's inspection,
and `--audit` entries in the audit trail (session.audit, signed and chained as always). Then, in a
fresh process, offscreen, through the one database worker thread exactly as in the window:

  talks_open      TalksPanel.reload() until its rows are in, the columns fitted and the list painted
  talks_filter    a filter (interviewee, status, category, interviewer) until the rows are painted
  talks_sort      a header click on every column, both directions, until painted
  documents_open  ReviewPanel.refresh() (the 调阅资料 request list) until its rows are painted
  documents_filter  "outstanding only" on and off, until painted
  documents_sort  a header click on every column, both directions, until painted
  audit_open      AuditWindow.apply_filters() with no filter: the first page painted
  audit_filter    a user, an action, a text (rare, and matching every entry) and a date filter, until
                  the first page is painted
  audit_count     the same cases until the count is shown too (it follows the rows when the first
                  page is full: counting a text filter's matches is a scan of the whole trail)
  audit_scroll    the next page (fetchMore, as scrolling to the end does), until painted

Each line: `name: ours=…s (worst of the cases, median of 3 runs)`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.store.keyslots import KdfParams  # noqa: E402
from app.core.workstation import Workstation  # noqa: E402
from app.demo.accounts import DEMO_PASSWORD, create_demo  # noqa: E402

NAMES = "张李王刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "红梅", "志强", "秀英", "明", "丽", "伟", "芳", "军", "静", "磊", "洋"]
POSTS = ["党组书记、局长", "党组成员、副局长", "办公室主任", "财务科科长", "人事科科长", "科员"]


def leader_inspection(session) -> str:
    """leader1's inspection with the most talks (the demo's busiest)."""
    from app.core.domain.talks import queries

    rows = queries.list_talks(session)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.inspection_id] = counts.get(row.inspection_id, 0) + 1
    return max(counts, key=counts.get)


def fill(folder: Path, n_talks: int, n_items: int, n_audit: int) -> None:
    from app.core.domain.review import writes as review_writes
    from app.core.domain.talks import writes as talk_writes
    from app.core.domain.talks.types import QA, IntervieweeCategory, TalkForm, TalkKind

    create_demo(folder, kdf=KdfParams.fast_for_tests())
    ws = Workstation(folder)
    leader = ws.unlock("leader1", DEMO_PASSWORD)
    iid = leader_inspection(leader)
    team = [
        r[0]
        for r in leader.conn.execute(
            "SELECT m.user_id FROM team_members m JOIN inspections i ON i.team_id = m.team_id WHERE i.id = ?",
            (iid,),
        )
    ]
    rng = random.Random(17)
    categories = list(IntervieweeCategory)
    for k in range(n_talks):
        day = 1 + k // 40 % 28
        hour = 8 + k % 40 // 4
        minute = k % 4 * 15
        start = f"2026-03-{day:02d} {hour:02d}:{minute:02d}"
        talk_writes.create_talk(
            leader,
            iid,
            TalkForm(
                start_at=start,
                end_at=f"2026-03-{day:02d} {hour:02d}:{minute + 10:02d}",
                place="会议室",
                interviewee_name=rng.choice(NAMES) + rng.choice(GIVEN),
                interviewee_unit="被巡察单位",
                interviewee_position=rng.choice(POSTS),
                interviewee_category=rng.choice(categories),
                interviewer_ids=team[:2],
                recorder_id=team[0],
                kind=TalkKind.INDIVIDUAL,
                record=[QA("请谈谈本单位落实全面从严治党主体责任的情况。", "总体较好，也有不足。")],
                raised_problems=rng.random() < 0.3,
            ),
        )
    categories_items = ["party_minutes", "vouchers", "contracts", "cadre_selection", "other"]
    for k in range(n_items):
        item = review_writes.add_item(
            leader,
            iid,
            category=rng.choice(categories_items),
            title=f"{2020 + k % 6}年{rng.choice(['党组会议记录', '记账凭证', '采购合同', '干部任免材料'])}（第{k + 1}册）",
            requested_on="2026-03-02",
        )
        if k % 3:
            review_writes.receive_item(leader, item.id, received_on="2026-03-03")
    leader.close()
    office = ws.unlock("office", DEMO_PASSWORD)
    actions = ["talk_view", "issue_view", "official_list", "sheet_export", "request_item_add"]
    with office.transaction():
        for k in range(n_audit):
            office.audit(actions[k % len(actions)], "inspection", iid, f"第{k}次查看")
    office.close()
    Path(folder, "bench-inspection").write_text(iid, encoding="utf-8")


def timed(fn: Callable[[], float], runs: int = 3) -> float:
    return statistics.median(fn() for _ in range(runs))


def measure(folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.application import install_font, install_translations
    from app.ui.audit_window import AuditWindow
    from app.ui.db_worker import DbWorker
    from app.ui.review.panel import ReviewPanel
    from app.ui.talks.panel import TalksPanel

    app = QApplication.instance() or QApplication([])
    install_translations(app, "zh_CN")
    install_font(app)
    worker = DbWorker()
    worker.start()
    iid = Path(folder, "bench-inspection").read_text(encoding="utf-8")
    results: dict[str, list[tuple[str, float]]] = {}

    def job(submit: Callable[..., object]) -> object:
        loop, out = QEventLoop(), []

        def finish(value) -> None:
            out.append(value)
            loop.quit()

        submit(on_done=finish, on_error=finish)
        if not out:
            loop.exec()
        return out[0]

    def until(obj, name: str, start: Callable[[], object], view) -> float:
        """Time `start()` until obj.name (a method the worker's answer calls) has run, then a paint."""
        loop = QEventLoop()
        original = getattr(type(obj), name)

        def wrapped(*args, **kwargs):
            original(obj, *args, **kwargs)
            loop.quit()

        setattr(obj, name, wrapped)
        QTimer.singleShot(60_000, loop.quit)
        t0 = time.perf_counter()
        start()
        loop.exec()
        view.viewport().repaint()
        elapsed = time.perf_counter() - t0
        delattr(obj, name)
        return elapsed

    def painted(start: Callable[[], object], view) -> float:
        t0 = time.perf_counter()
        start()
        view.viewport().repaint()
        return time.perf_counter() - t0

    def sorts(prefix: str, view, columns: int) -> None:
        for column in range(columns):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                results.setdefault(f"{prefix}_sort", []).append(
                    (
                        f"{column}{' desc' if order == Qt.SortOrder.DescendingOrder else ''}",
                        timed(
                            lambda column=column, order=order: painted(
                                lambda: view.sortByColumn(column, order), view
                            )
                        ),
                    )
                )
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    # ---- talks (leader1) ----
    job(lambda **cb: worker.sign_in(folder, "leader1", DEMO_PASSWORD, **cb))
    panel = TalksPanel(worker, iid)
    panel.resize(1280, 760)
    panel.show()
    job(lambda **cb: worker.submit(lambda s: None, **cb))
    while panel.data is None:
        app.processEvents()
    print(f"talks: {panel.model.rowCount()} rows")
    results["talks_open"] = [("reload", timed(lambda: until(panel, "_loaded", panel.reload, panel.table)))]

    def talk_filter(setup: Callable[[], None]) -> float:
        def start() -> None:
            setup()
            panel._filter_timer.stop()  # the debounce waits for typing to stop: not what is measured
            panel.reload_list()

        return until(panel, "_show_rows", start, panel.table)

    def clear_talk_filters() -> None:
        panel.interviewee_filter.clear()
        for combo in (panel.status_filter, panel.category_filter, panel.interviewer_filter):
            combo.setCurrentIndex(0)

    combos = (
        ("interviewee", lambda: panel.interviewee_filter.setText("张")),
        ("status", lambda: panel.status_filter.setCurrentIndex(2)),
        ("category", lambda: panel.category_filter.setCurrentIndex(3)),
        ("interviewer", lambda: panel.interviewer_filter.setCurrentIndex(1)),
    )
    results["talks_filter"] = []
    for name, setup in combos:
        results["talks_filter"].append((name, timed(lambda setup=setup: talk_filter(setup))))
        results["talks_filter"].append(("clear", timed(lambda: talk_filter(clear_talk_filters))))

    talk_filter(clear_talk_filters)
    sorts("talks", panel.table, panel.model.columnCount())
    panel.close()
    panel.deleteLater()

    # ---- documents: the request list (leader1) ----
    review = ReviewPanel(worker, iid)
    review.resize(1280, 760)
    review.show()
    while review.data is None:
        app.processEvents()
    table = review.items_table
    print(f"documents: {review.items_model.rowCount()} rows")
    results["documents_open"] = [("refresh", timed(lambda: until(review, "_loaded", review.refresh, table)))]
    results["documents_filter"] = [
        ("outstanding", timed(lambda: painted(lambda: review.outstanding_only.setChecked(True), table))),
        ("all", timed(lambda: painted(lambda: review.outstanding_only.setChecked(False), table))),
    ]
    review.outstanding_only.setChecked(False)
    sorts("documents", table, review.items_model.columnCount())
    review.close()
    review.deleteLater()
    job(lambda **cb: worker.sign_out(**cb))

    # ---- the audit trail (auditor) ----
    job(lambda **cb: worker.sign_in(folder, "auditor", DEMO_PASSWORD, **cb))
    audit = AuditWindow(worker)
    audit.resize(1280, 760)
    audit.show()
    while audit.model.total == 0 or getattr(audit.model, "counting", False):
        app.processEvents()
    print(f"audit: {audit.model.total} entries")

    def on_signal(signal, start: Callable[[], object], view) -> float:
        """Time `start()` until `signal` fires, then a paint of the list."""
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        t0 = time.perf_counter()
        start()
        loop.exec()
        view.viewport().repaint()
        elapsed = time.perf_counter() - t0
        signal.disconnect(loop.quit)
        return elapsed

    def reset() -> None:
        audit.user_combo.setCurrentIndex(0)
        audit.action_combo.setCurrentIndex(0)
        audit.text_edit.clear()
        audit.since_edit.clear()

    cases = (
        ("all", lambda: None),
        ("user", lambda: audit.user_combo.setCurrentIndex(audit.user_combo.findData("office"))),
        ("action", lambda: audit.action_combo.setCurrentIndex(audit.action_combo.findData("talk_view"))),
        ("text (rare)", lambda: audit.text_edit.setText("第777次")),
        ("text (every entry)", lambda: audit.text_edit.setText("查看")),
        ("since", lambda: audit.since_edit.setText("2026-01-01")),
    )
    for name, setup in cases:
        shown = getattr(audit.model, "shown", audit.model.loaded)  # older models: rows and count at once
        for measure_name, signal in (("audit_filter", shown), ("audit_count", audit.model.loaded)):
            key = "audit_open" if name == "all" and measure_name == "audit_filter" else measure_name

            def one(setup=setup, signal=signal) -> float:
                reset()
                setup()
                return on_signal(signal, audit.apply_filters, audit.table)

            results.setdefault(key, []).append((name, timed(one)))
    reset()
    on_signal(audit.model.loaded, audit.apply_filters, audit.table)

    def next_page() -> float:
        model = audit.model
        loop = QEventLoop()
        model.rowsInserted.connect(loop.quit)
        t0 = time.perf_counter()
        model.fetchMore()
        loop.exec()
        audit.table.scrollToBottom()
        audit.table.viewport().repaint()
        model.rowsInserted.disconnect(loop.quit)
        return time.perf_counter() - t0

    results["audit_scroll"] = [("next page", timed(next_page))]
    audit.close()
    worker.stop()
    for name, cases in results.items():
        worst = max(cases, key=lambda c: c[1])
        slow = ", ".join(f"{c}={t * 1000:.0f}ms" for c, t in sorted(cases, key=lambda c: -c[1])[:3])
        print(f"{name}: ours={worst[1]:.4f}s  (worst: {slow})", flush=True)
    os._exit(0)  # skip Qt's teardown of the half-deleted widgets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=2000)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--audit", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, help="reuse (or create) the filled workstation here")
    parser.add_argument("--fill-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-only", action="store_true", help="only the measures, on --folder")
    args = parser.parse_args()
    if args.fill_only:
        fill(args.folder, args.talks, args.items, args.audit)
        return
    if args.measure_only:
        measure(args.folder)
        return
    with tempfile.TemporaryDirectory(prefix="lists-bench-") as tmp:
        folder = args.folder or Path(tmp) / "ws"
        if not (folder / "bench-inspection").exists():
            t0 = time.perf_counter()
            fill_args = ["--talks", str(args.talks), "--items", str(args.items), "--audit", str(args.audit)]
            subprocess.run(
                [sys.executable, __file__, "--fill-only", "--folder", str(folder), *fill_args], check=True
            )
            print(f"fill: {time.perf_counter() - t0:.1f}s (set-up, not measured)")
        subprocess.run([sys.executable, __file__, "--measure-only", "--folder", str(folder)], check=True)


if __name__ == "__main__":
    main()
