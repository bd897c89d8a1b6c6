"""Conservation : date d’anonymisation des fiches.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 18:08:11.260492
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visitor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visitor", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
