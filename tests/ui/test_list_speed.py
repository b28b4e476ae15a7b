"""Long lists stay quick (issue 17, benchmarks/lists.py): what a list costs is counted here in calls,
never in time, so the checks hold on a loaded machine. A row's texts are worked out once however
often it is painted, fitted or sorted; fitting the columns reads a bounded number of rows and gives
each column at least the room Qt's own measure would (nothing is cut)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.domain.review.custody import CustodyState
from app.ui.org.common import FIT_ROWS, Column, FilterProxy, RecordTableModel, fit_columns, make_table
from app.ui.review import models as review_models

ROWS = 3000


class Row:
    def __init__(self, n: int) -> None:
        self.n = n
        self.name = "张李王刘陈"[n % 5] + "建国红梅志强"[n % 3 * 2 : n % 3 * 2 + 2] * (1 + n % 4)
        self.kind = ["个别谈话", "重点谈话", "集体谈话"][n % 3]


def counting_model(calls: Counter) -> RecordTableModel:
    def getter(name):
        def get(r):
            calls[name] += 1
            return str(getattr(r, name))

        return get

    def key(r):
        calls["key"] += 1
        return r.n

    return RecordTableModel(
        [Column("序号", getter("n"), key), Column("姓名", getter("name")), Column("种类", getter("kind"))]
    )


def shown_table(qtbot, model):
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    table = make_table("speedTable", proxy)
    model.setParent(table)
    proxy.setParent(table)
    qtbot.addWidget(table)
    table.resize(900, 600)
    table.show()
    qtbot.waitExposed(table)
    return table


def test_a_rows_texts_are_worked_out_once_however_often_it_is_painted(qtbot):
    calls: Counter = Counter()
    model = counting_model(calls)
    model.set_records([Row(n) for n in range(ROWS)])
    table = shown_table(qtbot, model)
    for _ in range(3):
        table.viewport().repaint()
    fit_columns(table)
    fit_columns(table)
    table.viewport().repaint()
    # Each getter ran once per row it was asked about, and only for the rows fitted or on screen.
    assert calls["name"] == calls["kind"] == calls["n"] <= FIT_ROWS + 50
    # Qt asks many roles of each cell it paints; the ones nobody serves never reach the getters.
    before = calls.copy()
    for role in (
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.CheckStateRole,
    ):
        assert model.data(model.index(5, 1), role) is None
    assert calls == before


def test_sorting_asks_each_rows_key_once(qtbot):
    calls: Counter = Counter()
    model = counting_model(calls)
    model.set_records([Row(n) for n in range(ROWS)])
    table = shown_table(qtbot, model)
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert calls["key"] == ROWS  # not once per comparison (about 2·n·log n)
    assert table.model().index(0, 0).data() == "0"
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by text: the texts, each worked out once
    assert calls["name"] == ROWS
    # New records: worked out afresh.
    model.set_records([Row(n) for n in range(10)])
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert calls["key"] == ROWS + 10 and table.model().index(0, 0).data() == "9"


def test_a_changed_row_is_worked_out_again(qtbot):
    calls: Counter = Counter()
    model = counting_model(calls)
    rows = [Row(n) for n in range(3)]
    model.set_records(rows)
    assert model.index(1, 1).data() == rows[1].name
    rows[1].name = "改过的名字"
    model.dataChanged.emit(model.index(1, 0), model.index(1, 2))
    assert model.index(1, 1).data() == "改过的名字"


def test_fitted_columns_are_never_narrower_than_qts_own_measure(qtbot):
    """The request list: bold state cells with a badge, tinted rows. fit_columns gives each column
    at least what resizeColumnToContents would, so no text is cut."""
    from app.core.domain.review.request_item import Category, RequestItem

    states = list(CustodyState)

    def item(n: int) -> RequestItem:
        return RequestItem(
            id=str(n),
            inspection_id="i",
            number=n,
            category=list(Category)[n % len(Category)],
            title=f"{2020 + n % 6}年记账凭证及附件（第{n}册）" * (1 + n % 2),
            period_start="2025-01-01" if n % 2 else None,
            period_end="2025-12-31" if n % 2 else None,
            requested_on="2026-03-02",
            received_on="2026-03-03" if n % 3 else None,
            volumes=n % 5 or None,
            pages=n * 7,
            holder_id=None,
            holder_name="周清源" if n % 4 else None,
            copies=n % 3,
            planned_return_on="2026-04-30",
            returned_on="2026-04-20" if n % 5 == 0 else None,
            returned_to="被巡察单位办公室" if n % 5 == 0 else "",
            note="",
            state=states[n % len(states)],
        )

    model = review_models.request_model(None)
    model.set_records([item(n) for n in range(1, 80)])
    table = shown_table(qtbot, model)
    QApplication.processEvents()
    fit_columns(table)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        need = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= need, (model.headerData(column, Qt.Orientation.Horizontal), need)
