"""Personnes : index partiel des fiches fusionnées dans une autre (presque toujours vide).

The visitor lookup leaves out the records merged into another one. Read from the table, that
condition cost a row per visitor looked at, while the lookup otherwise reads only indexes
(the most recent visitors from the index on the last visit, their names from the token
index); the ids of the merged records are now read from this index, which holds them alone
(none are made today: a merge deletes the duplicate). Deleting or erasing a visitor also
finds the records merged into it through this index instead of reading the whole table.
A later migration that copies ``visitor`` (batch mode on SQLite) must create it again with its
WHERE, as 0012 does for ``ix_visitor_retention_due``.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGED = "merged_into_id IS NOT NULL"


# An index alone: no table is copied (``visitor`` is referenced by several tables).
def upgrade() -> None:
    op.create_index(
        "ix_visitor_merged",
        "visitor",
        ["merged_into_id"],
        unique=False,
        sqlite_where=sa.text(MERGED),
        postgresql_where=sa.text(MERGED),
    )


def downgrade() -> None:
    op.drop_index("ix_visitor_merged", table_name="visitor")
