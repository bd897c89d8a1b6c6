"""A really damaged SQLite file, as a failing disk leaves one (shared by the backup tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str = "visit") -> None:
    """Overwrite the first page of ``table``'s b-tree with garbage, in the file itself (the
    WAL checkpointed into it first). Close the application's connections before: a damage
    done under an open connection may be hidden by its cache."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    finally:
        connection.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xde\xad" * (page_size // 2))
