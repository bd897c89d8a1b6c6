"""Errors the user can act on. Their message is French and is shown as it is."""

from __future__ import annotations

import errno


class UserFacingError(Exception):
    """An error whose ``str()`` is a complete French sentence meant for the user."""


class DatabaseOpenError(UserFacingError):
    """The database cannot be opened or prepared; nothing was changed."""


class NewerSchemaError(DatabaseOpenError):
    """The database was written by a newer version of the application."""


class OlderSchemaError(DatabaseOpenError):
    """A shared (PostgreSQL) database behind the application: the federation's IT migrates it."""


class UninitialisedDatabaseError(DatabaseOpenError):
    """An empty shared (PostgreSQL) database: the federation's IT prepares it first."""


class NetworkShareError(DatabaseOpenError):
    """An SQLite file on a network filesystem, where WAL mode is unsafe."""


class NotAnAppDatabaseError(DatabaseOpenError):
    """The file or database is not one of this application."""


_OS_ERRORS_FR = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EEXIST: "existe déjà",
    errno.ENOSPC: "disque plein",
    errno.EROFS: "disque en lecture seule",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}


def french_os_error(exc: OSError) -> str:
    """A French description of a file-system error, with the file concerned."""
    reason = _OS_ERRORS_FR.get(exc.errno or -1, exc.strerror or str(exc))
    return f"{reason} ({exc.filename})" if exc.filename else reason
