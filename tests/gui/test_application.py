"""The real start-up path: areas built, French crash reporter installed (in a child process,
so that quitting its QApplication cannot disturb the other tests)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys, threading
from acsrv_desktop.gui import application
status = application.run_gui(sys.argv[1], quit_when_idle=True)
hook_owner = type(getattr(sys.excepthook, "__self__", None)).__name__
print(status, hook_owner, threading.excepthook is not threading.__excepthook__)
"""


def test_run_gui_installs_the_french_crash_reporter(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, f"sqlite:///{tmp_path / 'a.sqlite3'}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 UnexpectedErrorReporter True"
