"""党员: search as the clerk types, filters, pinyin or 笔画 order, batches of 200 rows; add, edit, record changes."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from app.domain.idnumber import mask, mask_phone
from app.ui.pages.base import Page, make_table, row_of
from app.ui.table_model import Column, RowTableModel, col

PAGE = 200


def _filters(session):
    from app.services.views.members import roster_filters

    return roster_filters(session)


def _record_reveal(session, count: int):
    from app.services.audit import record

    record(session, "查看完整信息", "member", "", f"在党员列表中显示完整身份证号和电话（{count}人）")


def _record_one_reveal(session, member_id: int, name: str):
    from app.services.audit import record

    record(session, "查看完整信息", "member", str(member_id), f"在党员列表中显示{name}的完整身份证号和电话")


def _page(session, query: dict):
    from app.services.views.members import roster_page

    return roster_page(session, **query)


class MembersPage(Page):
    title = "党员"
    kinds = ("member", "organisation")
    first_batch = Signal()

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.full_ids = QCheckBox("显示完整身份证号和电话")
        self.revealed: set[int] = set()  # members whose whole numbers were asked for one by one
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名、拼音首字母（如 zsf）、全拼、身份证或电话尾号")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(400)
        self.org = QComboBox()
        self.org.addItem("全部组织", None)
        self.category = QComboBox()
        self.category.addItems(["全部类别", "正式党员", "预备党员"])
        self.occupation = QComboBox()
        self.occupation.addItem("全部人员", None)
        for group in ("在职", "离退休", "学生", "农牧渔民", "军人武警", "其他"):
            self.occupation.addItem(group, group)
        self.flag = QComboBox()
        self.flag.addItem("全部标记", None)
        for flag in ("流动党员", "失联党员", "困难党员", "在职党员到社区报到", "党代表", "身份证号待补充"):
            self.flag.addItem(flag, flag)
        self.scope = QComboBox()
        self.scope.addItems(["在册", "已离开", "全部"])
        self.order = QComboBox()
        self.order.addItem("按姓名拼音", "pinyin")
        self.order.addItem("按姓氏笔画", "strokes")
        for w in (self.search, self.order, self.full_ids):
            bar.addWidget(w)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("筛选："))
        for w in (self.org, self.category, self.occupation, self.flag, self.scope):
            filters.addWidget(w)
        filters.addStretch(1)
        self.layout_.addLayout(filters)
        actions = QHBoxLayout()
        self.add_button = QPushButton("新增党员")
        self.edit_button = QPushButton("编辑")
        self.event_button = QPushButton("登记变动（转入/转出/流动/失联…）")
        self.import_button = QPushButton("从Excel导入…")
        self.export_button = QPushButton("导出花名册…")
        for b in (self.add_button, self.edit_button, self.event_button, self.import_button, self.export_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.count = QLabel("")
        actions.addWidget(self.count)
        self.layout_.addLayout(actions)
        self.model = RowTableModel(self._columns())
        self.model.more = self._more
        self.table = make_table(self.model, sort=False, empty="没有符合条件的党员。可以换个搜索词，或放宽上面的筛选条件。")
        self.layout_.addWidget(self.table, 1)
        self.debounce = QTimer(self, singleShot=True, interval=150)
        self.generation = 0
        self.query: dict = {}
        self.mask_default = True
        self._connect_signals()

    def _columns(self) -> list[Column]:
        return [
            col("姓名", "name", 80), col("性别", "gender", 44), col("出生日期", "birth", 82),
            col("年龄", "age", 40, right=True), col("民族", "ethnicity", 54), col("学历", "education", 78),
            col("人员类别", "category", 68), col("入党日期", "join", 82), col("所在支部", "org_name", 156),
            col("党小组", "group_name", 84), Column("联系电话", lambda r: r.phone if self._whole(r) else mask_phone(r.phone), 96),
            Column("公民身份号码", lambda r: r.id_number if self._whole(r) else mask(r.id_number), 144),
            col("状态", "status", 60),
        ]

    def _whole(self, row) -> bool:
        return self.full_ids.isChecked() or row.id in self.revealed

    def reveal_selected(self) -> None:
        """Whole ID and phone numbers of the selected member only (右键 → 显示完整号码); audited."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = row_of(self.table, index)
        if row.id not in self.revealed:
            self.revealed.add(row.id)
            self.model.layoutChanged.emit()
            self.runner.submit(_record_one_reveal, row.id, row.name, write=True)

    def _menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu

        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self.table)
        menu.addAction("编辑…", self._edit_selected)
        menu.addAction("显示此人完整身份证号和电话", self.reveal_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _connect_signals(self) -> None:
        from PySide6.QtCore import Qt

        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.debounce.timeout.connect(self.reload)
        for box in (self.org, self.category, self.occupation, self.flag, self.scope, self.order):
            box.currentIndexChanged.connect(self.reload)
        self.full_ids.toggled.connect(self._full_toggled)
        self.table.doubleClicked.connect(lambda index: self.edit_member(row_of(self.table, index)))
        self.add_button.clicked.connect(lambda: self.edit_member(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.event_button.clicked.connect(self._event_selected)
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)

    # -- loading ---------------------------------------------------------------
    def preload(self, page) -> None:
        """Rows read before the database layer is up (see services.quick_roster)."""
        self._show(page, self.generation, reset=True)

    def _full_toggled(self, on: bool) -> None:
        self.model.layoutChanged.emit()
        if on:  # whole numbers on screen: a disclosure the audit log keeps
            self.runner.submit(_record_reveal, self.model.rowCount(), write=True)

    def refresh(self) -> None:
        self.runner.submit(_filters, on_done=self._show_filters)

    def _show_filters(self, filters) -> None:
        current = self.org.currentData()
        self.org.blockSignals(True)
        self.org.clear()
        self.org.addItem("全部组织", None)
        for choice in filters.organisations:
            self.org.addItem("　" * choice.depth + choice.name, choice.id)
        self.org.setCurrentIndex(max(self.org.findData(current), 0))
        self.org.blockSignals(False)
        self.mask_default = filters.mask_id_numbers
        self.reload()

    def reload(self) -> None:
        self.generation += 1
        category = self.category.currentText()
        self.query = {"text": self.search.text(), "org_id": self.org.currentData(),
                      "category": None if category == "全部类别" else category,
                      "occupation": self.occupation.currentData(), "flag": self.flag.currentData(),
                      "scope": self.scope.currentText(),
                      "order": self.order.currentData(), "offset": 0, "limit": PAGE}
        generation = self.generation
        self.runner.submit(_page, dict(self.query), on_done=lambda page: self._show(page, generation, reset=True))

    def _more(self) -> None:
        query = dict(self.query, offset=len(self.model.rows))
        generation = self.generation
        self.runner.submit(_page, query, on_done=lambda page: self._show(page, generation, reset=False))

    def _show(self, page, generation: int, *, reset: bool) -> None:
        if generation != self.generation:
            return  # an older keystroke's answer
        loaded = (0 if reset else len(self.model.rows)) + len(page.rows)
        has_more = loaded < page.total
        if reset:
            self.model.reset(page.rows, has_more=has_more)
            self.first_batch.emit()
        else:
            self.model.append(page.rows, has_more=has_more)
        self.count.setText(f"共 {page.total} 人" + (f"（已显示 {loaded}）" if has_more else ""))

    # -- actions ---------------------------------------------------------------------
    def _selected(self):
        index = self.table.currentIndex()
        return row_of(self.table, index) if index.isValid() else None

    def _edit_selected(self) -> None:
        row = self._selected()
        if row is not None:
            self.edit_member(row)

    def edit_member(self, row) -> None:
        from app.ui.dialogs.member_actions import open_member_form

        open_member_form(self, self.runner, row.id if row is not None else None)

    def _event_selected(self) -> None:
        from app.ui.dialogs.member_actions import open_event_form

        row = self._selected()
        if row is not None:
            open_event_form(self, self.runner, row.id, row.name)

    def _import(self) -> None:
        from app.ui.dialogs.import_members import start_import

        start_import(self, self.runner)

    def _export(self) -> None:
        from app.ui.dialogs.export_roster import ExportRosterDialog

        ExportRosterDialog(self.runner, self, org_id=self.org.currentData(), order=self.order.currentData()).exec()
