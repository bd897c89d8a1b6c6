"""Generation of the Python form modules from the Designer files in ``ui/``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from acsrv_desktop.paths import shipped_dir

FORMS_PACKAGE_DIR = Path(__file__).resolve().parent / "forms"


def _uic_command() -> list[str]:
    exe = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "PySide6.scripts.pyside_tool", "uic"]


def generated_source(ui_file: Path) -> str:
    result = subprocess.run(
        [*_uic_command(), str(ui_file)], check=True, capture_output=True, text=True
    )
    return result.stdout


def comparable(source: str) -> str:
    """The generated code without its header (which names the uic version)."""
    return "\n".join(line for line in source.splitlines() if not line.startswith("##"))


def module_path(ui_file: Path) -> Path:
    return FORMS_PACKAGE_DIR / f"ui_{ui_file.stem}.py"


def ui_files() -> list[Path]:
    return sorted(shipped_dir("ui").glob("*.ui"))


def build_all() -> list[Path]:
    written = []
    for ui_file in ui_files():
        target = module_path(ui_file)
        target.write_text(generated_source(ui_file), encoding="utf-8")
        written.append(target)
    return written
