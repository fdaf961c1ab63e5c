"""Qt test setup: settings go to a temporary folder, never the developer's own."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_qsettings(tmp_path_factory, qapp):
    from PySide6.QtCore import QSettings

    from app.ui.app import make_application

    make_application()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path_factory.mktemp("qsettings")))
    yield
