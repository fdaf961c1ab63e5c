"""The meeting record dialog: 基本信息, 出勤 (everyone expected that day), 内容, 表决.

Only the exceptions need entering: everyone expected is 出席 until marked 请假 or 缺席.
Errors from the service appear next to the field, or above the buttons with the
tab they concern brought forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Callable

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from app.domain.errors import ValidationError
from app.services.meetings import MeetingData
from app.ui.dialogs.meeting_editors import AttendanceEditor, VotesEditor
from app.ui.dialogs.meeting_tables import Vote


@dataclass(frozen=True)
class FormChoices:
    types: tuple  # TypeView rows (name, has_votes, attendees …)
    orgs: tuple  # OrgChoice rows (id, name, depth, level)
    people: tuple  # (member_id, name, org name) of every member, for names and 指定人员
    rules: tuple = ()  # FrequencyRule rows in force, to say what a type requires


FIELDS = {  # service field → the form's widget key
    "会议类型": "type", "组织": "org", "日期": "date", "状态": "status", "开始时间": "start", "结束时间": "end",
    "地点": "place", "主持人": "host", "记录人": "recorder", "主讲人": "lecturer", "主讲人职务": "lecturer_post",
    "党课题目": "title", "会议主题": "theme", "学时": "hours",
}
ATTENDANCE_FIELDS = ("出勤", "请假原因", "缺席原因", "列席人员", "列席原因", "出席原因")
VOTE_FIELDS = ("表决", "表决事项", "应到有表决权", "实到有表决权", "赞成", "反对", "弃权")


def parse_time(text: str, label: str) -> time | None:
    cleaned = text.strip().replace("：", ":").replace(".", ":")
    if not cleaned:
        return None
    if ":" not in cleaned and cleaned.isdigit() and len(cleaned) in (3, 4):
        cleaned = cleaned[:-2] + ":" + cleaned[-2:]
    try:
        hours, minutes = (int(x) for x in cleaned.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ValidationError(label, "应写成 14:30 这样的时刻") from None


class MeetingForm(QDialog):
    def __init__(self, choices: FormChoices, fetch_expected: Callable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("会议记录")
        self.resize(860, 640)
        self.choices = choices
        self.fetch_expected = fetch_expected  # (org_id, type_name, day, on_done) → runs on the worker thread
        self.meeting_id: int | None = None
        self.version: int | None = None
        self.types = {t.name: t for t in choices.types}
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._refetch = QTimer(self)
        self._refetch.setSingleShot(True)
        self._refetch.setInterval(250)
        self._build()
        self._connect_signals()

    # -- building ------------------------------------------------------------------

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        err = QLabel()
        err.setObjectName("fieldError")
        err.setStyleSheet("color: #C00000;")
        err.hide()
        lay.addWidget(err)
        form.addRow(label, box)
        self.edits[key], self.errors[key] = widget, err

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._basic_tab(), "基本信息")
        self.attendance = AttendanceEditor(self.choices.people)
        self.votes = VotesEditor()
        self.tabs.addTab(self.attendance, "出勤")
        self.tabs.addTab(self._content_tab(), "内容")
        self.tabs.addTab(self.votes, "表决")
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #B00000;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _basic_tab(self) -> QWidget:
        page = QWidget()
        left, right = QFormLayout(), QFormLayout()
        self.type = QComboBox()
        for t in self.choices.types:
            self.type.addItem(t.name)
        self._row(left, "type", "会议类型*", self.type)
        self.org = QComboBox()
        for o in self.choices.orgs:
            self.org.addItem("　" * o.depth + o.name, o.id)
        self._row(left, "org", "召开组织*", self.org)
        self.status = QComboBox()
        self.status.addItems(["已召开", "计划"])
        self._row(left, "status", "状态", self.status)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self._row(left, "date", "日期*", self.date)
        self.start, self.end = QLineEdit(), QLineEdit()
        self.start.setPlaceholderText("如 14:30")
        self.end.setPlaceholderText("如 16:30")
        self._row(left, "start", "开始时间", self.start)
        self._row(left, "end", "结束时间", self.end)
        self.place = QLineEdit()
        self._row(left, "place", "地点", self.place)
        names = QCompleter(sorted({p[1] for p in self.choices.people}))
        names.setFilterMode(Qt.MatchContains)
        self.host, self.recorder, self.lecturer = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.host, self.recorder, self.lecturer):
            edit.setCompleter(names)
        self._row(right, "host", "主持人*", self.host)
        self._row(right, "recorder", "记录人", self.recorder)
        self.theme = QLineEdit()
        self._row(right, "theme", "会议主题*", self.theme)
        self._row(right, "lecturer", "主讲人", self.lecturer)
        self.lecturer_post = QLineEdit()
        self.lecturer_post.setPlaceholderText("如 党支部书记、街道党工委委员")
        self._row(right, "lecturer_post", "主讲人职务", self.lecturer_post)
        self.title = QLineEdit()
        self._row(right, "title", "党课题目*", self.title)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("留空：党课、主题党日、集中学习按起止时间计算")
        self._row(right, "hours", "学时", self.hours)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setObjectName("hint")
        self.right_form = right
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        lay = QVBoxLayout(page)
        lay.addLayout(columns)
        lay.addWidget(self.basis)
        lay.addStretch(1)
        return page

    def _content_tab(self) -> QWidget:
        page = QWidget()
        self.minutes, self.decisions = QPlainTextEdit(), QPlainTextEdit()
        self.minutes.setPlaceholderText("会议议程、发言要点、讨论情况……")
        self.decisions.setPlaceholderText("会议作出的决议、决定（每条一行）")
        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(80)
        self.add_file, self.remove_file = QPushButton("添加附件名…"), QPushButton("移除附件")
        files = QHBoxLayout()
        files.addWidget(self.add_file)
        files.addWidget(self.remove_file)
        files.addStretch(1)
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel("会议记录"))
        lay.addWidget(self.minutes, 3)
        lay.addWidget(QLabel("决议（决定）事项"))
        lay.addWidget(self.decisions, 1)
        lay.addWidget(QLabel("附件（只记文件名，文件请另行归档）"))
        lay.addWidget(self.attachments)
        lay.addLayout(files)
        return page

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.type.currentTextChanged.connect(lambda _t: (self._type_changed(), self._refetch.start()))
        self.org.currentIndexChanged.connect(lambda _i: self._refetch.start())
        self.date.dateChanged.connect(lambda _d: self._refetch.start())
        self.status.currentTextChanged.connect(lambda _t: self._type_changed())
        self._refetch.timeout.connect(self.refetch)
        self.add_file.clicked.connect(self._add_file)
        self.remove_file.clicked.connect(lambda: [self.attachments.takeItem(self.attachments.row(i))
                                                  for i in self.attachments.selectedItems()])
        self.votes.add_vote.clicked.connect(self.add_vote_row)

    # -- behaviour ---------------------------------------------------------------------

    def _type_changed(self) -> None:
        t = self.types.get(self.type.currentText())
        lecture = self.type.currentText() == "党课"
        for key in ("lecturer", "lecturer_post", "title"):  # a 党课's own rows
            self.right_form.setRowVisible(self.edits[key].parentWidget(), lecture or bool(self.edits[key].text()))
        held = self.status.currentText() == "已召开"
        self.tabs.setTabEnabled(3, bool(t and t.has_votes) and held)
        self.attendance.set_basis(t.attendees if t else "")
        self.attendance.set_held(held)
        rule = next((r for r in self.choices.rules if r.type_name == self.type.currentText()), None)
        self.basis.setText(f"{rule.type_name}：{rule.text}（{rule.basis_text}）" if rule and rule.count else "")

    def refetch(self) -> None:
        """Ask again who is expected (the date, organisation or type changed)."""
        org_id, type_name, day = self.org.currentData(), self.type.currentText(), self.day()
        if org_id is None or not type_name:
            return
        self.fetch_expected(org_id, type_name, day, self.attendance.set_expected)

    def _add_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择附件（只记录文件名）")
        from pathlib import Path

        for p in paths:
            self.attachments.addItem(Path(p).name)

    def add_vote_row(self) -> None:
        c = self.attendance.model.counts()
        self.votes.add(c["voters"], c["voters_present"])

    def day(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    # -- errors --------------------------------------------------------------------

    def show_error(self, exc: BaseException) -> None:
        self.clear_errors()
        field = getattr(exc, "field", "")
        key = FIELDS.get(field)
        if key is not None:
            self.tabs.setCurrentIndex(0)
            self.errors[key].setText(exc.message)
            self.errors[key].show()
            self.edits[key].setFocus()
            return
        if field in ATTENDANCE_FIELDS:
            self.tabs.setCurrentIndex(1)
        elif field in VOTE_FIELDS:
            self.tabs.setCurrentIndex(3)
        elif field == "附件":
            self.tabs.setCurrentIndex(2)
        self.error.setText(str(exc))

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.error.setText("")

    # -- load / read -----------------------------------------------------------------

    def load_new(self, *, org_id: int | None, type_name: str, day: date, status: str = "已召开") -> None:
        self.setWindowTitle("安排会议计划" if status == "计划" else "登记会议记录")
        self.type.setCurrentText(type_name)
        if org_id is not None:
            self.org.setCurrentIndex(max(self.org.findData(org_id), 0))
        self.status.setCurrentText(status)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self._type_changed()
        self.refetch()

    def load(self, d, *, status: str | None = None) -> None:
        """An existing record (or a plan, to record as held with ``status="已召开"``)."""
        self.meeting_id, self.version = d.row.id, d.version
        self.setWindowTitle(f"会议记录 — {d.row.type_name} {d.row.meeting_date.isoformat()}")
        for widget in (self.type, self.org, self.date):
            widget.blockSignals(True)
        self.type.setCurrentText(d.row.type_name)
        self.org.setCurrentIndex(max(self.org.findData(d.row.org_id), 0))
        self.status.setCurrentText(status or (d.row.status if d.row.status != "取消" else "计划"))
        day = d.row.meeting_date
        self.date.setDate(QDate(day.year, day.month, day.day))
        for widget in (self.type, self.org, self.date):
            widget.blockSignals(False)
        self.start.setText(f"{d.start_time:%H:%M}" if d.start_time else "")
        self.end.setText(f"{d.end_time:%H:%M}" if d.end_time else "")
        for edit, value in ((self.place, d.place), (self.host, d.row.host), (self.recorder, d.recorder),
                            (self.theme, d.theme), (self.lecturer, d.lecturer), (self.lecturer_post, d.lecturer_post),
                            (self.title, d.title), (self.hours, f"{d.study_hours:g}" if d.study_hours is not None else "")):
            edit.setText(value)
        self.minutes.setPlainText(d.minutes)
        self.decisions.setPlainText(d.decisions)
        self.attachments.clear()
        self.attachments.addItems(list(d.attachments))
        self.attendance.load(d.people, d.attendees_basis)
        self.votes.model.set_votes([Vote(v.subject, v.eligible, v.present_eligible, v.yes, v.no, v.abstain)
                                    for v in d.votes])
        self._type_changed()

    def to_command(self) -> MeetingData:
        """What the clerk entered; an unreadable time raises ValidationError naming the field."""
        held = self.status.currentText() == "已召开"
        return MeetingData(
            type_name=self.type.currentText(), org_id=self.org.currentData(), meeting_date=self.day(),
            status=self.status.currentText(), start_time=parse_time(self.start.text(), "开始时间"),
            end_time=parse_time(self.end.text(), "结束时间"), place=self.place.text(), host=self.host.text(),
            recorder=self.recorder.text(), lecturer=self.lecturer.text(), lecturer_post=self.lecturer_post.text(),
            title=self.title.text(), theme=self.theme.text(), minutes=self.minutes.toPlainText(),
            decisions=self.decisions.toPlainText(),
            attachments=tuple(self.attachments.item(i).text() for i in range(self.attachments.count())),
            study_hours=self.hours.text().strip() or None, attendance=self.attendance.model.entries(),
            votes=tuple(v.counts() for v in self.votes.model.votes) if held and self.tabs.isTabEnabled(3) else (),
        )
