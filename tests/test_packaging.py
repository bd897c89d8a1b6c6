"""A wheel built from the repository, installed alone in a new venv, starts and finds its data.

The wheel is installed without its dependencies, which the new venv borrows from the test
environment through a path file: this keeps the test fast (no 400 MB Qt download) while the
package itself, its forms and its data can only come from the wheel — the source tree is not
on the new interpreter's path, and the test checks where everything was found.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from acsrv_desktop import __version__

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("acsrv_desktop-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new venv with the wheel installed (not editable): returns its bin folder."""
    root = tmp_path_factory.mktemp("venv")
    venv.create(root, with_pip=False)
    python = root / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    dependencies = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "borrowed_dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n")
    return root / "bin"


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ACSRV_DATABASE_URL")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return env


def test_the_wheel_carries_forms_data_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "acsrv_desktop/_data/ui/main_window.ui" in names
    assert "acsrv_desktop/_data/resources/icons/acsrv.svg" in names
    assert "acsrv_desktop/gui/forms/ui_main_window.py" in names
    assert any(n.startswith("acsrv_desktop/core/migrations/versions/") for n in names)
    assert "acsrv_desktop/core/migrations/env.py" in names
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


def test_installed_wheel_reports_its_version(installed, tmp_path):
    result = subprocess.run(
        [str(installed / "acsrv-desktop"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=_clean_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"acsrv-desktop {__version__}"


def test_installed_wheel_finds_everything_inside_itself(installed, tmp_path):
    probe = (
        "import acsrv_desktop, acsrv_desktop.core.schema as s;"
        "from acsrv_desktop import paths;"
        "print(acsrv_desktop.__file__);"
        "print(paths.shipped_file('ui', 'main_window.ui'));"
        "print(paths.shipped_file('resources', 'icons', 'acsrv.svg'));"
        "print(s.MIGRATIONS_DIR)"
    )
    result = subprocess.run(
        [str(installed / "python"), "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=_clean_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    venv_root = installed.parent.resolve()
    for line in result.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv_root), line
        assert not Path(line).resolve().is_relative_to(REPO), line


def test_installed_wheel_starts_headless_and_creates_its_database(installed, tmp_path):
    result = subprocess.run(
        [str(installed / "acsrv-desktop"), "--quit-when-idle"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=_clean_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "Fenêtre principale affichée" in result.stdout
    assert (tmp_path / "data" / "acsrv-desktop" / "acsrv.sqlite3").exists()
    log = (tmp_path / "state" / "acsrv-desktop" / "log" / "acsrv-desktop.log").read_text()
    assert "icône de l'application introuvable" not in log
