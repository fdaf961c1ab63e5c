"""The member form: every field of the record, fast to fill with the keyboard.

Typing the 公民身份号码 fills 出生日期 and 性别 when they are empty and flags a
mismatch with values already entered. Errors from the service appear next to the
field they concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from app.domain import codes, idnumber
from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData


@dataclass(frozen=True)
class OrgChoice:
    id: int
    name: str
    level: str
    parent_id: int | None


FLAGS = (
    ("is_hardship", "困难党员"), ("is_community_reported", "在职党员到社区报到"), ("shows_identity", "亮身份"),
    ("is_congress_delegate", "党代表"), ("is_reserve_cadre", "后备干部"), ("is_retired", "离退休"),
    ("has_post", "有职党员（设岗定责）"),
)
TEXT_FIELDS = (
    ("native_place", "籍贯"), ("work_unit", "工作单位及职务"), ("phone", "联系电话"), ("address", "家庭住址"),
    ("household_police", "户口所在地派出所"), ("mobile_card_no", "流动党员活动证号"),
)
DATE_FIELDS = (("birth_date", "出生日期"), ("join_date", "入党日期"), ("full_date", "转正日期"),
               ("work_start_date", "参加工作日期"))
LABEL_TO_FIELD = {label: key for key, label in TEXT_FIELDS + DATE_FIELDS} | {
    "姓名": "name", "性别": "gender", "民族": "ethnicity", "公民身份号码": "id_number", "学历": "education",
    "人员类别": "category", "工作岗位": "job_post", "党内职务": "party_post", "所在党支部": "org_id", "党小组": "group_id",
}


def _combo(items, editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.addItems(list(items))
    if editable:
        box.setInsertPolicy(QComboBox.NoInsert)
        box.completer().setFilterMode(Qt.MatchContains)
        box.completer().setCompletionMode(box.completer().CompletionMode.PopupCompletion)
    return box


class MemberForm(QDialog):
    def __init__(self, orgs: list[OrgChoice], parent: QWidget | None = None, *, title: str = "党员信息") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.orgs = orgs
        self.member_id: int | None = None
        self.version: int | None = None
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._build()
        self._connect_signals()

    # -- building ----------------------------------------------------------

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
        left, right = QFormLayout(), QFormLayout()
        self.name = QLineEdit()
        self._row(left, "name", "姓名*", self.name)
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("18位；不知道可暂不填（待补充）")
        self._row(left, "id_number", "公民身份号码", self.id_number)
        self.id_hint = QLabel()
        self.id_hint.setStyleSheet("color: #555;")
        left.addRow("", self.id_hint)
        self.gender = _combo(["", "男", "女"])
        self._row(left, "gender", "性别", self.gender)
        self.ethnicity = _combo([""] + list(codes.ethnicities()), editable=True)
        self._row(left, "ethnicity", "民族", self.ethnicity)
        for key, label in DATE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText("如 1985-03-02、1985.3 或 1985年3月")
            self._row(left if key != "work_start_date" else right, key, label, edit)
        self.category = _combo(["正式党员", "预备党员"])
        self._row(left, "category", "人员类别", self.category)
        self.education = _combo([""] + list(codes.education_levels()), editable=True)
        self._row(right, "education", "学历", self.education)
        self.job_post = _combo([""] + list(codes.job_posts()), editable=True)
        self._row(right, "job_post", "工作岗位", self.job_post)
        self.party_post = _combo([""] + list(codes.PARTY_POSTS), editable=True)
        self._row(right, "party_post", "党内职务", self.party_post)
        for key, label in TEXT_FIELDS:
            self._row(right, key, label, QLineEdit())
        self.org = QComboBox()
        branches = [o for o in self.orgs if o.level == "党支部"]
        for o in branches or [o for o in self.orgs if o.level != "党小组"]:
            self.org.addItem(o.name, o.id)
        self._row(left, "org_id", "所在党支部*", self.org)
        self.group = QComboBox()
        self._row(left, "group_id", "党小组", self.group)
        flags = QGroupBox("标记")
        grid = QGridLayout(flags)
        self.flags = {}
        for i, (key, label) in enumerate(FLAGS):
            box = QCheckBox(label)
            grid.addWidget(box, i // 4, i % 4)
            self.flags[key] = box
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(54)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #C00000;")
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(flags)
        layout.addWidget(QLabel("备注"))
        layout.addWidget(self.notes)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._refresh_groups()

    def _connect_signals(self) -> None:
        self.id_number.textChanged.connect(self._id_changed)
        self.org.currentIndexChanged.connect(self._refresh_groups)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self._try_accept)

    # -- behaviour -----------------------------------------------------------

    def _refresh_groups(self) -> None:
        org_id = self.org.currentData()
        current = self.group.currentData()
        self.group.clear()
        self.group.addItem("（无）", None)
        for o in self.orgs:
            if o.level == "党小组" and o.parent_id == org_id:
                self.group.addItem(o.name, o.id)
        index = self.group.findData(current)
        self.group.setCurrentIndex(max(index, 0))

    def _id_changed(self, text: str) -> None:
        text = text.strip()
        self.id_hint.setText("")
        self._set_error("id_number", None)
        if len(idnumber.normalise(text)) not in (15, 18):
            return
        try:
            info = idnumber.parse(text)
        except ValidationError as exc:
            self._set_error("id_number", exc.message)
            return
        notes = []
        if info.converted_from_15:
            notes.append(f"15位旧号码已转换为 {info.number}")
        if not self.gender.currentText():
            self.gender.setCurrentText(info.gender)
        elif self.gender.currentText() != info.gender:
            notes.append(f"⚠ 性别填的是“{self.gender.currentText()}”，号码显示为“{info.gender}”")
        birth_edit: QLineEdit = self.edits["birth_date"]
        if not birth_edit.text().strip():
            birth_edit.setText(info.birth_date.isoformat())
        else:
            try:
                typed = PartialDate.parse(birth_edit.text())
                if typed.value.year != info.birth_date.year or (
                    typed.precision.value != "年" and typed.value.month != info.birth_date.month
                ) or (typed.precision.value == "日" and typed.value != info.birth_date):
                    notes.append(f"⚠ 出生日期填的是 {typed}，号码显示为 {info.birth_date.isoformat()}")
            except ValueError:
                pass
        self.id_hint.setText("；".join(notes) or f"✓ 号码有效：{info.birth_date.isoformat()} 出生，{info.gender}")

    def _set_error(self, key: str, message: str | None) -> None:
        label = self.errors.get(key)
        if label is None:
            self.general_error.setText(message or "")
            return
        label.setText(message or "")
        label.setVisible(bool(message))

    def show_error(self, exc: ValidationError) -> None:
        """Put a service error next to its field (or at the bottom when no field matches)."""
        key = LABEL_TO_FIELD.get(exc.field)
        if key is None:
            self.general_error.setText(str(exc))
            return
        self._set_error(key, exc.message)
        self.edits[key].setFocus()

    def clear_errors(self) -> None:
        for key in self.errors:
            self._set_error(key, None)
        self.general_error.setText("")

    def _try_accept(self) -> None:
        self.clear_errors()
        try:
            self.to_data()
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.accept()

    # -- load / read -----------------------------------------------------------

    def load(self, data: MemberData, *, member_id: int | None = None, version: int | None = None) -> None:
        self.member_id, self.version = member_id, version
        self.name.setText(data.name)
        self.id_number.blockSignals(True)
        self.id_number.setText(data.id_number or "")
        self.id_number.blockSignals(False)
        self.gender.setCurrentText(data.gender or "")
        self.ethnicity.setCurrentText(data.ethnicity or "")
        for key, _ in DATE_FIELDS:
            value = getattr(data, key)
            self.edits[key].setText("" if value is None else (value.isoformat() if isinstance(value, date) else str(value)))
        self.category.setCurrentText(data.category)
        self.education.setCurrentText(data.education or "")
        self.job_post.setCurrentText(data.job_post or "")
        self.party_post.setCurrentText(data.party_post or "")
        for key, _ in TEXT_FIELDS:
            self.edits[key].setText(getattr(data, key) or "")
        if data.org_id is not None:
            self.org.setCurrentIndex(max(self.org.findData(data.org_id), 0))
        self._refresh_groups()
        self.group.setCurrentIndex(max(self.group.findData(data.group_id), 0))
        for key, box in self.flags.items():
            box.setChecked(bool(getattr(data, key)))
        self.notes.setPlainText(data.notes or "")

    def _date(self, key: str, label: str):
        text = self.edits[key].text().strip()
        if not text:
            return None
        try:
            value = PartialDate.parse(text)
        except ValueError as exc:
            raise ValidationError(label, str(exc)) from None
        return value

    def to_data(self) -> MemberData:
        """What the clerk entered; unparsable dates raise ValidationError naming the field."""
        dates = {key: self._date(key, label) for key, label in DATE_FIELDS}
        return MemberData(
            name=self.name.text(), org_id=self.org.currentData(), group_id=self.group.currentData(),
            gender=self.gender.currentText() or None, ethnicity=self.ethnicity.currentText() or None,
            id_number=self.id_number.text() or None, education=self.education.currentText() or None,
            category=self.category.currentText(), job_post=self.job_post.currentText() or None,
            party_post=self.party_post.currentText() or None, notes=self.notes.toPlainText() or None,
            **dates,
            **{key: self.edits[key].text() or None for key, _ in TEXT_FIELDS},
            **{key: box.isChecked() for key, box in self.flags.items()},
        )
