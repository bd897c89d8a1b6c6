"""Errors told without the values they carry: what the log and the crash dialog may show.

An exception's text is not safe to write down: SQLAlchemy's holds the statement's parameters
(a first name, a visit's note), PostgreSQL's DETAIL quotes the duplicate key, a ``KeyError``
or a ``ValueError`` raised over a row quotes its values, an ``OSError`` names a file the user
may have named after a person. So an error is told by its type and by facts known to carry no
value: a driver's error code and the names of the constraint, table and column involved,
SQLite's own message (it names columns, never values), an errno. The traceback keeps its
frames (file, line, function, source line — code, never data) and loses every message.

Qt-free and SQLAlchemy-free (duck-typed): the log is set up before either is imported.
"""

from __future__ import annotations

import errno
import traceback

from acsrv_desktop.core.errors import DatabaseOpenError

OMITTED = "message omis"
# What a driver's error may say of itself without quoting a value (psycopg's ``diag``).
_SAFE_DIAGNOSTICS = ("constraint_name", "table_name", "column_name")
# Python's own words between the exceptions of a chain.
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def error_type_name(exc: BaseException) -> str:
    kind = type(exc)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def safe_error_text(exc: BaseException) -> str:
    """``exc`` in one line: its type and only what cannot hold a person's data."""
    name = error_type_name(exc)
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException) and hasattr(exc, "statement"):  # SQLAlchemy's DBAPIError
        return f"{name} ({_driver_error_text(orig)})"
    if isinstance(exc, DatabaseOpenError):
        # Written by the application about the database (its file, its server), not a person.
        return f"{name}: {exc}"
    if isinstance(exc, OSError) and exc.errno is not None:
        # Never the file name: an export may be named after the person it is about.
        code = errno.errorcode.get(exc.errno, str(exc.errno))
        return f"{name}: [{code}] {exc.strerror or ''}".rstrip()
    return f"{name} ({OMITTED})"


def _driver_error_text(orig: BaseException) -> str:
    name = error_type_name(orig)
    sqlite_code = getattr(orig, "sqlite_errorname", None)
    if sqlite_code is not None:
        # SQLite's messages name constraints and columns (« UNIQUE constraint failed:
        # visitor.x », « database is locked »), never a bound value.
        first_line = (str(orig).splitlines() or [""])[0]
        return f"{name} {sqlite_code}: {first_line}"
    parts = [name]
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        parts.append(f"SQLSTATE {sqlstate}")
    diag = getattr(orig, "diag", None)
    for field in _SAFE_DIAGNOSTICS:
        value = getattr(diag, field, None) if diag is not None else None
        if value:
            parts.append(f"{field}={value}")
    return ", ".join(parts)


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and of the exceptions it was raised from, as Python prints
    it, each message replaced by ``safe_error_text``."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            current = None
    lines: list[str] = []
    for error, following in reversed(chain):
        if error.__traceback__ is not None:
            lines.append("Traceback (most recent call last):\n")
            lines.extend(traceback.format_tb(error.__traceback__))
        lines.append(safe_error_text(error) + "\n")
        if following:
            lines.append(following)
    return "".join(lines)
