"""The record dialog's 出勤 and 表决 tabs: everyone expected with their attendance, and the vote counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from app.ui.dialogs.meeting_tables import AttendanceModel, Person, StateDelegate, Vote, VotesModel, attendance_text

BASIS_NOTES = {"全体党员": "应到：会议当日在册的正式党员和预备党员（党小组会为本小组党员）",
               "委员会委员": "应到：会议当日在任的委员会委员",
               "指定人员": "应到：在下面逐一添加参加谈话（活动）的人员"}


class AttendanceEditor(QWidget):
    """出勤: the people expected that day; mark the exceptions, add 列席 guests (or the named participants)."""

    def __init__(self, people: tuple, parent=None) -> None:
        super().__init__(parent)
        self.people_choices = people
        self.listed = False
        self.held = True  # a plan shows only who is expected
        self.people_basis = ""  # whose rule the rows in the table follow
        self.model = AttendanceModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(AttendanceModel.STATE, StateDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                  | QAbstractItemView.AnyKeyPressed)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        for col, width in enumerate((90, 110, 80, 60)):
            self.view.setColumnWidth(col, width)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.basis_note = QLabel()
        self.basis_note.setObjectName("hint")
        self.basis_note.setWordWrap(True)
        self.mark_leave, self.mark_absent = QPushButton("标为请假"), QPushButton("标为缺席")
        self.mark_present, self.remove_row = QPushButton("标为出席"), QPushButton("移除")
        self.guest = QLineEdit()
        self.guest.setPlaceholderText("列席人员姓名（非本组织党员、上级联系人等）")
        self.add_guest = QPushButton("添加列席")
        self.member_pick = QComboBox()
        self.member_pick.setEditable(True)
        self.member_pick.setInsertPolicy(QComboBox.NoInsert)
        for mid, name, org in people:
            self.member_pick.addItem(f"{name}（{org}）", mid)
        self.member_pick.setCurrentIndex(-1)
        self.member_pick.completer().setFilterMode(Qt.MatchContains)
        self.add_member = QPushButton("添加参加人")
        bar = QHBoxLayout()
        for w in (self.mark_leave, self.mark_absent, self.mark_present):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.remove_row)
        extra = QHBoxLayout()
        extra.addWidget(self.member_pick, 1)
        extra.addWidget(self.add_member)
        extra.addSpacing(12)
        extra.addWidget(self.guest, 1)
        extra.addWidget(self.add_guest)
        lay = QVBoxLayout(self)
        lay.addWidget(self.basis_note)
        lay.addWidget(self.counts)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addLayout(extra)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.model.dataChanged.connect(lambda *_a: self._show_counts())
        self.model.modelReset.connect(self._show_counts)
        self.model.rowsInserted.connect(lambda *_a: self._show_counts())
        self.mark_leave.clicked.connect(lambda: self.mark("请假"))
        self.mark_absent.clicked.connect(lambda: self.mark("缺席"))
        self.mark_present.clicked.connect(lambda: self.mark("出席"))
        self.remove_row.clicked.connect(self._remove_people)
        self.add_guest.clicked.connect(self._add_guest)
        self.add_member.clicked.connect(self._add_member)

    def set_basis(self, basis: str) -> None:
        self.listed = basis == "指定人员"
        self.member_pick.setVisible(self.listed)
        self.add_member.setVisible(self.listed)
        self.basis_note.setText(BASIS_NOTES.get(basis, "") + "。未标记的均按出席计算。")

    def set_expected(self, expected) -> None:
        """The people a date/organisation/type expects (views.meetings.ExpectedPeople).

        For 指定人员 the participants already named stay (the date changed); a list that came
        from another type's 应到 does not.
        """
        if expected.basis == "指定人员":
            named = self.people_basis == "指定人员"
            self.model.set_expected([p for p in self.model.people if named and p.member_id is not None and p.expected])
        else:
            self.model.set_expected([Person(a.member_id, a.name, a.group_name, a.full, a.away)
                                     for a in expected.people])
        self.people_basis = expected.basis

    def load(self, lines, basis: str) -> None:
        self.people_basis = basis
        self.model.beginResetModel()
        self.model.people = [Person(p.member_id, p.name, p.group_name, p.full, p.away, p.state, p.reason, p.expected)
                             for p in lines]
        self.model.endResetModel()

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return sorted(rows)

    def select(self, name: str) -> None:
        row = [p.name for p in self.model.people].index(name)
        self.view.selectRow(row)

    def mark(self, state: str) -> None:
        self.model.set_state(self.selected_rows(), state)

    def set_reason(self, name: str, reason: str) -> None:
        row = [p.name for p in self.model.people].index(name)
        self.model.setData(self.model.index(row, AttendanceModel.REASON), reason)

    def _remove_people(self) -> None:
        rows = [r for r in self.selected_rows() if not self.model.people[r].expected or self.listed]
        self.model.remove(rows)

    def _add_guest(self) -> None:
        name = self.guest.text().strip()
        if name:
            self.model.add(Person(None, name, full=False, state="列席", expected=False))
            self.guest.clear()

    def _add_member(self) -> None:
        mid = self.member_pick.currentData()
        if mid is not None:
            name = next((n for m, n, _o in self.people_choices if m == mid), "")
            self.model.add(Person(mid, name))

    def _show_counts(self) -> None:
        c = self.model.counts()
        self.counts.setText(attendance_text(c) if self.held else
                            f"应到 {c['expected']} 人（按计划日期在册计算）；可预先登记请假，召开后再登记记录")

    def set_held(self, held: bool) -> None:
        self.held = held
        self._show_counts()


class VotesEditor(QWidget):
    """表决: one row per matter voted on, counts only; the result as 第十一条 judges it, shown as typed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = VotesModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.add_vote, self.remove_vote = QPushButton("添加表决事项"), QPushButton("删除表决事项")
        bar = QHBoxLayout()
        bar.addWidget(self.add_vote)
        bar.addWidget(self.remove_vote)
        bar.addStretch(1)
        note = QLabel("只记票数，不记姓名。到会有表决权的党员超过应到有表决权党员的半数，会议方可进行；赞成票超过应到有表决权"
                      "党员的半数，方为通过（支部工作条例 第十一条）。预备党员没有表决权。")
        note.setWordWrap(True)
        note.setObjectName("hint")
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        self.remove_vote.clicked.connect(lambda: self.model.remove(self.view.currentIndex().row()))

    def add(self, voters: int, present: int) -> None:
        """A new matter, counted from the attendance: everyone present with a vote in favour until changed."""
        self.model.add(Vote("", voters, present, present))
        self.view.setCurrentIndex(self.model.index(len(self.model.votes) - 1, 0))
