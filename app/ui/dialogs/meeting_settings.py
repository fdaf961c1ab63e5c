"""频次设置: how many meetings of each type a period needs (the rule's article beside it), 学时, the clerk's own types."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from app.domain.meeting_rules import DEFAULTS_BY_TYPE

PERIODS = ("月", "季度", "年")


class FrequencyDialog(QDialog):
    def __init__(self, rules, types, minutes: int, *, runner, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("三会一课频次设置")
        self.resize(760, 560)
        self.runner = runner
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["会议类型", "至少（次）", "每", "依据"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.setColumnWidth(0, 130)
        self.minutes = QSpinBox()
        self.minutes.setRange(30, 60)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(" 分钟 = 1 学时")
        hint = QLabel("次数为0表示不考核。全国规定的周期不能改，只能调整次数；党课的“每季度1次”是地方惯例，可按本地要求调整。"
                      "党员每年集中学习培训一般不少于32学时（党员教育管理工作条例 第二十条）。")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        box = QGroupBox("新增本单位的会议（活动）类型")
        form = QFormLayout(box)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("如 党建工作例会、警示教育")
        self.new_attendees = QComboBox()
        self.new_attendees.addItems(["全体党员", "委员会委员", "指定人员"])
        self.new_study, self.new_votes = QCheckBox("计入学时"), QCheckBox("登记表决票数")
        self.add_button = QPushButton("添加类型")
        flags = QHBoxLayout()
        for w in (self.new_study, self.new_votes, self.add_button):
            flags.addWidget(w)
        flags.addStretch(1)
        form.addRow("名称", self.new_name)
        form.addRow("应到人员", self.new_attendees)
        form.addRow(flags)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B00000;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("学时折算"))
        row.addWidget(self.minutes)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(box)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.load(rules, types)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.save)
        self.add_button.clicked.connect(self.add_type)

    def load(self, rules, types) -> None:
        by_type = {r.type_name: r for r in rules}
        self.table.setRowCount(0)
        self.rows = []
        for t in types:
            rule = by_type.get(t.name)
            default = DEFAULTS_BY_TYPE.get(t.name)
            r = self.table.rowCount()
            self.table.insertRow(r)
            self.table.setItem(r, 0, QTableWidgetItem(t.name))
            count = QSpinBox()
            count.setRange(0, 31)
            count.setValue(rule.count if rule else 0)
            self.table.setCellWidget(r, 1, count)
            if default is not None:
                period = None
                self.table.setItem(r, 2, QTableWidgetItem(default.period.value + ("（每个党小组）" if default.per_group else "")))
                basis = default.basis_text
            else:
                period = QComboBox()
                period.addItems(PERIODS)
                period.setCurrentText(rule.period.value if rule else "月")
                self.table.setCellWidget(r, 2, period)
                basis = "本单位自定" + ("；计入学时" if t.counts_study else "") + f"；应到：{t.attendees}"
            self.table.setItem(r, 3, QTableWidgetItem(basis))
            self.rows.append((t.name, count, period))

    def values(self) -> dict[str, tuple[int, str | None]]:
        return {name: (count.value(), period.currentText() if period is not None else None)
                for name, count, period in self.rows}

    def save(self) -> None:
        self.error.setText("")
        self.runner.submit(_save, self.values(), self.minutes.value(), write=True, kind="settings",
                           on_done=lambda _r: self.accept(), on_error=lambda e: self.error.setText(str(e)))

    def add_type(self) -> None:
        self.error.setText("")
        kept = self.values()

        def added(data) -> None:
            rules, types, _minutes = data
            self.load(rules, types)
            for name, count, period in self.rows:  # what was being edited stays as it was
                if name in kept:
                    count.setValue(kept[name][0])
                    if period is not None and kept[name][1]:
                        period.setCurrentText(kept[name][1])
            self.new_name.clear()

        self.runner.submit(_add, self.new_name.text(), self.new_attendees.currentText(), self.new_study.isChecked(),
                           self.new_votes.isChecked(), write=True, kind="meeting", on_done=added,
                           on_error=lambda e: self.error.setText(str(e)))


def _save(s, counts, minutes):
    from app.ui.pages.meetings_jobs import save_frequencies

    save_frequencies(s, counts, minutes)


def _add(s, name, attendees, counts_study, has_votes):
    from app.ui.pages.meetings_jobs import add_type, frequencies

    add_type(s, name, attendees, counts_study, has_votes)
    return frequencies(s)
