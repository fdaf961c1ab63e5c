"""The first-run wizard: typed in Chinese page by page, then the database it fills and the 首页 checklist."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services import settings
from app.services.organisations import top_organisation
from app.services.views.organisations import display_names
from app.ui import app as app_module
from app.ui.first_run import BACKUP, BRANCHES, CLERK, DONE, ORGANISATION, START, FirstRunWizard
from tests.helpers_qt import type_chinese


def _wizard(qtbot) -> FirstRunWizard:
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _fill(wizard: FirstRunWizard, backup_folder) -> None:
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
    assert [p.name for p in written] == [f"guide-setup-{n}.png" for n in range(1, 7)] + [
        "guide-home-next-steps.png", "guide-import-preview.png"]
    sizes = {p.name: (QImage(str(p)).width(), QImage(str(p)).height()) for p in written}
    assert sizes["guide-setup-1.png"] == (720, 500) and sizes["guide-home-next-steps.png"] == (1280, 800)
    assert all(p.stat().st_size > 8_000 for p in written)


def test_a_page_set_at_the_password_slot_comes_between_the_clerk_and_the_backup_pages(qtbot, tmp_path):
    from PySide6.QtWidgets import QWizardPage

    from app.ui.first_run import PASSWORD_SLOT

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.setPage(PASSWORD_SLOT, QWizardPage())  # what the login work will add, without touching the others
    wizard.show()
    wizard.next()
    type_chinese(wizard.page(ORGANISATION).name, "幸福社区党委")
    seen = [wizard.currentId()]
    while wizard.currentId() != DONE:
        wizard.next()
        seen.append(wizard.currentId())
    assert seen == [ORGANISATION, BRANCHES, CLERK, PASSWORD_SLOT, BACKUP, DONE]


def test_the_roster_step_opens_the_members_page_and_its_excel_import(qtbot, sqlite_db, monkeypatch):
    from app.services.first_setup import FirstSetup, apply_first_setup
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskRunner

    with sqlite_db.unit_of_work() as s:
        apply_first_setup(s, FirstSetup("幸福社区党委", "社区党委"))
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (asked.append(a[1]), ("", ""))[1]))
    runner = TaskRunner()
    runner.database = sqlite_db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", sqlite_db.display_name)
    panel = window.pages[0].next_steps
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=10000)
    assert panel.done_keys() == set() and not panel.isHidden()
    panel.rows["roster"][2].click()
    assert window.nav.currentRow() == 2 and asked == ["选择党员名册"]
    runner.wait_idle()


def test_a_folder_that_cannot_be_made_writes_nothing_and_brings_the_wizard_back(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    blocker = tmp_path / "备份.txt"
    blocker.write_text("不是文件夹", encoding="utf-8")
    runs, warned = [], []

    def clerk_walks(self):
        runs.append(self.currentId())
        if len(runs) > 1:
            return FirstRunWizard.Rejected  # the second time the clerk gives up
        self.show()
        _fill(self, blocker / "子文件夹")
        self.hide()
        return FirstRunWizard.Accepted

    monkeypatch.setattr(FirstRunWizard, "exec", clerk_walks)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, title, text, *a: warned.append(text)))
    launcher = app_module.Launcher(QApplication.instance(), tmp_path / "fresh.db", None)
    exits = []
    launcher.app = type("App", (), {"exit": lambda self, code=0: exits.append(code)})()
    qtbot.addWidget(launcher.window)
    launcher.start()
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=15000)
    assert "备份文件夹" in warned[0] and exits == [0]
    with launcher.runner.database.reading() as s:
        assert top_organisation(s) is None and settings.get(s, "clerk.name") == ""
    launcher.runner.wait_idle()
    launcher.runner.database.close()
