"""Where the application keeps its files, and where it finds the data it ships.

Qt-free: used by the CLI, the GUI and the tests alike.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from acsrv_desktop import APP_NAME, ORGANISATION_NAME
from acsrv_desktop.core.private_files import private_folder

_PACKAGE_DIR = Path(__file__).resolve().parent


def user_data_dir() -> Path:
    """The folder holding the embedded database and its backups (created on demand, 0700:
    what is inside is personal data)."""
    return private_folder(Path(platformdirs.user_data_dir(APP_NAME, ORGANISATION_NAME)))


def user_log_dir() -> Path:
    """The log's folder (0700, like the data's)."""
    return private_folder(Path(platformdirs.user_log_dir(APP_NAME, ORGANISATION_NAME)))


def backup_dir_path() -> Path:
    """Where backups go; created only when a backup is actually written."""
    return Path(platformdirs.user_data_dir(APP_NAME, ORGANISATION_NAME)) / "sauvegardes"


def default_database_path() -> Path:
    return user_data_dir() / "acsrv.sqlite3"


def shipped_dir(name: str) -> Path:
    """The folder ``ui`` or ``resources`` that ships with the application.

    In a wheel they are copied inside the package (``acsrv_desktop/_data/<name>``, see
    pyproject.toml); in a source checkout or an editable install they stay at the top of the
    repository.
    """
    if name not in ("ui", "resources"):
        raise ValueError(f"unknown shipped folder: {name!r}")
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    source = _PACKAGE_DIR.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"dossier « {name} » introuvable : installation incomplète")


def shipped_file(name: str, *parts: str) -> Path:
    path = shipped_dir(name).joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"fichier introuvable dans l'installation : {path}")
    return path
