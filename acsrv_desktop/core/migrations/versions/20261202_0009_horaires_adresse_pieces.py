"""Catalogue : horaires d'accueil, adresse du lieu et pièces à apporter de chaque fiche.

Three optional texts per entry, printed on the referral slip. Existing entries get none.

Adding columns needs no copy of the table. Dropping them (downgrade) is done in place too
(SQLite 3.35 and later): copying ``programme`` would delete it first, which its references
(contacts, parent entries, referrals) forbid while foreign keys are checked.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_hours", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("address", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("documents", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("documents")
        batch_op.drop_column("address")
        batch_op.drop_column("opening_hours")
