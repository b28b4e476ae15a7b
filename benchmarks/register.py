"""The issue register at scale: 100k issues, the core queries a lazy register view runs.

    .venv/bin/python benchmarks/register.py [--issues 100000] [--folder DIR]

A workstation (fast KDF: unlocking is not what is measured) is filled in a child process with a
term of 10 rounds x 5 teams x 10 units = 500 inspections, the classification presets, and N issues
spread over them in every status, a third signed and numbered, with rectifications and measures for
those fed back. The fill writes rows directly in one transaction (it is set-up, not a measured
path). Then, in this fresh process, as the office (sees all) and as a team member (sees one team):

  register_core_open    register_count + the first page (200 rows), the default sort (number)
  register_core_filter  count + first page for typical filters (status, category, text, unit, overdue)
  register_core_sort    first page for each sort key, ascending and descending
  register_core_scroll  a page deep in the list (offset 90% of the rows)
  register_core_memory  peak resident memory of this process (the fill ran in another one)

Each line: `name: ours=…s (worst of the cases, median of 3 runs)`; memory as `ours=NNNmb`.

Then the GUI's register view (app.ui.register.issues_panel.RegisterView over its lazy RegisterModel),
offscreen, in a fresh process of its own (so its memory is the GUI's alone), through the one
database worker thread exactly as in the window, as the office and as a member:

  register_open     reload() until the first page is in and painted (count + page 0)
  register_filter   the same for each filter above (status, category, text, unit, overdue, ...)
  register_sort     a header click (model.sort) for every sortable column, both directions
  register_memory   peak resident memory of the GUI process (targets: 0.2 s, 0.1 s, 0.1 s, 300 MB)
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.domain.register import classification, numbering, rectification_store, register_query  # noqa: E402
from app.core.domain.register.register_query import RegisterFilter, RegisterSort, RegisterSortKey  # noqa: E402
from app.core.security.roles import Role  # noqa: E402
from app.core.store.keyslots import KdfParams  # noqa: E402
from app.core.workstation import NewAccount, Workstation  # noqa: E402

PASSWORD = "Bench-Mark-2026!"
ROUNDS, TEAMS, UNITS_PER_TEAM = 10, 5, 10
PAGE = 200
WORDS = [
    "违规发放津贴补贴",
    "公务用车管理不规范",
    "干部选拔任用程序不规范",
    "政府采购化整为零",
    "意识形态责任制落实不到位",
    "集体三资管理混乱",
    "惠民资金发放不精准",
    "上轮巡察整改不彻底",
    "会议纪要记录不全",
    "超标准接待",
    "项目资金挪用",
    "基层党组织软弱涣散",
    "三重一大决策程序不规范",
    "党费收缴不规范",
    "档案管理混乱",
]
STATUSES = ["found", "verified", "fed_back", "in_rectification", "closed_out", "dismissed"]


def _ids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


def fill(folder: Path, n_issues: int) -> None:
    ws = Workstation(folder)
    ws.create(
        "巡察工作台性能测试",
        [
            NewAccount("sysadmin", "王系统", Role.SYSADMIN, PASSWORD, must_change_password=False),
            NewAccount("secadmin", "李保密", Role.SECURITY_OFFICER, PASSWORD, must_change_password=False),
            NewAccount("auditor", "赵审计", Role.AUDITOR, PASSWORD, must_change_password=False),
            NewAccount("office", "陈巡办", Role.OFFICE, PASSWORD, must_change_password=False),
            NewAccount("leader", "刘组长", Role.TEAM_LEADER, PASSWORD, must_change_password=False),
            NewAccount("member", "周组员", Role.TEAM_MEMBER, PASSWORD, must_change_password=False),
        ],
        kdf=KdfParams.fast_for_tests(),
    )
    s = ws.unlock("office", PASSWORD)
    s.conn.execute("PRAGMA cache_size = -400000")  # the fill only: keep its pages in memory
    classification.install_presets(s)
    rng = random.Random(7)
    nodes = s.conn.execute(
        "SELECT n.id, n.parent_id FROM classification_nodes n JOIN classification_schemes c ON c.id = n.scheme_id"
        " WHERE c.key = 'four_focuses' AND n.parent_id IS NOT NULL"
    ).fetchall()
    users = dict(s.conn.execute("SELECT username, id FROM users"))
    now = "2026-01-01T00:00:00"
    ws_id = s.workstation_id

    def rec(i: str) -> tuple:
        return (i, now, now, users["office"], ws_id)

    with s.transaction() as conn:
        term = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO terms (id, created_at, updated_at, author_id, workstation_id, name, starts_on) VALUES (?,?,?,?,?, '第九届', '2026-01-01')",
            rec(term),
        )
        units = _ids(UNITS_PER_TEAM * TEAMS)
        for k, u in enumerate(units):
            conn.execute(
                "INSERT INTO units (id, created_at, updated_at, author_id, workstation_id, name, kind) VALUES (?,?,?,?,?, ?, 'department')",
                (*rec(u), f"单位{k + 1:03d}"),
            )
        inspections: list[tuple[str, int, int]] = []  # id, round no, team no
        for r in range(1, ROUNDS + 1):
            rid = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO rounds (id, created_at, updated_at, author_id, workstation_id, term_id, number, kind, status, starts_on)"
                " VALUES (?,?,?,?,?, ?, ?, 'regular', 'finished', ?)",
                (*rec(rid), term, r, f"2026-{(r - 1) % 12 + 1:02d}-01"),
            )
            for t in range(1, TEAMS + 1):
                tid = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO teams (id, created_at, updated_at, author_id, workstation_id, round_id, name) VALUES (?,?,?,?,?, ?, ?)",
                    (*rec(tid), rid, f"第{t}巡察组"),
                )
                if r == 1 and t == 1:
                    for name, pos in (("leader", "leader"), ("member", "member")):
                        conn.execute(
                            "INSERT INTO team_members (id, created_at, updated_at, author_id, workstation_id, team_id, user_id, position) VALUES (?,?,?,?,?, ?, ?, ?)",
                            (*rec(str(uuid.uuid4())), tid, users[name], pos),
                        )
                for u in units[(t - 1) * UNITS_PER_TEAM : t * UNITS_PER_TEAM]:
                    iid = str(uuid.uuid4())
                    conn.execute(
                        "INSERT INTO inspections (id, created_at, updated_at, author_id, workstation_id, round_id,"
                        " team_id, unit_id, phase) VALUES (?,?,?,?,?, ?, ?, ?, 'filing')",
                        (*rec(iid), rid, tid, u),
                    )
                    inspections.append((iid, r, t, tid))
        seq: dict[str, int] = {}
        issue_rows, rect_rows, measure_rows = [], [], []
        for k in range(n_issues):
            iid, r, t, tid = inspections[k % len(inspections)]
            sub, cat = rng.choice(nodes)
            status = rng.choices(STATUSES, weights=[10, 10, 15, 30, 30, 5])[0]
            signed = status in ("fed_back", "in_rectification", "closed_out") or rng.random() < 0.2
            found = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            issue_id = str(uuid.uuid4())
            number = number_seq = number_sort = number_team = None
            if signed:
                seq[tid] = number_seq = seq.get(tid, 0) + 1
                number = numbering.format_number(2026, r, t, number_seq)
                number_sort = f"2026{r:04d}{t:04d}{number_seq:06d}"
                number_team = tid
            else:
                number_sort = numbering.UNSIGNED_SORT_PREFIX + f"{k:09d}"
            created = f"2026-01-01T00:{k // 6000 % 60:02d}:{k // 100 % 60:02d}.{k:06d}"
            issue_rows.append(
                (
                    issue_id,
                    created,
                    created,
                    users["member"],
                    ws_id,
                    iid,
                    cat,
                    sub,
                    f"{rng.choice(WORDS)}（{k}）",
                    found,
                    rng.choice(["general", "serious", "grave"]),
                    rng.randint(0, 15),
                    status,
                    found,
                    number_team,
                    number_seq,
                    number,
                    number_sort,
                    "unit" if status in ("fed_back", "in_rectification", "closed_out") else "",
                    "2026-06-01" if status in ("fed_back", "in_rectification", "closed_out") else None,
                )
            )
            if status in ("fed_back", "in_rectification", "closed_out"):
                rect_id = str(uuid.uuid4())
                state = "closed" if status == "closed_out" else "open"
                rect_rows.append(
                    (
                        rect_id,
                        now,
                        now,
                        users["office"],
                        ws_id,
                        issue_id,
                        "2026-06-22",
                        "2026-09-01",
                        "2026-06-20" if status != "fed_back" else None,
                        state,
                    )
                )
                for m in range(1, rng.randint(1, 3) + 1):
                    measure_rows.append(
                        (
                            str(uuid.uuid4()),
                            now,
                            now,
                            users["office"],
                            ws_id,
                            rect_id,
                            m,
                            "整改措施",
                            1,
                            f"责任人{rng.randint(1, 200)}",
                            f"2026-{rng.randint(6, 12):02d}-15",
                            "done" if state == "closed" or rng.random() < 0.4 else "not_done",
                        )
                    )
        conn.executemany(
            "INSERT INTO issues (id, created_at, updated_at, author_id, workstation_id, inspection_id, category_id,"
            " subcategory_id, title, found_on, seriousness, tags, status, status_on,"
            " number_team_id, number_seq, number, number_sort, disposition, fed_back_on)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            issue_rows,
        )
        facts = "2025年，该单位以“加班补助”名义向机关干部违规发放津贴补贴，涉及人员多、金额大。" * 8
        conn.executemany(
            "INSERT INTO issue_papers (id, created_at, updated_at, author_id, workstation_id, facts, legal_basis)"
            " VALUES (?,?,?,?,?,?,?)",
            [
                (r[0], r[1], r[2], r[3], r[4], facts, "违反《中国共产党纪律处分条例》有关规定。")
                for r in issue_rows
            ],
        )
        conn.executemany(
            "INSERT INTO rectifications (id, created_at, updated_at, author_id, workstation_id, issue_id, plan_due,"
            " report_due, plan_submitted_on, state) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rect_rows,
        )
        conn.executemany(
            "INSERT INTO rectification_measures (id, created_at, updated_at, author_id, workstation_id,"
            " rectification_id, ordinal, description, types, responsible_person, deadline, completion)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            measure_rows,
        )
        for row in rect_rows:
            rectification_store.refresh_due(conn, row[5])
    s.conn.execute("ANALYZE")
    s.close()


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(folder: Path) -> None:
    ws = Workstation(folder)
    office = ws.unlock("office", PASSWORD)
    member = ws.unlock("member", PASSWORD)
    total = register_query.register_count(office)
    cat = office.conn.execute("SELECT category_id FROM issues LIMIT 1").fetchone()[0]
    unit = office.conn.execute("SELECT id FROM units LIMIT 1").fetchone()[0]
    print(f"issues: {total} (member sees {register_query.register_count(member)})")

    def open_view(s) -> None:
        register_query.register_count(s)
        register_query.register_page(s, None, RegisterSort(), 0, PAGE)

    results: dict[str, list[tuple[str, float]]] = {"open": [], "filter": [], "sort": [], "scroll": []}
    for who, s in (("office", office), ("member", member)):
        results["open"].append((who, timed(lambda s=s: open_view(s))))
        for name, flt in (
            ("status", RegisterFilter(statuses=("in_rectification",))),
            ("category", RegisterFilter(category_id=cat)),
            ("text", RegisterFilter(text="津贴")),
            ("unit", RegisterFilter(unit_id=unit)),
            ("overdue", RegisterFilter(overdue=True, today="2026-10-01")),
            ("signed+serious", RegisterFilter(signed=True, seriousness="grave")),
        ):
            results["filter"].append(
                (
                    f"{who}/{name}",
                    timed(
                        lambda s=s, flt=flt: (
                            register_query.register_count(s, flt),
                            register_query.register_page(s, flt, None, 0, PAGE),
                        )
                    ),
                )
            )
        for key in RegisterSortKey:
            for desc in (False, True):
                sort = RegisterSort(key, desc)
                results["sort"].append(
                    (
                        f"{who}/{key.value}{' desc' if desc else ''}",
                        timed(lambda s=s, sort=sort: register_query.register_page(s, None, sort, 0, PAGE)),
                    )
                )
        n = register_query.register_count(s)
        results["scroll"].append(
            (
                who,
                timed(
                    lambda s=s, n=n: register_query.register_page(s, None, RegisterSort(), int(n * 0.9), PAGE)
                ),
            )
        )
    for name, cases in results.items():
        worst = max(cases, key=lambda c: c[1])
        slow = ", ".join(f"{c}={t * 1000:.0f}ms" for c, t in sorted(cases, key=lambda c: -c[1])[:3])
        print(f"register_core_{name}: ours={worst[1]:.4f}s  (worst: {slow})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"register_core_memory: ours={peak_mb:.0f}mb")
    office.close()
    member.close()


def measure_view(folder: Path) -> None:
    """The GUI half: the real register view, offscreen, its rows fetched by the worker thread."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.application import install_font, install_translations
    from app.ui.db_worker import DbWorker
    from app.ui.register.issues_panel import RegisterView
    from app.ui.register.models import RegisterModel

    app = QApplication.instance() or QApplication([])
    # As the window: in Chinese, in the house CJK font (without it Qt looks up a fallback font for
    # the CJK glyphs of every cell it paints, and the benchmark measured that instead).
    install_translations(app, "zh_CN")
    install_font(app)
    worker = DbWorker()
    worker.start()

    def job(submit: Callable[..., object]) -> object:
        """Run one worker job to its end (the event loop turning, as in the window)."""
        loop, out = QEventLoop(), []

        def finish(value) -> None:
            out.append(value)
            loop.quit()

        submit(on_done=finish, on_error=finish)
        if not out:
            loop.exec()
        return out[0]

    def first_category(session) -> str | None:
        row = session.conn.execute(
            "SELECT category_id FROM issues WHERE category_id IS NOT NULL LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def wait_for(signal, start: Callable[[], object]) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        start()
        loop.exec()
        signal.disconnect(loop.quit)

    results: dict[str, list[tuple[str, float]]] = {"open": [], "filter": [], "sort": []}

    def measure_user(who: str) -> None:
        job(lambda **cb: worker.sign_in(folder, who, PASSWORD, **cb))
        cat = job(lambda **cb: worker.submit(first_category, **cb))
        view = RegisterView(worker)
        view.resize(1280, 760)
        view.show()
        model: RegisterModel = view.register_model

        def shown(start: Callable[[], object]) -> float:
            t0 = time.perf_counter()
            wait_for(model.loaded, start)
            view.viewport().repaint()  # the rows drawn, not just fetched
            return time.perf_counter() - t0

        results["open"].append(
            (who, timed(lambda: shown(lambda: model.reload(RegisterFilter(), RegisterSort()))))
        )
        for name, flt in (
            ("status", RegisterFilter(statuses=("in_rectification",))),
            ("category", RegisterFilter(category_id=cat)),
            ("text", RegisterFilter(text="津贴")),
            ("overdue", RegisterFilter(overdue=True, today="2026-10-01")),
            ("signed+serious", RegisterFilter(signed=True, seriousness="grave")),
        ):
            results["filter"].append(
                (f"{who}/{name}", timed(lambda flt=flt: shown(lambda: model.reload(flt, RegisterSort()))))
            )
        wait_for(model.loaded, lambda: model.reload(RegisterFilter(), RegisterSort()))
        for column, (_, key) in enumerate(RegisterModel.COLUMNS):
            if key is None:
                continue
            for desc in (False, True):
                order = Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder
                results["sort"].append(
                    (
                        f"{who}/{key.value}{' desc' if desc else ''}",
                        timed(lambda column=column, order=order: shown(lambda: model.sort(column, order))),
                    )
                )
        view.close()
        view.deleteLater()
        job(lambda **cb: worker.sign_out(**cb))

    for who in ("office", "member"):
        measure_user(who)
    worker.stop()
    del app
    for name, cases in results.items():
        worst = max(cases, key=lambda c: c[1])
        slow = ", ".join(f"{c}={t * 1000:.0f}ms" for c, t in sorted(cases, key=lambda c: -c[1])[:3])
        print(f"register_{name}: ours={worst[1]:.4f}s  (worst: {slow})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"register_memory: ours={peak_mb:.0f}mb", flush=True)
    os._exit(0)  # finalizing after the refcount bug above would abort


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, help="reuse (or create) the filled workstation here")
    parser.add_argument("--fill-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--view-only", action="store_true", help="only the GUI view half, on --folder")
    args = parser.parse_args()
    if args.fill_only:
        fill(args.folder, args.issues)
        return
    if args.view_only:
        measure_view(args.folder)
        return
    with tempfile.TemporaryDirectory(prefix="register-bench-") as tmp:
        folder = args.folder or Path(tmp) / "ws"
        if not folder.exists() or not any(folder.iterdir()):
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--fill-only",
                    "--folder",
                    str(folder),
                    "--issues",
                    str(args.issues),
                ],
                check=True,
            )
            print(f"fill: {args.issues} issues in {time.perf_counter() - t0:.1f}s (set-up, not measured)")
        measure(folder)
        # The GUI view in a process of its own: its peak memory is the window's, not the core run's.
        subprocess.run([sys.executable, __file__, "--view-only", "--folder", str(folder)], check=True)


if __name__ == "__main__":
    main()
