"""组织: the organisation tree with member counts; the selected node's details and committee."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget,
)

from app.ui.pages.base import Page, make_table
from app.ui.table_model import RowTableModel, col


def _tree(session):
    from app.services.views.organisations import org_tree

    return org_tree(session)


def _detail(session, org_id):
    from app.services import committees
    from app.services.views.organisations import org_detail

    detail = org_detail(session, org_id)
    term = committees.current_term(session, org_id)
    notes = [w for w in committees.warnings(session) if w.org_id == org_id]
    return detail, term, notes


class OrganisationPage(Page):
    title = "组织"
    kinds = ("organisation", "member")

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        bar = QHBoxLayout()
        self.buttons = {}
        for key, label in (("add", "新增下级组织"), ("edit", "编辑"), ("move", "移到…"), ("merge", "合并到…"),
                           ("dissolve", "撤销"), ("term", "新一届委员会"), ("appoint", "任命委员")):
            button = QPushButton(label)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        split = QSplitter(Qt.Horizontal)
        self.tree_model = QStandardItemModel(0, 3)
        self.tree_model.setHorizontalHeaderLabels(["组织", "层级", "在册党员"])
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 60)
        split.addWidget(self.tree)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        box = QGroupBox("基本情况")
        self.form = QFormLayout(box)
        self.fields = {}
        for label in ("名称", "层级/类型", "上级组织", "成立日期", "在册党员", "组建方式", "联系电话", "地址"):
            value = QLabel("")
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.form.addRow(label + "：", value)
            self.fields[label] = value
        rl.addWidget(box)
        self.term_label = QLabel("")
        self.term_label.setObjectName("sectionTitle")
        rl.addWidget(self.term_label)
        self.posts = RowTableModel([col("职务", "post", 110), col("姓名", "person_name", 100),
                                    col("专职", "is_full_time", 60), col("任职日期", "started_on", 110)])
        rl.addWidget(make_table(self.posts, sort=False, empty="尚未登记本届委员会成员。"), 1)
        self.warnings = QLabel("")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #B00000;")
        rl.addWidget(self.warnings)
        split.addWidget(right)
        split.setSizes([420, 640])
        self.layout_.addWidget(split, 1)
        self.tree.selectionModel().currentChanged.connect(self._selected)
        self.current = None
        self._connect_actions()

    def _connect_actions(self) -> None:
        from app.ui.dialogs import org_actions as act

        b = self.buttons
        b["add"].clicked.connect(lambda: act.edit_org(self, self.runner, None, self.current and self.current.id))
        b["edit"].clicked.connect(lambda: self.current and act.edit_org(self, self.runner, self.current.id, None))
        b["move"].clicked.connect(lambda: self.current and act.move_or_merge(self, self.runner, self.current.id, False))
        b["merge"].clicked.connect(lambda: self.current and act.move_or_merge(self, self.runner, self.current.id, True))
        b["dissolve"].clicked.connect(lambda: self.current and act.dissolve(self, self.runner, self.current.id,
                                                                            self.current.name))
        b["term"].clicked.connect(lambda: self.current and act.new_term(self, self.runner, self.current.id))
        b["appoint"].clicked.connect(lambda: self.current and act.appoint(self, self.runner, self.current.id))

    def refresh(self) -> None:
        self.runner.submit(_tree, on_done=self.show_tree)

    def show_tree(self, nodes) -> None:
        self.tree_model.removeRows(0, self.tree_model.rowCount())
        items: dict[int, QStandardItem] = {}
        first = None
        selected = self.current.id if self.current else None
        for node in nodes:
            name = QStandardItem(node.name + ("（已撤销）" if node.dissolved else ""))
            name.setData(node.id, Qt.UserRole)
            count = QStandardItem(str(node.total_members))
            count.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            row = [name, QStandardItem(node.level), count]
            for item in row:
                item.setEditable(False)
            parent = items.get(node.parent_id)
            (parent or self.tree_model.invisibleRootItem()).appendRow(row)
            items[node.id] = name
            first = first or name
        self.tree.expandToDepth(0)
        target = items.get(selected) or first
        if target is not None:
            self.tree.setCurrentIndex(target.index())

    def _selected(self, current, _previous) -> None:
        org_id = self.tree_model.itemFromIndex(current.siblingAtColumn(0)).data(Qt.UserRole) if current.isValid() else None
        if org_id is not None:
            self.runner.submit(_detail, org_id, on_done=self.show_detail)

    def show_detail(self, result) -> None:
        d, term, notes = result
        self.current = d
        values = {"名称": d.name, "层级/类型": f"{d.org_type}{d.level}", "上级组织": d.parent_name or "（本级）",
                  "成立日期": d.founded_on.isoformat() if d.founded_on else "", "在册党员": f"{d.total_members} 名",
                  "组建方式": d.formation, "联系电话": d.contact_phone, "地址": d.address}
        for label, value in values.items():
            self.fields[label].setText(value or "—")
        if d.term:
            due = f"　{term.due.state}" if term and term.due and term.due.needs_attention else ""
            self.term_label.setText(f"第{d.term.term_number}届委员会　{d.term.started_on.isoformat()} 至 "
                                    f"{d.term.planned_end_on.isoformat()}（{d.term.election_method}）{due}")
        else:
            self.term_label.setText("未设委员会" if d.level != "党小组" else "党小组")
        self.posts.reset(list(d.posts))
        self.warnings.setText("\n".join(f"⚠ {w.text}（{w.basis}）" for w in notes))
        group = d.level == "党小组"
        for key in ("term", "appoint"):
            self.buttons[key].setEnabled(not group)
        self.buttons["add"].setEnabled(not group)
