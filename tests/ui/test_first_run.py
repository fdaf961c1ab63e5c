"""The first-run wizard: typed in Chinese page by page, then the database it fills and the 首页 checklist."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services import settings
from app.services.organisations import top_organisation
from app.services.views.organisations import display_names
from app.ui import app as app_module
from app.ui.first_run import BACKUP, BRANCHES, CLERK, DONE, ORGANISATION, PASSWORD_SLOT, START, FirstRunWizard
from tests.helpers_qt import type_chinese


def _wizard(qtbot) -> FirstRunWizard:
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _fill(wizard: FirstRunWizard, backup_folder, password: str = "") -> None:
    """Walk every page as a clerk would: type, add, next."""
    assert wizard.currentId() == START
    wizard.next()
    org = wizard.page(ORGANISATION)
    type_chinese(org.name, "幸福街道第一社区党委")
    wizard.next()
    assert wizard.currentId() == BRANCHES
    branches = wizard.page(BRANCHES)
    for name in ("第一党支部", "第二党支部"):
        type_chinese(branches.entry, name)
        branches.add.click()
    type_chinese(branches.entry, "离退休党支部")  # typed, not added: 下一步 takes it
    wizard.next()
    assert wizard.currentId() == CLERK
    type_chinese(wizard.page(CLERK).name, "王秀英")
    wizard.next()
    assert wizard.currentId() == PASSWORD_SLOT
    if password:
        wizard.page(PASSWORD_SLOT).password.setText(password)
        wizard.page(PASSWORD_SLOT).again.setText(password)
    wizard.next()
    assert wizard.currentId() == BACKUP
    wizard.page(BACKUP).folder.setText(str(backup_folder))
    wizard.next()
    assert wizard.currentId() == DONE


def test_a_name_is_required_before_the_branches_page(qtbot):
    wizard = _wizard(qtbot)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == ORGANISATION
    assert "请填写本级党组织名称" in wizard.page(ORGANISATION).error.text()


def test_the_demo_choice_finishes_on_the_first_page(qtbot):
    wizard = _wizard(qtbot)
    wizard.page(START).demo.setChecked(True)
    assert wizard.page(START).isFinalPage() and wizard.page(START).nextId() == -1
    assert wizard.choice() == FirstRunWizard.DEMO


def test_a_branch_typed_twice_is_refused_next_to_the_list(qtbot):
    wizard = _wizard(qtbot)
    wizard.next()
    type_chinese(wizard.page(ORGANISATION).name, "幸福社区党委")
    wizard.next()
    page = wizard.page(BRANCHES)
    for _ in range(2):
        type_chinese(page.entry, "第一党支部")
        page.add.click()
    assert page.names() == ["第一党支部"] and "填了两次" in page.error.text()
    assert not page.validatePage()


def test_the_branches_of_a_branch_are_party_groups(qtbot):
    wizard = _wizard(qtbot)
    wizard.next()
    type_chinese(wizard.page(ORGANISATION).name, "幸福社区党支部")
    wizard.page(ORGANISATION).type.setCurrentText("社区党支部")
    wizard.next()
    assert "党小组" in wizard.page(BRANCHES).subTitle()


def test_the_backup_folder_can_be_chosen_with_a_folder_dialog(qtbot, tmp_path, monkeypatch):
    wizard = _wizard(qtbot)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "U盘")))
    wizard.page(BACKUP).choose.click()
    assert wizard.page(BACKUP).folder.text() == str(tmp_path / "U盘")
    wizard.page(BACKUP).folder.setText("相对路径")
    assert not wizard.page(BACKUP).validatePage() and "完整的文件夹路径" in wizard.page(BACKUP).error.text()


def test_the_walk_collects_what_was_typed_and_sums_it_up(qtbot, tmp_path):
    wizard = _wizard(qtbot)
    _fill(wizard, tmp_path / "备份")
    setup = wizard.setup()
    assert setup.org_name == "幸福街道第一社区党委" and setup.org_type == "社区党委"
    assert setup.branches == ("第一党支部", "第二党支部", "离退休党支部")
    assert setup.clerk_name == "王秀英" and setup.backup_folder == str(tmp_path / "备份")
    summary = wizard.page(DONE).summary.text()
    assert "第一党支部、第二党支部、离退休党支部" in summary and "王秀英" in summary


def test_finishing_fills_the_database_and_the_home_page_lists_what_to_do_next(qtbot, tmp_path, monkeypatch):
    backup = tmp_path / "备份" / "支部台账"

    def clerk_walks(self):
        self.show()
        _fill(self, backup)
        self.hide()
        return FirstRunWizard.Accepted

    monkeypatch.setattr(FirstRunWizard, "exec", clerk_walks)
    QSettings().setValue("window/section", 3)  # the 党费 page was open last time: the wizard still lands on 首页
    launcher = app_module.Launcher(QApplication.instance(), tmp_path / "fresh.db", None)
    qtbot.addWidget(launcher.window)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=15000)
    runner = launcher.runner
    runner.wait_idle()
    assert launcher.window.windowTitle() == "支部台账 — 幸福街道第一社区党委"
    with runner.database.reading() as s:
        top = top_organisation(s)
        names = display_names(s)
        assert settings.get(s, "clerk.name") == "王秀英"
        assert settings.get(s, "backup.folder") == str(backup)
    assert top.level == "党委" and top.org_type == "社区"
    assert {"第一党支部", "第二党支部", "离退休党支部"} <= set(names.values())
    assert backup.is_dir()

    assert launcher.window.nav.currentRow() == 0
    qtbot.waitUntil(lambda: bool(launcher.window.pages[0].next_steps.rows), timeout=10000)
    panel = launcher.window.pages[0].next_steps
    assert not panel.isHidden()
    assert panel.done_keys() == {"branches", "backup"}  # branches and the backup folder came from the wizard
    panel.rows["meeting"][2].click()
    assert launcher.window.nav.currentRow() == 4  # 三会一课
    runner.wait_idle()
    runner.database.close()


def test_the_guide_pictures_show_each_wizard_page_the_new_home_and_an_import_preview(qtbot, sqlite_db, tmp_path):
    from PySide6.QtGui import QImage

    from app.services.demo import generate
    from app.ui.screenshot_guide import render_guide

    generate(sqlite_db, members=30, years=1)
    path = sqlite_db.path
    sqlite_db.close()
    written = render_guide(path, None, tmp_path / "shots")
    assert [p.name for p in written] == [f"guide-setup-{n}.png" for n in range(1, 8)] + [
        "guide-home-next-steps.png", "guide-import-preview.png"]
    sizes = {p.name: (QImage(str(p)).width(), QImage(str(p)).height()) for p in written}
    assert sizes["guide-setup-1.png"] == (720, 500) and sizes["guide-home-next-steps.png"] == (1280, 800)
    assert all(p.stat().st_size > 8_000 for p in written)


def test_a_password_chosen_in_the_wizard_is_asked_for_and_its_recovery_code_resets_it(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.services import auth
    from app.ui.lock import PasswordBox

    wizard = _wizard(qtbot)
    wizard.next()
    type_chinese(wizard.page(ORGANISATION).name, "幸福社区党委")
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PASSWORD_SLOT
    page = wizard.page(PASSWORD_SLOT)
    page.password.setText("abc12")
    page.again.setText("abc12")
    wizard.next()
    assert wizard.currentId() == PASSWORD_SLOT and "至少6个字符" in page.error.text()
    page.password.setText("abc123")
    wizard.next()
    assert wizard.currentId() == PASSWORD_SLOT and "不一样" in page.error.text()
    page.again.setText("abc123")
    wizard.next()
    assert wizard.currentId() == BACKUP and wizard.setup().password == "abc123"
    wizard.close()

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]) or QMessageBox.Ok)

    def clerk_walks(self):
        self.show()
        _fill(self, tmp_path / "备份", password="abc123")
        self.hide()
        return FirstRunWizard.Accepted

    monkeypatch.setattr(FirstRunWizard, "exec", clerk_walks)
    launcher = app_module.Launcher(QApplication.instance(), tmp_path / "fresh.db", None)
    qtbot.addWidget(launcher.window)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=15000)
    runner = launcher.runner
    runner.wait_idle()
    assert shown and "恢复码：" in shown[0]
    code = shown[0].split("恢复码：")[1].split()[0]
    db = runner.database
    assert auth.login_required(db)
    assert auth.check_password(db, "abc123").ok and not auth.check_password(db, "wrong1").ok

    done = []
    box = PasswordBox(runner, "请输入登录密码", done.append)
    qtbot.addWidget(box)
    box.recover()
    dialog = box._recovery
    dialog.code.setText("WRONG-CODE")
    dialog.password.setText("new-pass-1")
    dialog.again.setText("new-pass-1")
    dialog.save()
    runner.wait_idle()
    assert "恢复码" in dialog.error.text() and not done
    dialog.code.setText(code)
    dialog.save()
    runner.wait_idle()
    assert done == ["王秀英"] and dialog.new_code and dialog.new_code != code
    assert auth.check_password(db, "new-pass-1").ok
    runner.wait_idle()
    db.close()
