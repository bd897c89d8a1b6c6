"""Personnes : index sur la date de mise à jour des fiches.

The visitor lookup keeps the name words in memory; the records created or renamed on other
workstations since its last look are read through this index (a few rows), so that a typed
word no record carries can be answered without a query.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# An index alone: no table is copied (``visitor`` is referenced by several tables).
def upgrade() -> None:
    op.create_index("ix_visitor_updated_at", "visitor", ["updated_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_visitor_updated_at", table_name="visitor")
