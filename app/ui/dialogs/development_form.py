"""One person's 发展党员 file: the steps by stage, the people, the documents, and the timeline with the checks.

Saving keeps the dialog open and shows the case judged again, so the clerk sees at once
what the rules say of the dates just entered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from app.domain.errors import ValidationError

STAGES = (
    ("申请入党", [("applied_on", "递交入党申请书"), ("talked_on", "党组织派人谈话"), ("谈话人", "谈话人")]),
    ("积极分子", [("activist_on", "确定为入党积极分子"), ("activist_method", "推荐方式"), ("activist_filed_on", "报上级党委备案"),
              ("培养联系人", "培养联系人（1–2名正式党员）")]),
    ("发展对象", [("publicity_start", "公示开始"), ("publicity_end", "公示结束"), ("candidate_on", "列为发展对象"),
              ("入党介绍人", "入党介绍人（2名正式党员）"), ("political_review_on", "政治审查"),
              ("political_review_result", "政审结论"), ("training_days", "培训天数"), ("training_hours", "培训学时"),
              ("training_passed_on", "培训结业"), ("pre_review_on", "基层党委预审")]),
    ("接收预备党员", [("form_filled_on", "填写入党志愿书"), ("branch_meeting_on", "支部大会讨论接收"),
                 ("vote_eligible", "应到有表决权"), ("vote_present", "实到有表决权"), ("vote_yes", "赞成"), ("vote_no", "反对"),
                 ("vote_abstain", "弃权"), ("higher_talk_on", "上级党委派人谈话"), ("higher_talk_by", "谈话人（党委委员或组织员）"),
                 ("approved_on", "上级党委审批"), ("approving_body", "审批党委"), ("oath_on", "入党宣誓")]),
    ("转正", [("probation_extended_to", "延长预备期至"), ("extension_decided_on", "决定延长日期"),
            ("confirm_applied_on", "提出转正申请"), ("confirm_meeting_on", "支部大会讨论转正"),
            ("confirm_vote_eligible", "应到有表决权"), ("confirm_vote_present", "实到有表决权"), ("confirm_vote_yes", "赞成"),
            ("confirm_vote_no", "反对"), ("confirm_vote_abstain", "弃权"), ("confirm_approved_on", "上级党委审批转正")]),
    ("终止", [("terminated_on", "终止日期"), ("termination_reason", "终止原因（如取消预备党员资格）")]),
)
BASIC = (("name", "姓名"), ("id_number", "公民身份号码"), ("ethnicity", "民族"), ("education", "学历"),
         ("work_unit", "工作单位"), ("job_post", "职务/岗位"), ("phone", "联系电话"), ("leaving_on", "预计离开单位日期"))
ROLES = ("谈话人", "培养联系人", "入党介绍人")
DOCUMENT_KINDS = ("思想汇报", "半年考察意见", "自传", "政审材料", "培训结业证明", "入党志愿书", "入党申请书")


def _load(s, record_id, on):
    from app.services.development_timeline import case_file
    from app.services.views.organisations import org_choices

    branches = [(c.id, c.name) for c in org_choices(s) if c.level == "党支部"]
    return (case_file(s, record_id, on) if record_id else None), branches


def _save(s, record_id, version, name, org_id, gender, transferred, values, people):
    from app.services import development as dev

    rid = dev.save_record(s, record_id, dev.RecordData(name, org_id, gender=gender or None, values=values,
                                                        transferred_in=transferred), expected_version=version)
    for role, names in people.items():
        dev.set_people(s, rid, role, [dev.PersonEntry(n) for n in names])
    return rid


def _add_document(s, record_id, kind, period, received):
    from app.services.development import add_document

    return add_document(s, record_id, kind, period=period, received_on=received)


def _delete_document(s, document_id):
    from app.services.development import delete_document

    delete_document(s, document_id)


def _names(text: str) -> list[str]:
    for sep in ("，", ",", " ", "；", ";"):
        text = text.replace(sep, "、")
    return [x for x in text.split("、") if x]


def _date(text: str) -> date | None:
    from app.domain.dates import PartialDate

    text = text.strip()
    return PartialDate.parse(text).value if text else None


class CaseDialog(QDialog):
    def __init__(self, runner, record_id: int | None, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.record_id, self.on, self.version = runner, record_id, on, None
        self.setWindowTitle("发展党员档案")
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        head = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        row = QHBoxLayout()
        for key, label in BASIC:
            edit = QLineEdit()
            edit.setObjectName(key)
            self.fields[key] = edit
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.org = QComboBox()
        self.transferred = QCheckBox("从其他党组织转来（培养时间连续计算，转正可推迟至多6个月）")
        row.addWidget(self.fields["name"])
        row.addWidget(QLabel("性别"))
        row.addWidget(self.gender)
        row.addWidget(QLabel("所在党支部"))
        row.addWidget(self.org, 1)
        head.addRow("姓名", row)
        ids = QHBoxLayout()
        for key in ("id_number", "ethnicity", "education"):
            if key != "id_number":
                ids.addWidget(QLabel(dict(BASIC)[key]))
            ids.addWidget(self.fields[key], 2 if key == "id_number" else 1)
        head.addRow("公民身份号码", ids)
        work = QHBoxLayout()
        for key in ("work_unit", "job_post", "phone", "leaving_on"):
            if key != "work_unit":
                work.addWidget(QLabel(dict(BASIC)[key]))
            work.addWidget(self.fields[key], 2 if key == "work_unit" else 1)
        head.addRow("工作单位", work)
        head.addRow("", self.transferred)
        layout.addLayout(head)
        self.tabs = QTabWidget()
        self.people: dict[str, QLineEdit] = {}
        for stage, items in STAGES:
            page = QWidget()
            form = QFormLayout(page)
            for key, label in items:
                edit = QLineEdit()
                edit.setObjectName(key)
                if key in ROLES:
                    edit.setPlaceholderText("姓名，多人用顿号分隔；在册党员自动关联")
                    self.people[key] = edit
                else:
                    if key.endswith("_on") or key in ("publicity_start", "publicity_end", "probation_extended_to"):
                        edit.setPlaceholderText("YYYY-MM-DD")
                    self.fields[key] = edit
                form.addRow(label, edit)
            self.tabs.addTab(page, stage)
        self.fields["leaving_on"].setPlaceholderText("YYYY-MM-DD")
        self.documents = QTableWidget(0, 4)
        self.documents.setHorizontalHeaderLabels(["材料", "期别", "收到日期", "摘要"])
        docs_page = QWidget()
        docs = QVBoxLayout(docs_page)
        docs.addWidget(self.documents, 1)
        add = QHBoxLayout()
        self.doc_kind = QComboBox()
        self.doc_kind.addItems(DOCUMENT_KINDS)
        self.doc_period = QLineEdit()
        self.doc_period.setPlaceholderText("季度，如 2026Q3")
        self.doc_date = QLineEdit(date.today().isoformat())
        self.doc_add = QPushButton("登记材料")
        self.doc_delete = QPushButton("删除选中材料")
        for w in (self.doc_kind, self.doc_period, self.doc_date, self.doc_add, self.doc_delete):
            add.addWidget(w)
        docs.addLayout(add)
        self.tabs.addTab(docs_page, "材料")
        self.steps = QTableWidget(0, 4)
        self.steps.setHorizontalHeaderLabels(["环节", "日期", "情况", "依据"])
        self.findings = QListWidget()
        check_page = QWidget()
        check = QVBoxLayout(check_page)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        check.addWidget(self.verdict)
        check.addWidget(self.findings)
        check.addWidget(self.steps, 2)
        self.tabs.addTab(check_page, "时间线与检查")
        layout.addWidget(self.tabs, 1)
        self.error = QLabel("")
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #B00000")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Close).setText("关闭")
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.runner.submit(_load, record_id, on, on_done=self.load)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.doc_add.clicked.connect(self.add_document)
        self.doc_delete.clicked.connect(self.delete_document)

    def load(self, result) -> None:
        case, branches = result
        self.org.clear()
        for org_id, name in branches:
            self.org.addItem(name, org_id)
        if case is None:
            self.tabs.setCurrentIndex(0)
            self.verdict.setText("新档案：从递交入党申请书的日期开始登记。")
            return
        self.record_id, self.version = case.record_id, case.version
        v = case.values
        for key, edit in self.fields.items():
            value = v.get(key)
            edit.setText("" if value is None else (value.isoformat() if isinstance(value, date) else str(value)))
        self.gender.setCurrentText(v.get("gender") or "")
        self.org.setCurrentIndex(max(self.org.findData(case.org_id), 0))
        self.transferred.setChecked(bool(v.get("transferred_in")))
        for role, edit in self.people.items():
            edit.setText("、".join(p.name for p in case.people if p.role == role))
        self.setWindowTitle(f"发展党员档案：{case.view.name}（{case.view.stage}）")
        self.documents.setRowCount(len(case.documents))
        for r, d in enumerate(case.documents):
            for c, text in enumerate((d.kind, d.period, d.received_on.isoformat() if d.received_on else "", d.summary)):
                item = QTableWidgetItem(text)
                item.setData(256, d.id)
                self.documents.setItem(r, c, item)
        self.steps.setRowCount(len(case.steps))
        for r, s in enumerate(case.steps):
            for c, text in enumerate((s.step, s.day.isoformat() if s.day else "", s.detail, s.article)):
                self.steps.setItem(r, c, QTableWidgetItem(text))
        self.steps.resizeColumnsToContents()
        view = case.view
        when = (f"，最早 {view.earliest}" if view.earliest else "") + (f"，截止 {view.deadline}" if view.deadline else "")
        self.verdict.setText(f"{self.on} 检查：{view.stage}。下一步：{view.next_step or '无（已完成或已终止）'}{when}"
                             + ("（已逾期）" if view.overdue else "") + ("（节假日表缺年份，暂算）" if view.provisional else "")
                             + f"\n依据：{case.rules}")
        self.findings.clear()
        for article, message in view.warnings:
            self.findings.addItem(f"⚠ {message}（{article or '本地做法'}）")
        if not view.warnings:
            self.findings.addItem("按规则检查，未发现问题。")

    def values(self) -> dict:
        from app.services.development import DATE_FIELDS

        out = {}
        for key, edit in self.fields.items():
            if key == "name":
                continue
            text = edit.text().strip()
            if key in DATE_FIELDS:
                try:
                    out[key] = _date(text)
                except ValueError as exc:
                    raise ValidationError(self._label(key), str(exc)) from None
            else:
                out[key] = text or None
        return out

    def _label(self, key: str) -> str:
        for _stage, items in STAGES:
            for k, label in items:
                if k == key:
                    return label
        return dict(BASIC).get(key, key)

    def save(self) -> None:
        self.error.setText("")
        try:
            values = self.values()
        except ValidationError as exc:
            self.show_error(exc)
            return
        people = {role: _names(edit.text()) for role, edit in self.people.items()}
        self.runner.submit(_save, self.record_id, self.version, self.fields["name"].text(), self.org.currentData(),
                           self.gender.currentText(), self.transferred.isChecked(), values, people, write=True,
                           kind="development", on_done=self._saved, on_error=self.show_error)

    def _saved(self, record_id: int) -> None:
        self.record_id = record_id
        self.error.setText("已保存。")
        self.error.setStyleSheet("color: #2E7D32")
        self.runner.submit(_load, record_id, self.on, on_done=self.load)
        self.tabs.setCurrentIndex(self.tabs.count() - 1)

    def show_error(self, exc: BaseException) -> None:
        self.error.setStyleSheet("color: #B00000")
        self.error.setText(str(exc))
        field = getattr(exc, "field", None)
        for key, edit in list(self.fields.items()) + list(self.people.items()):
            if field and (self._label(key) == field or key == field):
                for i in range(self.tabs.count()):
                    if self.tabs.widget(i).isAncestorOf(edit):
                        self.tabs.setCurrentIndex(i)
                edit.setFocus()
                break

    def add_document(self) -> None:
        if self.record_id is None:
            self.show_error(ValidationError("材料", "请先保存档案，再登记材料"))
            return
        try:
            received = _date(self.doc_date.text())
        except ValueError as exc:
            self.show_error(ValidationError("收到日期", str(exc)))
            return
        self.runner.submit(_add_document, self.record_id, self.doc_kind.currentText(), self.doc_period.text(), received,
                           write=True, kind="development", on_done=lambda _id: self._saved(self.record_id),
                           on_error=self.show_error)

    def delete_document(self) -> None:
        item = self.documents.item(self.documents.currentRow(), 0) if self.documents.currentRow() >= 0 else None
        if item is None:
            return
        self.runner.submit(_delete_document, item.data(256), write=True, kind="development",
                           on_done=lambda _r: self._saved(self.record_id), on_error=self.show_error)
