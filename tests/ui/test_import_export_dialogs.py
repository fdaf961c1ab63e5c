"""Import preview and roster export from the window, on the messy files in tests/data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.database import Database
from app.ui.tasks import TaskRunner

DATA = Path(__file__).resolve().parents[1] / "data"


def _runner(tmp_path):
    db = Database.open(path=tmp_path / "b.db")
    runner = TaskRunner()
    runner.database = db
    return db, runner


def test_preview_shows_errors_and_refuses_to_import(qtbot, tmp_path):
    from app.ui.dialogs.import_members import start_import

    db, runner = _runner(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    start_import(parent, runner, str(DATA / "messy_roster_bad.xlsx"))
    runner.wait_idle()
    preview = parent._import_preview
    assert not preview.buttons.button(preview.buttons.StandardButton.Ok).isEnabled()
    from PySide6.QtWidgets import QTabWidget

    tabs = preview.findChild(QTabWidget)
    assert tabs.tabText(0).startswith("错误（") and tabs.widget(0).model().rowCount() >= 4
    db.close()


def test_import_then_export_from_the_window(qtbot, tmp_path, monkeypatch):
    from app.ui.dialogs.export_roster import ExportRosterDialog
    from app.ui.dialogs.import_members import start_import

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    db, runner = _runner(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    start_import(parent, runner, str(DATA / "messy_roster.xlsx"))
    runner.wait_idle()
    preview = parent._import_preview
    ok = preview.buttons.button(preview.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    ok.click()
    runner.wait_idle()
    with db.reading() as s:
        from sqlalchemy import func, select

        from app.db.models import Member

        assert s.scalar(select(func.count()).select_from(Member)) == 4
    assert list((tmp_path / "b-backups").glob("b-before-import-*.db"))
    dialog = ExportRosterDialog(runner, parent)
    qtbot.addWidget(dialog)
    runner.wait_idle()
    dialog.fmt.setCurrentIndex(dialog.fmt.findData("xlsx"))
    dialog._go(str(tmp_path / "roster"))
    runner.wait_idle()
    assert (tmp_path / "roster.xlsx").exists()
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "roster.xlsx").active.max_row == 3 + 4
    db.close()


def test_the_clerk_corrects_the_column_mapping_and_saves_it(qtbot, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from app.services.import_profiles import load_profile
    from app.ui.dialogs.import_members import start_import

    wb = Workbook()
    ws = wb.active
    ws.append(["名单"])
    ws.append(["姓名", "性别", "所属支部"])
    ws.append(["李雷", "男", "第一党支部"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    db, runner = _runner(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    start_import(parent, runner, str(path))
    runner.wait_idle()
    preview = parent._import_preview
    assert not preview.buttons.button(preview.buttons.StandardButton.Ok).isEnabled()  # 所属支部 unknown → no branch
    box = preview.mapping["所属支部"]
    box.setCurrentIndex(box.findData("org"))
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("街道格式", True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    preview.save_profile.click()
    runner.wait_idle()
    preview.recheck.click()
    runner.wait_idle()
    again = parent._import_preview
    assert again is not preview and again.buttons.button(again.buttons.StandardButton.Ok).isEnabled()
    with db.reading() as s:
        assert load_profile(s, "街道格式")["所属支部"] == "org"
    db.close()
