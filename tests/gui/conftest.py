from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from acsrv_desktop.gui.preferences import Preferences


@pytest.fixture
def preferences(tmp_path) -> Preferences:
    """Preferences in an INI file of the test's own, never the user's."""
    return Preferences(QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat))
