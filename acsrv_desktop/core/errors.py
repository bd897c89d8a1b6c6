"""Errors the user can act on. Their message is French and is shown as it is."""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose ``str()`` is a complete French sentence meant for the user."""


class DatabaseOpenError(UserFacingError):
    """The database cannot be opened or prepared; nothing was changed."""


class NewerSchemaError(DatabaseOpenError):
    """The database was written by a newer version of the application."""


class NetworkShareError(DatabaseOpenError):
    """An SQLite file on a network filesystem, where WAL mode is unsafe."""


class NotAnAppDatabaseError(DatabaseOpenError):
    """The file or database is not one of this application."""
