"""Opening the member form and the event form from a page, with the work on the task runner."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.domain.errors import ValidationError
from app.ui.dialogs.member_form import MemberForm, OrgChoice
from app.ui.table_model import RowTableModel, col


def _load(session, member_id):
    from app.services.members import get_member
    from app.services.views.organisations import org_tree

    orgs = [OrgChoice(n.id, n.name, n.level, n.parent_id) for n in org_tree(session) if not n.dissolved]
    return orgs, (get_member(session, member_id) if member_id else None)


def _save(session, member_id, version, data):
    from app.services.members import create_member, update_member

    if member_id is None:
        return create_member(session, data)
    return update_member(session, member_id, data, expected_version=version)


def open_member_form(parent: QWidget, runner, member_id: int | None) -> None:
    def show(loaded) -> None:
        orgs, detail = loaded
        form = MemberForm(orgs, parent, title="新增党员" if detail is None else f"编辑党员 — {detail.data.name}")
        if detail is not None:
            form.load(detail.data, member_id=detail.id, version=detail.version)
            if detail.events:
                history = RowTableModel([col("日期", "event_date", 96), col("变动", "kind", 70),
                                         col("类型/去向", "counterpart", 160), col("说明", "reason", 200)])
                history.reset(list(detail.events))
                from app.ui.pages.base import make_table

                form.layout().insertWidget(form.layout().count() - 2, QLabel(f"变动记录（状态：{detail.status}）"))
                table = make_table(history, sort=False)
                table.setMaximumHeight(140)
                form.layout().insertWidget(form.layout().count() - 2, table)
        _run(form)

    def _run(form: MemberForm) -> None:
        form.buttons.accepted.disconnect()
        form.buttons.accepted.connect(lambda: _submit(form))
        parent._member_form = form  # the open form, for tests and for focus
        form.open()

    def _submit(form: MemberForm) -> None:
        form.clear_errors()
        try:
            data = form.to_data()
        except ValidationError as exc:
            form.show_error(exc)
            return

        def done(result) -> None:
            form.accept()
            if result.warnings:
                QMessageBox.information(parent, "已保存", "已保存。请注意：\n" + "\n".join(result.warnings))

        def failed(exc) -> None:
            if isinstance(exc, ValidationError):
                form.show_error(exc)
            else:
                from app.ui.tasks import error_text

                form.general_error.setText(error_text(exc))

        runner.submit(_save, form.member_id, form.version, data, write=True, kind="member", on_done=done,
                      on_error=failed)

    runner.submit(_load, member_id, on_done=show)


def _add_event(session, member_id, data):
    from app.services.member_events import add_event

    return add_event(session, member_id, data)


def open_event_form(parent: QWidget, runner, member_id: int, name: str) -> None:
    from app.ui.dialogs.event_form import EventForm

    form = EventForm(name, parent)

    def submit() -> None:
        data = form.to_data()
        runner.submit(_add_event, member_id, data, write=True, kind="member", on_done=lambda _r: form.accept(),
                      on_error=lambda exc: form.show_error(exc) if isinstance(exc, ValidationError)
                      else form.error.setText(str(exc)))

    form.buttons.accepted.disconnect()
    form.buttons.accepted.connect(submit)
    parent._event_form = form
    form.open()
