"""Editing the organisation tree and committees from the 组织 page."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout,
    QWidget,
)

from app.domain.dates import PartialDate
from app.domain.enums import CommitteePostKind, OrgLevel, OrgType
from app.domain.errors import ValidationError
from app.ui.tasks import error_text


class OrgForm(QDialog):
    """Name, level, type, parent and the details of one organisation."""

    def __init__(self, choices, parent: QWidget | None = None, *, title: str = "党组织") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.org_id: int | None = None
        self.version: int | None = None
        self.name = QLineEdit()
        self.level = QComboBox()
        self.level.addItems([lv.value for lv in OrgLevel])
        self.org_type = QComboBox()
        self.org_type.addItems([t.value for t in OrgType])
        self.parent_org = QComboBox()
        for c in choices:
            self.parent_org.addItem("　" * c.depth + c.name, c.id)
        self.founded = QLineEdit()
        self.founded.setPlaceholderText("如 1998-07-01")
        self.extra = {k: QLineEdit() for k in ("short_name", "code", "host_units", "contact_phone", "address")}
        form = QFormLayout()
        form.addRow("名称*", self.name)
        form.addRow("层级", self.level)
        form.addRow("类型", self.org_type)
        form.addRow("上级组织", self.parent_org)
        form.addRow("成立日期", self.founded)
        for key, label in (("short_name", "简称"), ("code", "党组织代码"), ("host_units", "依托/联合单位"),
                           ("contact_phone", "联系电话"), ("address", "地址")):
            form.addRow(label, self.extra[key])
        self.error = QLabel("")
        self.error.setStyleSheet("color: #B00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def load(self, detail, parent_id) -> None:
        self.org_id = detail.id
        self.name.setText(detail.name)
        self.level.setCurrentText(detail.level)
        self.org_type.setCurrentText(detail.org_type)
        self.parent_org.setCurrentIndex(max(self.parent_org.findData(parent_id), 0))
        self.founded.setText(detail.founded_on.isoformat() if detail.founded_on else "")
        for key in self.extra:
            self.extra[key].setText(getattr(detail, key, "") or "")

    def to_data(self):
        from app.services.org_admin import OrgData

        founded = None
        if self.founded.text().strip():
            try:
                founded = PartialDate.parse(self.founded.text()).value
            except ValueError as exc:
                raise ValidationError("成立日期", str(exc)) from None
        return OrgData(self.name.text(), self.level.currentText(), self.org_type.currentText(),
                       self.parent_org.currentData(), founded,
                       **{k: w.text() for k, w in self.extra.items()})


def _choices(session):
    from app.services.views.organisations import org_choices

    return org_choices(session)


def edit_org(page, runner, org_id: int | None, parent_id: int | None) -> None:
    """Add a sub-organisation (org_id None) or edit one."""

    def load(session):
        from app.services.views.organisations import org_choices, org_detail

        detail = org_detail(session, org_id) if org_id else None
        current_parent = None
        if org_id:
            from app.services.views.organisations import org_tree

            current_parent = next((n.parent_id for n in org_tree(session) if n.id == org_id), None)
        return org_choices(session), detail, current_parent

    def show(result) -> None:
        choices, detail, current_parent = result
        form = OrgForm(choices, page, title="编辑党组织" if detail else "新增下级组织")
        if detail:
            form.load(detail, current_parent)
        else:
            form.parent_org.setCurrentIndex(max(form.parent_org.findData(parent_id), 0))
            form.level.setCurrentText(OrgLevel.BRANCH.value)

        def save() -> None:
            try:
                data = form.to_data()
            except ValidationError as exc:
                form.error.setText(str(exc))
                return

            def write(session):
                from app.services import org_admin

                if org_id is None:
                    return org_admin.create_org(session, data)
                return org_admin.update_org(session, org_id, data, expected_version=None)

            runner.submit(write, write=True, kind="organisation", on_done=lambda _v: form.accept(),
                          on_error=lambda exc: form.error.setText(error_text(exc)))

        form.buttons.accepted.connect(save)
        page._org_form = form
        form.open()

    runner.submit(load, on_done=show)


def _pick_org(page, choices, prompt: str, exclude: int) -> int | None:
    items = [("　" * c.depth + c.name, c.id) for c in choices if c.id != exclude]
    labels = [label for label, _ in items]
    label, ok = QInputDialog.getItem(page, "选择组织", prompt, labels, 0, False)
    if not ok:
        return None
    return dict(items)[label]


def move_or_merge(page, runner, org_id: int, merge: bool) -> None:
    def chosen(choices) -> None:
        target = _pick_org(page, choices, "合并到：" if merge else "移到以下组织之下：", org_id)
        if target is None:
            return

        def write(session):
            from app.services import org_admin

            if merge:
                return org_admin.merge_org(session, org_id, target, date.today())
            return org_admin.move_org(session, org_id, target)

        runner.submit(write, write=True, kind="organisation",
                      on_error=lambda exc: QMessageBox.warning(page, "未完成", error_text(exc)))

    runner.submit(_choices, on_done=chosen)


def dissolve(page, runner, org_id: int, name: str) -> None:
    if QMessageBox.question(page, "撤销组织", f"确定撤销“{name}”？撤销前须先把它的党员转到其他组织。") != QMessageBox.Yes:
        return

    def write(session):
        from app.services import org_admin

        return org_admin.dissolve_org(session, org_id, date.today())

    runner.submit(write, write=True, kind="organisation",
                  on_error=lambda exc: QMessageBox.warning(page, "未撤销", error_text(exc)))


def new_term(page, runner, org_id: int) -> None:
    text, ok = QInputDialog.getText(page, "新一届委员会", "选举日期（如 2026-11-20）：", text=date.today().isoformat())
    if not ok:
        return
    try:
        started = PartialDate.parse(text).value
    except ValueError as exc:
        QMessageBox.warning(page, "日期有误", str(exc))
        return

    def write(session):
        from app.services import committees

        return committees.start_term(session, org_id, started)

    runner.submit(write, write=True, kind="organisation",
                  on_error=lambda exc: QMessageBox.warning(page, "未完成", error_text(exc)))


def appoint(page, runner, org_id: int) -> None:
    def load(session):
        from app.services import committees
        from app.services.member_search import MemberQuery, search

        term = committees.current_term(session, org_id)
        people = search(session, MemberQuery(org_id=org_id, category="正式党员", limit=None)).rows
        return term, people

    def chosen(result) -> None:
        term, people = result
        if term is None:
            QMessageBox.information(page, "提示", "请先登记“新一届委员会”。")
            return
        if not people:
            QMessageBox.information(page, "提示", "该组织没有正式党员。")
            return
        post, ok = QInputDialog.getItem(page, "任命委员", "职务：", [k.value for k in CommitteePostKind
                                                               if k is not CommitteePostKind.GROUP_LEADER], 0, False)
        if not ok:
            return
        labels = [f"{p.name}（{p.birth}）" for p in people]
        who, ok = QInputDialog.getItem(page, "任命委员", "人选：", labels, 0, False)
        if not ok:
            return
        member_id = people[labels.index(who)].id

        def write(session):
            from app.services import committees

            return committees.add_post(session, term.id, member_id, post)

        runner.submit(write, write=True, kind="organisation",
                      on_error=lambda exc: QMessageBox.warning(page, "未任命", error_text(exc)))

    runner.submit(load, on_done=chosen)
