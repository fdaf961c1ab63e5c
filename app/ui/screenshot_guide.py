"""Pictures for the user guide (docs/guide.md) that the page screenshots do not show:
the first-run wizard page by page, the 首页 right after it, and the preview of a roster import.

python -m app --db DEMO.db screenshot --out DIR --guide. The demo database gives the roster that is
"imported"; the setup itself runs in a throw-away database in a temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ORG = "幸福街道第一社区党委"
BRANCHES = ("第一党支部", "第二党支部", "离退休党支部")
SHOWN_FOLDER = "E:\\支部台账备份"  # what a clerk's USB drive looks like; the setup itself uses a temporary folder


def _settle(app, runner) -> None:
    for _ in range(3):
        app.processEvents()
        runner.wait_idle(120000)
    app.processEvents()


def _wizard_pictures(app, out_dir: Path, backup_folder: str) -> tuple[list[Path], object]:
    """Each page filled as a clerk would, grabbed; the folder shown is a Windows one, the one used is real."""
    from app.ui.first_run import BACKUP, BRANCHES as BRANCHES_PAGE, CLERK, DONE, ORGANISATION, FirstRunWizard

    wizard = FirstRunWizard()
    wizard.resize(720, 500)
    wizard.show()
    fill = {
        ORGANISATION: lambda p: p.name.setText(ORG),
        BRANCHES_PAGE: lambda p: [p.list.addItem(name) for name in BRANCHES],
        CLERK: lambda p: p.name.setText("王秀英"),
        BACKUP: lambda p: p.folder.setText(SHOWN_FOLDER),
    }
    written, setup = [], None
    for n in range(1, 8):  # start, organisation, branches, clerk, password, backup, done
        page_id = wizard.currentId()
        if page_id in fill:
            fill[page_id](wizard.page(page_id))
        if page_id == DONE:
            setup = wizard.setup()  # with the real folder
            wizard.page(BACKUP).folder.setText(SHOWN_FOLDER)
            wizard.page(DONE).initializePage()
        app.processEvents()
        target = out_dir / f"guide-setup-{n}.png"
        wizard.grab().save(str(target))
        written.append(target)
        if page_id == BACKUP:
            wizard.page(BACKUP).folder.setText(backup_folder)
        wizard.next()
    wizard.close()
    return written, setup


def render_guide(path: Path | None, url: str | None, out_dir: Path, *, size=(1280, 800)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.io.roster_xlsx import write_roster_xlsx
    from app.services.database import Database
    from app.services.first_setup import apply_first_setup
    from app.services.roster import build_roster
    from app.ui.app import make_application
    from app.ui.dialogs.import_members import ImportPreview, _plan
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskRunner

    app = make_application()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="branchbook-guide-") as tmp:
        tmp_dir = Path(tmp)
        written, setup = _wizard_pictures(app, out_dir, str(tmp_dir / "备份"))

        source = Database.open(path=path, url=url)
        try:
            with source.reading() as session:
                roster = build_roster(session)
            sheet = tmp_dir / "党员花名册.xlsx"
            write_roster_xlsx(roster, sheet)
        finally:
            source.close()

        db = Database.open(path=tmp_dir / "branchbook.db")
        runner = TaskRunner()
        runner.database = db
        window = MainWindow(runner, remember=False)
        window.resize(*size)
        try:
            with db.unit_of_work(actor="截图") as session:
                apply_first_setup(session, setup)
            window.show()
            window.database_ready(setup.org_name, "branchbook.db")
            _settle(app, runner)
            target = out_dir / "guide-home-next-steps.png"
            window.grab().save(str(target))
            written.append(target)

            with db.reading() as session:
                parsed, plan = _plan(session, str(sheet), None)
            preview = ImportPreview(parsed, plan, "D:\\党务\\党员花名册.xlsx", window)
            preview.show()
            app.processEvents()
            target = out_dir / "guide-import-preview.png"
            preview.grab().save(str(target))
            written.append(target)
            preview.close()
        finally:
            window.close()
            runner.wait_idle(120000)
            db.close()
    return written
