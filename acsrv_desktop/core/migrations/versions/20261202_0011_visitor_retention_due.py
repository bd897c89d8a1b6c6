"""Personnes : index partiel des fiches que la conservation peut encore anonymiser.

The retention purge runs at every start-up. It looked through the index on the last visit,
which also holds every record already anonymised (most old records), so it slowed down as
the database aged; this index holds only the records not yet anonymised.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOT_ANONYMISED = "anonymised_at IS NULL"


# An index alone: no table is copied (``visitor`` is referenced by several tables).
def upgrade() -> None:
    op.create_index(
        "ix_visitor_retention_due",
        "visitor",
        ["last_seen_at", "created_at"],
        unique=False,
        sqlite_where=sa.text(NOT_ANONYMISED),
        postgresql_where=sa.text(NOT_ANONYMISED),
    )


def downgrade() -> None:
    op.drop_index("ix_visitor_retention_due", table_name="visitor")
