"""The record dialog's two tables: everyone expected with their attendance, and the vote counts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from app.domain.errors import ValidationError
from app.domain.meeting_record import VoteCounts, check_vote, more_than_half
from app.services.meetings import AttendanceEntry

MEMBER_STATES = ("出席", "请假", "缺席")
STATE_COLOURS = {"请假": "#8A5A00", "缺席": "#B00000", "列席": "#555555"}


@dataclass
class Person:
    member_id: int | None
    name: str
    group_name: str = ""
    full: bool = True
    away: str = ""
    state: str = "出席"
    reason: str = ""
    expected: bool = True  # False for 列席 (a guest, or a member not among 应到)


class _ListModel(QAbstractTableModel):
    """A small editable table over a list (``ITEMS`` names the attribute) with fixed ``HEADERS``."""

    HEADERS: tuple[str, ...] = ()
    ITEMS = ""

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(getattr(self, self.ITEMS))

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        return None


class AttendanceModel(_ListModel):
    HEADERS = ("姓名", "党小组", "类别", "出勤", "原因 / 说明")
    ITEMS = "people"
    STATE, REASON = 3, 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people: list[Person] = []

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        p = self.people[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            category = ("正式党员" if p.full else "预备党员") if p.member_id is not None else "非党员"
            values = (p.name, p.group_name, category, p.state,
                      p.reason or (f"（{p.away}）" if p.away and role == Qt.DisplayRole else ""))
            return values[index.column()]
        if role == Qt.ForegroundRole and index.column() in (self.STATE, self.REASON):
            colour = STATE_COLOURS.get(p.state)
            return QColor(colour) if colour else None
        return None

    def flags(self, index):
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == self.REASON or (index.column() == self.STATE and self.people[index.row()].expected):
            return base | Qt.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not index.isValid():
            return False
        p = self.people[index.row()]
        if index.column() == self.STATE and p.expected and value in MEMBER_STATES:
            p.state = value
        elif index.column() == self.REASON:
            p.reason = str(value).strip()
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True

    # -- whole-table changes ---------------------------------------------------

    def set_expected(self, people: list[Person]) -> None:
        """A new list of 应到 (date, organisation or type changed): states of those still expected are kept."""
        old = {p.member_id: p for p in self.people if p.expected and p.member_id is not None}
        guests = [p for p in self.people if not p.expected]
        for p in people:
            kept = old.get(p.member_id)
            if kept is not None:
                p.state, p.reason = kept.state, kept.reason
        self.beginResetModel()
        self.people = list(people) + guests
        self.endResetModel()

    def add(self, person: Person) -> bool:
        if person.member_id is not None and any(p.member_id == person.member_id for p in self.people):
            return False
        self.beginInsertRows(QModelIndex(), len(self.people), len(self.people))
        self.people.append(person)
        self.endInsertRows()
        return True

    def remove(self, rows: list[int]) -> None:
        self.beginResetModel()
        self.people = [p for i, p in enumerate(self.people) if i not in set(rows)]
        self.endResetModel()

    def set_state(self, rows: list[int], state: str) -> None:
        for r in rows:
            if self.people[r].expected:
                self.people[r].state = state
        self.dataChanged.emit(self.index(0, 0), self.index(max(len(self.people) - 1, 0), self.columnCount() - 1))

    def entries(self) -> tuple[AttendanceEntry, ...]:
        return tuple(AttendanceEntry(p.state if p.expected else "列席", p.member_id,
                                     "" if p.member_id is not None else p.name, p.reason) for p in self.people)

    def counts(self) -> dict[str, int]:
        expected = [p for p in self.people if p.expected]
        voters = [p for p in expected if p.full and p.member_id is not None]
        away = ("请假", "缺席")
        return {"expected": len(expected), "leave": sum(p.state == "请假" for p in expected),
                "absent": sum(p.state == "缺席" for p in expected), "observers": len(self.people) - len(expected),
                "voters": len(voters), "voters_present": sum(p.state not in away for p in voters)}


class StateDelegate(QStyledItemDelegate):
    """出勤 picked from a list, not typed."""

    def createEditor(self, parent, option, index):  # noqa: N802
        box = QComboBox(parent)
        box.addItems(MEMBER_STATES)
        return box

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentText(index.data(Qt.EditRole))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText())


@dataclass
class Vote:
    subject: str
    eligible: int
    present: int
    yes: int
    no: int = 0
    abstain: int = 0

    def counts(self) -> VoteCounts:
        return VoteCounts(self.subject, self.eligible, self.present, self.yes, self.no, self.abstain)

    def verdict(self) -> tuple[str, str]:
        """(结果, the reason) as the service will judge it."""
        try:
            check = check_vote(self.counts())
        except ValidationError as exc:
            return "计票有误", str(exc)
        return check.result, "；".join(check.notes)


class VotesModel(_ListModel):
    HEADERS = ("表决事项", "应到有表决权", "实到有表决权", "赞成", "反对", "弃权", "结果")
    ITEMS = "votes"
    FIELDS = ("subject", "eligible", "present", "yes", "no", "abstain")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.votes: list[Vote] = []

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        v = self.votes[index.row()]
        if index.column() == 6:
            result, why = v.verdict()
            if role == Qt.DisplayRole:
                return result
            if role == Qt.ToolTipRole:
                return why or "到会有表决权的党员超过半数，赞成票超过应到有表决权党员的半数（支部工作条例 第十一条）"
            if role == Qt.ForegroundRole:
                return QColor("#1B6E1B" if result == "通过" else "#B00000")
            return None
        if role in (Qt.DisplayRole, Qt.EditRole):
            return getattr(v, self.FIELDS[index.column()])
        if role == Qt.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignCenter)
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemIsEditable if index.isValid() and index.column() < 6 else base

    def setData(self, index, value, role=Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not index.isValid() or index.column() >= 6:
            return False
        v = self.votes[index.row()]
        if index.column() == 0:
            v.subject = str(value).strip()
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                return False
            setattr(v, self.FIELDS[index.column()], number)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 6))
        return True

    def set_votes(self, votes: list[Vote]) -> None:
        self.beginResetModel()
        self.votes = list(votes)
        self.endResetModel()

    def add(self, vote: Vote) -> None:
        self.beginInsertRows(QModelIndex(), len(self.votes), len(self.votes))
        self.votes.append(vote)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.votes):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.votes[row]
            self.endRemoveRows()


def attendance_text(c: dict[str, int]) -> str:
    present = c["expected"] - c["leave"] - c["absent"]
    text = f"应到 {c['expected']} 人，实到 {present} 人，请假 {c['leave']} 人，缺席 {c['absent']} 人，列席 {c['observers']} 人"
    if c["voters"]:
        ok = "超过半数" if more_than_half(c["voters_present"], c["voters"]) else "未超过半数"
        text += f"；有表决权的应到 {c['voters']} 人、实到 {c['voters_present']} 人（{ok}）"
    return text
