"""Journal d’audit : l’empreinte chaînée de chaque entrée (SQLite).

Each entry of an SQLite trail carries ``chain_hash``, the hex HMAC-SHA256 of the previous
entry's and of its own fields, under a key kept outside the database file
(``core/accounts/audit_chain.py``). It is computed before the INSERT: the triggers of 0006 and
0007 still refuse any UPDATE, and are kept (SQLite adds a nullable column in place, without
rebuilding the table, so its triggers stay). On PostgreSQL the server's privileges and
triggers protect the trail: the column stays NULL there.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # recreate="auto": an added nullable column is an ALTER TABLE ADD COLUMN on SQLite too.
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column by rebuilding the table, which loses its triggers: those of
        # 0006 and 0007 are made again (as they were written there).
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'journal d''audit : une entrée ne se modifie pas'); END
    """,
    """
    CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    WHEN OLD.occurred_at >= datetime('now', '-12 months')
    BEGIN
        SELECT RAISE(ABORT, 'journal d''audit : une entrée de moins de 12 mois ne s''efface pas');
    END
    """,
    """
    CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry
    WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'journal d''audit : une entrée ne se remplace pas');
    END
    """,
)
