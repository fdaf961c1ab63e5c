"""Render each of the nine main pages offscreen to a PNG (python -m app --db DB screenshot --out DIR)."""

from __future__ import annotations

import os
from pathlib import Path


def render_pages(path: Path | None, url: str | None, out_dir: Path, *, size=(1280, 800)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.services.database import Database
    from app.services.organisations import top_organisation
    from app.ui.app import make_application
    from app.ui.main_window import FILE_NAMES, SECTIONS, MainWindow
    from app.ui.tasks import TaskRunner

    app = make_application()
    db = Database.open(path=path, url=url)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner, remember=False)
    window.resize(*size)
    try:
        with db.reading() as session:
            top = top_organisation(session)
        window.show()
        window.database_ready(top.name if top else "（未设置党组织）", db.display_name)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for index, _name in enumerate(SECTIONS):
            window.nav.setCurrentRow(index)
            for _ in range(3):  # pages may chain jobs (filters, then rows)
                app.processEvents()
                runner.wait_idle(120000)
            app.processEvents()
            target = out_dir / f"{FILE_NAMES[index]}.png"
            window.grab().save(str(target))
            written.append(target)
            tabs = getattr(window.pages.get(index), "tabs", None)
            for k in range(1, tabs.count() if tabs is not None else 0):  # a page's further tabs: 04-dues-2.png …
                tabs.setCurrentIndex(k)
                for _ in range(3):
                    app.processEvents()
                    runner.wait_idle(120000)
                target = out_dir / f"{FILE_NAMES[index]}-{k + 1}.png"
                window.grab().save(str(target))
                written.append(target)
            if tabs is not None:
                tabs.setCurrentIndex(0)
        return written
    finally:
        window.close()
        db.close()
