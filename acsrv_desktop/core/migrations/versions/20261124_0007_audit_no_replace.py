"""Journal d’audit : un « INSERT OR REPLACE » SQLite ne peut plus réécrire une entrée.

SQLite applies REPLACE by deleting the old row without firing delete triggers (unless
recursive_triggers is on): a row with the id of an existing entry is refused before insertion.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGER = """
CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry
WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'journal d''audit : une entrée ne se remplace pas');
END
"""


def upgrade() -> None:
    # PostgreSQL's "ON CONFLICT DO UPDATE" is an update: its trigger already refuses it.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_entry_no_replace")
