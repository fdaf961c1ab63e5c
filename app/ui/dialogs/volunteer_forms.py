"""志愿服务 forms: a volunteer, a team, an activity, adding participants, confirming hours, a certificate."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QTimeEdit, QWidget,
)

from app.domain.enums import IdDocumentType
from app.domain.volunteer_rules import VolunteerData
from app.ui.dialogs.form_base import FormDialog as BaseForm

NONE_DATE = QDate(1900, 1, 1)


def qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else NONE_DATE


def pydate(edit: QDateEdit) -> date | None:
    d = edit.date()
    return None if d == NONE_DATE else date(d.year(), d.month(), d.day())


def date_edit(value: date | None, *, optional: bool = False) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    if optional:
        edit.setMinimumDate(NONE_DATE)
        edit.setSpecialValueText("未填")
    edit.setDate(qdate(value) if value or optional else QDate.currentDate())
    return edit


def combo(items: list[tuple[object, str]], current=None, *, blank: str | None = None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for key, text in items:
        box.addItem(text, key)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


class FormDialog(BaseForm):
    """The shared form (dialogs.form_base) with a helper for rows of labelled widgets."""

    def rows(self, pairs) -> None:
        for label, widget in pairs:
            self.form.addRow(label, widget)

    def hint(self, text: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("hint")
        self.form.addRow(label)


class VolunteerDialog(FormDialog):
    """登记 / 编辑志愿者 (志愿服务条例 第七条: 身份信息、服务技能、服务时间、联系方式)."""

    def __init__(self, orgs: list[tuple[int, str]], view=None, parent: QWidget | None = None) -> None:
        super().__init__("编辑志愿者" if view else "登记志愿者", parent)
        d: VolunteerData = view.data if view else VolunteerData(name="")
        self.member_id = d.member_id
        self.kind = combo([("个人", "个人"), ("团体", "团体")], d.kind)
        self.name = QLineEdit(d.name)
        self.gender = combo([("男", "男"), ("女", "女")], d.gender, blank="（按证件号码）")
        self.id_type = combo([(t.value, t.value) for t in IdDocumentType], d.id_type)
        self.id_number = QLineEdit(d.id_number or "")
        self.phone = QLineEdit(d.phone or "")
        self.skills = QLineEdit(d.skills or "")
        self.skills.setPlaceholderText("如：理发、家电维修、急救")
        self.volunteer_no = QLineEdit(d.volunteer_no or "")
        self.volunteer_no.setPlaceholderText("全国志愿服务信息系统中的编号（可不填）")
        self.registered_on = date_edit(d.registered_on or date.today())
        self.org = combo(orgs, d.org_id, blank="（党员按所在支部，其余按本级）")
        self.contact = QLineEdit(d.contact_person or "")
        self.size = QSpinBox()
        self.size.setRange(0, 100000)
        self.size.setValue(d.group_size or 0)
        self.size.setSpecialValueText("未填")
        self.notes = QLineEdit(d.notes or "")
        linked = QLabel(f"已关联党员：{view.member_name}" if view and view.member_name else "")
        self.rows([("类型", self.kind), ("姓名/团体名称", self.name), ("性别", self.gender), ("证件类型", self.id_type),
                   ("证件号码", self.id_number), ("联系电话", self.phone), ("服务技能", self.skills),
                   ("志愿者编号", self.volunteer_no), ("注册日期", self.registered_on), ("所属组织", self.org),
                   ("团体联系人", self.contact), ("团体人数", self.size), ("备注", self.notes)])
        if linked.text():
            self.form.addRow(linked)
        self.hint("居民身份证按国家标准校验；港澳台居民居住证、通行证和护照按其号码格式检查。")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        group = self.kind.currentData() == "团体"
        for w in (self.gender, self.id_type):
            w.setEnabled(not group)
        self.contact.setEnabled(group)
        self.size.setEnabled(group)

    def values(self) -> VolunteerData:
        return VolunteerData(
            name=self.name.text(), kind=self.kind.currentData(), member_id=self.member_id,
            gender=self.gender.currentData(), id_type=self.id_type.currentData(), id_number=self.id_number.text(),
            phone=self.phone.text(), skills=self.skills.text(), volunteer_no=self.volunteer_no.text(),
            registered_on=pydate(self.registered_on), contact_person=self.contact.text(),
            group_size=self.size.value() or None, org_id=self.org.currentData(), notes=self.notes.text())


class TeamDialog(FormDialog):
    def __init__(self, orgs, categories, people, view=None, parent: QWidget | None = None) -> None:
        super().__init__("编辑服务队" if view else "新建服务队", parent)
        d = view.data if view else None
        self.name = QLineEdit(d.name if d else "")
        self.org = combo(orgs, d.org_id if d else None, blank="（本级）")
        self.category = combo(categories, d.category_id if d else None, blank="（未定）")
        self.leader = combo(people, d.leader_id if d else None, blank="（未定）")
        self.founded_on = date_edit(d.founded_on if d else None, optional=True)
        self.notes = QLineEdit(d.notes or "" if d else "")
        self.rows([("服务队名称", self.name), ("所属组织", self.org), ("服务类别", self.category), ("队长", self.leader),
                   ("成立日期", self.founded_on), ("备注", self.notes)])

    def values(self):
        from app.services.volunteer_teams import TeamData

        return TeamData(self.name.text(), self.org.currentData(), self.leader.currentData(),
                        self.category.currentData(), pydate(self.founded_on), self.notes.text())


class ActivityDialog(FormDialog):
    """登记 / 编辑活动: title, date and time, place, category, organising team, 受益人次, content."""

    def __init__(self, orgs, categories, teams, view=None, parent: QWidget | None = None) -> None:
        super().__init__("编辑活动" if view else "登记志愿服务活动", parent)
        d = view.data if view else None
        self.title = QLineEdit(d.title if d else "")
        self.day = date_edit(d.activity_date if d else date.today())
        self.timed = QCheckBox("记录起止时间（每人时长默认为活动时长）")
        self.timed.setChecked(d is None or d.start_time is not None)
        self.start = QTimeEdit(QTime(*(d.start_time.hour, d.start_time.minute) if d and d.start_time else (9, 0)))
        self.end = QTimeEdit(QTime(*(d.end_time.hour, d.end_time.minute) if d and d.end_time else (11, 0)))
        for t in (self.start, self.end):
            t.setDisplayFormat("HH:mm")
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("至"))
        times.addWidget(self.end)
        times.addStretch(1)
        box = QWidget()
        box.setLayout(times)
        times.setContentsMargins(0, 0, 0, 0)
        self.place = QLineEdit(d.place or "" if d else "")
        self.category = combo(categories, d.category_id if d else None, blank="（未分类）")
        self.team = combo(teams, d.team_id if d else None, blank="（无）")
        self.org = combo(orgs, d.org_id if d else None, blank="（本级）")
        self.beneficiaries = QSpinBox()
        self.beneficiaries.setRange(0, 10_000_000)
        self.beneficiaries.setValue(d.beneficiaries if d else 0)
        self.recorder = QLineEdit(d.recorder or "" if d else "")
        self.description = QPlainTextEdit(d.description or "" if d else "")
        self.description.setFixedHeight(70)
        self.rows([("活动名称", self.title), ("活动日期", self.day), ("", self.timed), ("时间", box),
                   ("服务地点", self.place), ("服务类别", self.category), ("组织服务队", self.team),
                   ("所属组织", self.org), ("受益人次", self.beneficiaries), ("记录人", self.recorder),
                   ("服务内容", self.description)])
        self.timed.toggled.connect(box.setEnabled)
        box.setEnabled(self.timed.isChecked())

    def values(self):
        from app.services.volunteer_activities import ActivityData

        start = end = None
        if self.timed.isChecked():
            s, e = self.start.time(), self.end.time()
            start, end = time(s.hour(), s.minute()), time(e.hour(), e.minute())
        return ActivityData(self.title.text(), pydate(self.day), start, end, self.place.text(),
                            self.category.currentData(), self.team.currentData(), self.org.currentData(),
                            self.beneficiaries.value(), self.description.toPlainText(), self.recorder.text())


class ParticipantsDialog(FormDialog):
    """添加参加者: a whole team, and/or a pasted or scanned list of names, 志愿者编号 or 证件号码."""

    def __init__(self, teams, team_id, span, parent: QWidget | None = None) -> None:
        super().__init__("添加参加者", parent, ok="添加")
        self.team = combo(teams, team_id, blank="（不按服务队）")
        self.team.setCurrentIndex(max(self.team.findData(team_id), 0) if team_id else 0)
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("每行一个或用逗号、顿号、空格分隔；可以是姓名、志愿者编号或证件号码（扫码枪扫入亦可）")
        self.names.setMinimumHeight(150)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(f"留空 = 活动时长 {span} 小时" if span is not None else "必填，如 2 或 1.5")
        self.register = QCheckBox("名单中尚未登记的在册党员，自动登记为党员志愿者")
        self.register.setChecked(True)
        self.rows([("服务队全体队员", self.team), ("名单", self.names), ("每人服务时长（小时）", self.hours),
                   ("", self.register)])
        self.hint("只计实际服务时间，不含往返交通时间；添加后为“待确认”，确认后计入本人时长。")

    def values(self) -> dict:
        return {"team_id": self.team.currentData(), "text": self.names.toPlainText(),
                "hours": self.hours.text().strip() or None, "register": self.register.isChecked()}


class ConfirmDialog(FormDialog):
    def __init__(self, count: int, by: str, parent: QWidget | None = None) -> None:
        super().__init__(f"确认服务时长（{count} 人）", parent, ok="确认")
        self.by = QLineEdit(by)
        self.by.setPlaceholderText("活动组织者或服务对象")
        self.on = date_edit(date.today())
        self.rows([("确认人", self.by), ("确认日期", self.on)])
        self.hint("确认后时长计入本人记录，可用于统计和出具证明（志愿服务记录与证明出具办法 第三条：真实、准确）。")

    def values(self) -> dict:
        return {"by": self.by.text(), "on": pydate(self.on)}


class CertificateDialog(FormDialog):
    """出具志愿服务证明: the period, and the issuer as 民发〔2015〕149号 asks (名称、负责人、经办人、联系方式)."""

    def __init__(self, name: str, issuer, parent: QWidget | None = None) -> None:
        super().__init__(f"出具志愿服务证明 — {name}", parent, ok="出具并保存 PDF…")
        today = date.today()
        self.year = QComboBox()
        for y in range(today.year, today.year - 30, -1):
            self.year.addItem(f"{y}年", y)
        self.quarter = combo([(q, f"第{q}季度") for q in (1, 2, 3, 4)], blank="全年")
        self.custom = QCheckBox("自定起止日期")
        self.start = date_edit(date(today.year, 1, 1))
        self.end = date_edit(today)
        self.issuer = QLineEdit(issuer.name)
        self.leader = QLineEdit(issuer.leader)
        self.handler = QLineEdit(issuer.handler)
        self.phone = QLineEdit(issuer.phone)
        self.issued_on = date_edit(today)
        self.rows([("年度", self.year), ("季度", self.quarter), ("", self.custom), ("起始日期", self.start),
                   ("截止日期", self.end), ("出具单位", self.issuer), ("负责人", self.leader), ("经办人", self.handler),
                   ("联系电话", self.phone), ("出具日期", self.issued_on)])
        self.hint("证明编号自动生成，出具记入审计日志；证件号码部分隐去；证明免费出具（志愿服务条例 第十九条）。")
        self.custom.toggled.connect(self._custom)
        self._custom(False)

    def _custom(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.year.setEnabled(not on)
        self.quarter.setEnabled(not on)

    def values(self) -> dict:
        from app.domain.volunteer_rules import custom_period, period_of
        from app.services.volunteer_certificate import Issuer

        period = (custom_period(pydate(self.start), pydate(self.end)) if self.custom.isChecked()
                  else period_of(self.year.currentData(), self.quarter.currentData()))
        return {"period": period, "issued_on": pydate(self.issued_on),
                "issuer": Issuer(self.issuer.text(), self.leader.text(), self.handler.text(), self.phone.text())}
