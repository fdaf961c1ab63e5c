"""The row table model: the Qt model contract, batches, sorting by pinyin, and the table built over it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QPersistentModelIndex, Qt

from app.ui.pages.base import make_table
from app.ui.table_model import Column, RowTableModel, col


@dataclass(frozen=True)
class Row:
    name: str
    paid: Decimal | None
    day: date | None


ROWS = [Row("张三丰", Decimal("180.00"), date(2026, 1, 5)), Row("王五", None, None),
        Row("阿强", Decimal("12.50"), date(2025, 12, 31)), Row("白浩", Decimal("2000.00"), date(2026, 3, 1))]


def _model() -> RowTableModel:
    model = RowTableModel([col("姓名", "name"), col("已缴", "paid", right=True), col("日期", "day"),
                           Column("欠缴", lambda r: 0 if r.paid else 3, color=lambda r: None if r.paid else "#B00000")])
    model.reset(ROWS)
    return model


def test_contract_holds_while_sorting_and_fetching(qtmodeltester):
    model = _model()
    model.sort(0)
    qtmodeltester.check(model)
    model.reset(ROWS, has_more=True)
    model.more = lambda: model.append([Row("丁一", Decimal("1.00"), None)])
    qtmodeltester.check(model)  # the tester fetches the next batch itself
    assert model.rowCount() == 5 and model.rows[-1].name == "丁一" and not model.canFetchMore()


def test_display_formats_and_alignment():
    model = _model()
    assert model.data(model.index(0, 1)) == "180.00" and model.data(model.index(3, 1)) == "2,000.00"
    assert model.data(model.index(1, 1)) == "" and model.data(model.index(0, 2)) == "2026-01-05"
    assert model.data(model.index(0, 1), Qt.TextAlignmentRole) & Qt.AlignRight
    assert model.headerData(1, Qt.Horizontal, Qt.TextAlignmentRole) & Qt.AlignRight
    assert model.data(model.index(1, 3), Qt.ForegroundRole).name() == "#b00000"
    assert model.data(model.index(0, 3), Qt.ForegroundRole) is None
    assert model.data(model.index(2, 0), Qt.UserRole) is ROWS[2]


def test_text_sorts_by_pinyin_numbers_by_value_blanks_last():
    model = _model()
    model.sort(0)
    assert [r.name for r in model.rows] == ["阿强", "白浩", "王五", "张三丰"]
    model.sort(0, Qt.DescendingOrder)
    assert [r.name for r in model.rows] == ["张三丰", "王五", "白浩", "阿强"]
    model.sort(1)
    assert [r.name for r in model.rows] == ["阿强", "张三丰", "白浩", "王五"]  # 12.50 < 180 < 2000, blank last
    model.sort(2)
    assert [r.name for r in model.rows][:3] == ["阿强", "张三丰", "白浩"]


def test_sorting_moves_persistent_indexes_and_survives_a_reload():
    model = _model()
    held = QPersistentModelIndex(model.index(0, 0))  # 张三丰
    model.sort(0)
    assert held.row() == 3 and model.data(model.index(held.row(), 0)) == "张三丰"
    model.reset(list(reversed(ROWS)))  # a refresh keeps the clerk's chosen order
    assert [r.name for r in model.rows] == ["阿强", "白浩", "王五", "张三丰"]


def test_table_keeps_the_service_order_until_a_header_is_clicked(qtbot):
    model = _model()
    view = make_table(model, empty="暂无记录")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    assert [r.name for r in model.rows] == [r.name for r in ROWS]
    assert view.horizontalHeader().sortIndicatorSection() == -1
    view.sortByColumn(0, Qt.AscendingOrder)
    assert model.rows[0].name == "阿强"
    assert view.columnWidth(0) == 90


def test_the_spare_width_never_goes_to_a_number_column(qtbot):
    numbers_last = RowTableModel([col("姓名", "name"), col("已缴", "paid", right=True)])
    text_last = RowTableModel([col("已缴", "paid", right=True), col("姓名", "name")])
    chosen = RowTableModel([col("姓名", "name", stretch=True), col("已缴", "paid", right=True)])
    views = [make_table(m) for m in (numbers_last, text_last, chosen)]
    for v in views:
        qtbot.addWidget(v)
    assert [v.horizontalHeader().stretchLastSection() for v in views] == [False, True, False]
    assert views[2].horizontalHeader().sectionResizeMode(0).name == "Stretch"
